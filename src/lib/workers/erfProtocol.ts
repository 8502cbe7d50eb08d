/**
 * Messages between the receptive-field lab and its ERF worker (erf.worker.ts). The page sends
 * the image once per change; every request carries an id, and only the newest id's answer is
 * used (the page ends a worker that is busy with an expensive, superseded request).
 */
import type { Architecture } from '$lib/engine/architectures/architecture';
import type { ErfOptions } from '$lib/engine/effectiveReceptiveField';
import type { DepthPoint } from '$lib/engine/erfByDepth';
import type { ErfSummary, PixelBox } from '$lib/engine/erfSummary';

export type ErfRequest =
	/** the learner's image, RGB in [0, 1], row-major [height, width, 3] */
	| { type: 'image'; rgb: Float32Array; height: number; width: number }
	| {
			type: 'erf';
			id: number;
			arch: Architecture;
			index: number;
			unit: { y: number; x: number };
			/** the unit's theoretical field clipped to the image, and its centre in pixels */
			box: PixelBox;
			centre: { y: number; x: number };
			options: ErfOptions;
	  }
	| { type: 'depth'; id: number; arch: Architecture; options: ErfOptions; crop: number };

export type ErfReply =
	| { type: 'ready'; backend: string }
	| { type: 'erf-result'; id: number; summary: ErfSummary; ms: number }
	| { type: 'depth-progress'; id: number; done: number; total: number }
	| { type: 'depth-result'; id: number; points: DepthPoint[]; crop: [number, number] }
	| { type: 'error'; id: number; message: string };
