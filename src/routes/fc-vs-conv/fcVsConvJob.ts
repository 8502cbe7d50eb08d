/**
 * The lab's compute: both layers' costs (arithmetic) and the pixel-shuffle experiment (a few ms
 * at 64×64). The fixed layers — one seeded FC layer and the same with its rows permuted like the
 * pixels — live on the backend from the first request until `dispose()`. The shuffle depends on
 * the image and k only (N and C change the costs, not these maps), so it is kept between them.
 */
import * as tf from '@tensorflow/tfjs-core';
import { convolutionCost, fullyConnectedCost, type LayerCost } from '$lib/engine/layerCost';
import { FC_SEED, FC_SIDE, FC_UNITS, fcWeights } from '$lib/engine/fullyConnected';
import { presetKernel, PRESET_LABELS, type KernelPreset } from '$lib/engine/kernelPresets';
import { permuteRows, seededPermutation, SHUFFLE_SEED } from '$lib/engine/pixelShuffle';
import { shuffleExperiment, type ShuffleResult } from '$lib/engine/shuffleExperiment';

const PERM = seededPermutation(FC_SIDE * FC_SIDE, SHUFFLE_SEED);
const WEIGHTS = fcWeights(FC_SIDE * FC_SIDE, FC_UNITS, FC_SEED);
const PERMUTED = permuteRows(WEIGHTS, PERM, FC_UNITS);
const SHUFFLE_KERNELS: KernelPreset[] = ['sobel-x', 'sobel-y', 'laplacian', 'gaussian'];
export const SHUFFLE_LABELS = SHUFFLE_KERNELS.map((name) => PRESET_LABELS[name]);

export interface FcVsConvRequest {
	/** [height · width] the image's luma */
	luma: Float32Array;
	height: number;
	width: number;
	/** the input's channels C, units (or kernels) N and kernel size k of the cost comparison */
	channels: number;
	units: number;
	k: number;
}

export interface FcVsConvResult extends Omit<FcVsConvRequest, 'luma'> {
	fc: LayerCost;
	conv: LayerCost;
	shuffle: ShuffleResult;
}

export interface FcVsConvJob {
	run(request: FcVsConvRequest): Promise<FcVsConvResult | null>;
	dispose(): void;
}

export function fcVsConvJob(): FcVsConvJob {
	let layers: { weights: tf.Tensor2D; permuted: tf.Tensor2D } | null = null;
	let kept: { luma: Float32Array; k: number; result: ShuffleResult } | null = null;
	let disposed = false;
	return {
		async run({ luma, height, width, channels, units, k }) {
			if (disposed) return null;
			layers ??= {
				weights: tf.tensor2d(WEIGHTS, [FC_SIDE * FC_SIDE, FC_UNITS]),
				permuted: tf.tensor2d(PERMUTED, [FC_SIDE * FC_SIDE, FC_UNITS])
			};
			const same = kept && kept.luma === luma && kept.k === k;
			const shuffle = same
				? kept!.result
				: await shuffleExperiment(
						luma,
						height,
						width,
						PERM,
						layers.weights,
						layers.permuted,
						SHUFFLE_KERNELS.map((name) => presetKernel(name, k)),
						k
					);
			if (disposed) return null;
			kept = { luma, k, result: shuffle };
			return {
				fc: fullyConnectedCost(height, width, channels, units),
				conv: convolutionCost(height, width, channels, units, k),
				shuffle,
				height,
				width,
				channels,
				units,
				k
			};
		},
		dispose() {
			disposed = true;
			if (layers) tf.dispose([layers.weights, layers.permuted]);
			layers = null;
			kept = null;
		}
	};
}
