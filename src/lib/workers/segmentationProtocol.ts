/**
 * The messages between the segmentation lab and its training worker. The worker owns the
 * network, the picture and the scribbles it trains on; the page sends settings and strokes and
 * receives progress, predicted masks and feature maps as plain arrays (transferred, not copied).
 */
import type { UNetConfig } from '$lib/engine/segmentation/unet';
import type { MapData } from '$lib/types/mapData';

export type TrainerRequest =
	/** a fresh network (Reset, or a changed architecture); keeps picture and scribbles */
	| { type: 'configure'; config: UNetConfig; seed: number }
	| { type: 'picture'; rgb: Float32Array; height: number; width: number }
	| { type: 'scribbles'; labels: Uint8Array }
	| { type: 'train' }
	| { type: 'pause' }
	/** one level's encoder and decoder maps for the current picture (first `channels` channels) */
	| { type: 'features'; level: number; channels: number }
	/** fresh transposed-conv and resize+conv networks on the picture: their level-0 upsampling output */
	| { type: 'checkerboard'; upKernel: number }
	/**
	 * Skips measured: train the same architecture with and without skips, same seed and
	 * scribbles, `steps` each; `reference` (a foreground mask) to score against, if any.
	 */
	| { type: 'compare'; steps: number; reference: Uint8Array | null };

export interface Prediction {
	step: number;
	/** [H, W, K] softmax */
	probabilities: Float32Array;
	height: number;
	width: number;
	classes: number;
	/** checkerboard score of the level-0 upsampling output */
	checkerboard: number;
}

export interface CompareSide {
	skips: boolean;
	probabilities: Float32Array;
	loss: number;
	iou: number | null;
	boundaryF: number | null;
}

export type TrainerReply =
	| { type: 'ready'; backend: string }
	| {
			type: 'progress';
			step: number;
			loss: number;
			stepsPerSecond: number;
			running: boolean;
	  }
	| ({ type: 'prediction' } & Prediction)
	| { type: 'features'; level: number; encoder: MapData; decoder: MapData | null }
	| {
			type: 'checkerboard';
			transposed: MapData;
			resize: MapData;
			scores: { transposed: number; resize: number };
	  }
	| { type: 'compare-progress'; done: number; total: number }
	| {
			type: 'compare-result';
			height: number;
			width: number;
			classes: number;
			steps: number;
			sides: [CompareSide, CompareSide];
	  }
	| { type: 'error'; message: string };
