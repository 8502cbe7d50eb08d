/**
 * The tensors the invariance lab keeps per image and conv bank: the image as the bank reads it,
 * the fixed fully connected layer, and every representation of the unshifted original (the
 * reference each shift is compared with). Made again when the image, the bank or the backend
 * changes; `isDisposed` lets a request queued before that change see it has nothing to do.
 */
import * as tf from '@tensorflow/tfjs-core';
import { bankInputTensor } from '$lib/engine/convBank';
import { FC_SIDE, FC_UNITS } from '$lib/engine/fullyConnected';
import {
	shiftReference,
	type InvarianceLayers,
	type ShiftReference
} from '$lib/engine/shiftSimilarity';
import type { SourceImage } from '$lib/image/decodeImage';

export interface InvarianceContext {
	readonly id: number;
	/** [1, H, W, 1 or 3] */
	readonly image: tf.Tensor4D;
	readonly layers: InvarianceLayers;
	readonly reference: ShiftReference;
	readonly isDisposed: boolean;
	dispose(): void;
}

let contexts = 0;

export interface BankSettings {
	kernels: Float32Array[];
	kernelSize: number;
	relu: boolean;
	input: 'gray' | 'rgb';
}

/** @param fcWeights [FC_SIDE², FC_UNITS] row-major, made once per page (4 MB) */
export function invarianceContext(
	source: SourceImage,
	bank: BankSettings,
	fcWeights: Float32Array
): InvarianceContext {
	const image = tf.tidy(
		() =>
			tf.expandDims(
				bankInputTensor(source.rgb, source.height, source.width, bank.input),
				0
			) as tf.Tensor4D
	);
	const layers: InvarianceLayers = {
		kernels: bank.kernels,
		kernelSize: bank.kernelSize,
		relu: bank.relu,
		fcWeights: tf.tensor2d(fcWeights, [FC_SIDE * FC_SIDE, FC_UNITS])
	};
	const reference = shiftReference(image, layers);
	let disposed = false;
	return {
		id: ++contexts,
		image,
		layers,
		reference,
		get isDisposed() {
			return disposed;
		},
		dispose() {
			if (disposed) return;
			disposed = true;
			reference.dispose();
			tf.dispose([image, layers.fcWeights]);
		}
	};
}
