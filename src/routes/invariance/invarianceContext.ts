/**
 * What the invariance lab keeps per image and conv bank: the image as the bank reads it, the
 * fixed fully connected layer on the backend, and (once computed) every representation of the
 * unshifted original, the reference each shift is compared with. Made again when the image,
 * the bank or the backend changes; `isDisposed` lets a request queued before that change see
 * it has nothing to do.
 */
import * as tf from '@tensorflow/tfjs-core';
import { FC_SIDE, FC_UNITS } from '$lib/engine/fullyConnected';
import {
	shiftReference,
	type InvarianceLayers,
	type PlainImage,
	type ShiftReference
} from '$lib/engine/shiftSimilarity';
import { lumaOf } from '$lib/image/pixelsToFloat';
import type { SourceImage } from '$lib/image/decodeImage';

export interface BankSettings {
	kernels: Float32Array[];
	kernelSize: number;
	relu: boolean;
	input: 'gray' | 'rgb';
}

export interface InvarianceContext {
	readonly id: number;
	readonly image: PlainImage;
	readonly layers: InvarianceLayers;
	/** the original's representations, computed on first use */
	reference(): Promise<ShiftReference>;
	readonly isDisposed: boolean;
	dispose(): void;
}

let contexts = 0;

/** @param fcWeights [FC_SIDE², FC_UNITS] row-major, made once per page (4 MB) */
export function invarianceContext(
	source: SourceImage,
	bank: BankSettings,
	fcWeights: Float32Array
): InvarianceContext {
	const { height, width } = source;
	const image: PlainImage =
		bank.input === 'gray'
			? { data: lumaOf(source.rgb, width, height), height, width, channels: 1 }
			: { data: source.rgb, height, width, channels: 3 };
	const layers: InvarianceLayers = {
		kernels: bank.kernels,
		kernelSize: bank.kernelSize,
		relu: bank.relu,
		fcWeights: tf.tensor2d(fcWeights, [FC_SIDE * FC_SIDE, FC_UNITS])
	};
	let reference: Promise<ShiftReference> | null = null;
	let disposed = false;
	return {
		id: ++contexts,
		image,
		layers,
		reference() {
			if (disposed) return Promise.reject(new Error('this image was replaced'));
			reference ??= shiftReference(image, layers);
			return reference;
		},
		get isDisposed() {
			return disposed;
		},
		dispose() {
			if (disposed) return;
			disposed = true;
			// A reference still being computed holds the weights until its tidy ends: TF.js
			// keeps a tensor's data alive while an op that reads it runs.
			layers.fcWeights.dispose();
		}
	};
}
