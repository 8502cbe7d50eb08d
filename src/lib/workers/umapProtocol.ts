/**
 * Messages between the dimensionality-reduction lab and its UMAP worker (umap.worker.ts). One
 * map per worker; the page ends the worker when a newer map supersedes it, so only the newest map
 * is ever computed to the end. Once done, the worker keeps the fitted map to place a new photo.
 */
export interface UmapRequest {
	/** [N, d] row-major */
	data: Float32Array;
	count: number;
	dim: number;
	/** [N] class of each row, for the map's 5-NN accuracy */
	labels: Uint8Array;
	/** [M, d] rows placed afterwards by UMAP's transform (the learner's photo) */
	extra: Float32Array;
	seed: number;
	nEpochs: number;
}

/** After `done`, the fitted map stays in the worker: place another photo in it. */
export interface UmapTransformRequest {
	type: 'transform';
	/** [M, d] */
	rows: Float32Array;
}

export type UmapReply =
	| { type: 'progress'; epoch: number; epochs: number }
	| { type: 'done'; points: Float32Array; extra: Float32Array; knn: number; ms: number }
	| { type: 'placed'; extra: Float32Array }
	| { type: 'error'; message: string };
