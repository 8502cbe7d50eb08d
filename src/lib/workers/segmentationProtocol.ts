/**
 * The segmentation lab's own messages on top of the training protocol
 * (src/lib/training/protocol.ts): the worker owns the picture and the scribbles the U-Net trains
 * on; the page sends them, asks for feature maps, the checkerboard demo and the skip comparison,
 * and receives masks and maps as plain arrays (transferred, not copied).
 */
import { validateConfig, type UNetConfig } from '$lib/engine/segmentation/unet';
import type { MapData } from '$lib/types/mapData';

export type SegmentationTask =
	| { type: 'picture'; rgb: Float32Array; height: number; width: number }
	| { type: 'scribbles'; labels: Uint8Array }
	/** one level's encoder and decoder maps for the current picture (first `channels` channels) */
	| { type: 'features'; level: number; channels: number }
	/** fresh transposed-conv and resize+conv networks on the picture: their level-0 upsampling output */
	| { type: 'checkerboard'; upKernel: number }
	/**
	 * Skips measured: the same architecture with and without skips trained side by side (same
	 * seed, same batches), `steps` each; `reference` (a foreground mask) to score against, if any.
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

export type SegmentationReply =
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
	  };

/** A U-Net config as received, checked (unet.ts's ranges). */
export function parseUNetConfig(value: unknown): UNetConfig | null {
	if (!value || typeof value !== 'object') return null;
	const c = value as UNetConfig;
	if (typeof c.skips !== 'boolean' || typeof c.batchNorm !== 'boolean') return null;
	if (c.upsampling !== 'transposed' && c.upsampling !== 'resize') return null;
	try {
		validateConfig(c);
	} catch {
		return null;
	}
	const { depth, base, skips, upsampling, upKernel, batchNorm, classes } = c;
	return { depth, base, skips, upsampling, upKernel, batchNorm, classes };
}

const isInteger = (v: unknown, min: number, max: number): v is number =>
	Number.isInteger(v) && (v as number) >= min && (v as number) <= max;

/** The lab's messages are built by its own client: checked for shape, not for hostility. */
export function parseSegmentationTask(value: unknown): SegmentationTask | null {
	if (!value || typeof value !== 'object') return null;
	const m = value as SegmentationTask;
	switch (m.type) {
		case 'picture':
			return m.rgb instanceof Float32Array && m.rgb.length === m.height * m.width * 3 ? m : null;
		case 'scribbles':
			return m.labels instanceof Uint8Array ? m : null;
		case 'features':
			return isInteger(m.level, 0, 8) && isInteger(m.channels, 1, 1024) ? m : null;
		case 'checkerboard':
			return isInteger(m.upKernel, 1, 5) ? m : null;
		case 'compare':
			return isInteger(m.steps, 1, 10_000) &&
				(m.reference === null || m.reference instanceof Uint8Array)
				? m
				: null;
		default:
			return null;
	}
}
