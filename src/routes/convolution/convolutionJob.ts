/**
 * The Convolution lab's engine call: the prepared image and the settings of one request →
 * the snapshot the page shows (the maps, plus exactly what they were computed from).
 */
import * as tf from '@tensorflow/tfjs-core';
import { convolve } from '$lib/engine/convolution';
import { gradientMagnitude } from '$lib/engine/gradientMagnitude';
import { prepareImage, type PreparedImage } from '$lib/engine/preparedImage';
import type { SourceImage } from '$lib/image/decodeImage';
import type { ConvolutionSnapshot } from './convolutionSnapshot';

export type ConvolutionRequest = Omit<ConvolutionSnapshot, 'maps'> & { prepared: PreparedImage };

/** Resolves null when the image went away meanwhile (a request queued before it changed). */
export async function convolutionJob(
	request: ConvolutionRequest
): Promise<ConvolutionSnapshot | null> {
	const { prepared, ...settings } = request;
	if (prepared.isDisposed) return null;
	const { kernel, geometry, mode } = settings;
	const maps =
		settings.view === 'gradient'
			? await gradientMagnitude(prepared, kernel, geometry, mode)
			: await convolve(prepared, kernel, geometry, mode);
	return { maps, ...settings };
}

/** The image on the backend, prepared once (luma, channel planes) for every request on it. */
export function preparedFrom(image: SourceImage): PreparedImage {
	const tensor = tf.tensor3d(image.rgb, [image.height, image.width, 3]);
	const prepared = prepareImage(tensor);
	tensor.dispose(); // the prepared image keeps its own reference
	return prepared;
}
