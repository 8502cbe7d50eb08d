/**
 * The Network lab's main picture: every layer's maps for one request, from the classifier (a
 * 28×28 input and the weights version it asks for) or the selfie network (the shared RGB image as
 * a tensor, made and freed by the runtime: `selfieInput`).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { ClassifierPicture, ClassifierSession } from './classifierSession';
import type { SelfiePicture, SelfieSession } from './selfieSession';

export type Picture =
	{ kind: 'fashion'; p: ClassifierPicture } | { kind: 'selfie'; p: SelfiePicture };
export type PictureRequest =
	| { kind: 'fashion'; input: Float32Array; version: number }
	| { kind: 'selfie'; tensor: tf.Tensor3D };

/** The shared image as the selfie network's input, [height, width, 3]; the caller disposes it. */
export function selfieInput(image: { rgb: Float32Array; height: number; width: number }) {
	return tf.tensor3d(image.rgb, [image.height, image.width, 3]);
}

/** Every layer's maps for `request`, or null when its network is not loaded (or its input went). */
export async function networkPicture(
	request: PictureRequest,
	classifier: ClassifierSession | null,
	selfie: SelfieSession | null
): Promise<Picture | null> {
	if (request.kind === 'fashion')
		return classifier ? { kind: 'fashion', p: await classifier.run(request.input) } : null;
	if (!selfie || request.tensor.isDisposed) return null;
	return { kind: 'selfie', p: await selfie.run(request.tensor) };
}

/** The class the classifier's picture predicts (highest probability), or null for the selfie network. */
export function predictedClass(picture: Picture | null): number | null {
	if (picture?.kind !== 'fashion') return null;
	const p = picture.p.probabilities;
	let best = 0;
	for (let i = 1; i < p.length; i++) if (p[i] > p[best]) best = i;
	return best;
}
