/**
 * What the invariance lab keeps per image and conv bank: the image as the bank reads it and
 * (once computed) every representation of the unshifted original, the reference each shift is
 * compared with — all plain arrays, so a curve still running on an older webcam frame can
 * finish after the next frame arrived. Made again when the image or the bank changes;
 * `isDisposed` lets a main-picture request queued before that change see it is stale. It also
 * keeps the bank's conv filter on the backend, made once, for every shift of a drag.
 */
import type * as tf from '@tensorflow/tfjs-core';
import { bankFilter } from '$lib/engine/convBank';
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
	/** the bank as one conv filter (convBank's `bankFilter`), made on first use, freed by dispose */
	filter(): tf.Tensor4D;
	readonly isDisposed: boolean;
	dispose(): void;
}

let contexts = 0;

/** @param fcWeights [FC_SIDE², FC_UNITS]: the page's fully connected layer (4 MB, one per backend) */
export function invarianceContext(
	source: SourceImage,
	bank: BankSettings,
	fcWeights: tf.Tensor2D
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
		fcWeights
	};
	let reference: Promise<ShiftReference> | null = null;
	let filter: tf.Tensor4D | null = null;
	let disposed = false;
	return {
		id: ++contexts,
		image,
		layers,
		reference() {
			reference ??= shiftReference(image, layers);
			return reference;
		},
		filter() {
			if (disposed) throw new Error('the invariance context was disposed');
			filter ??= bankFilter(layers.kernels, layers.kernelSize, image.channels);
			return filter;
		},
		get isDisposed() {
			return disposed;
		},
		dispose() {
			disposed = true;
			filter?.dispose();
			filter = null;
		}
	};
}
