/**
 * Messages between the dimensionality-reduction lab and its UMAP worker (umap.worker.ts). One
 * request per worker run; the page ends the worker when a newer request supersedes it, so only
 * the newest map is ever computed to the end.
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

export type UmapReply =
	| { type: 'progress'; epoch: number; epochs: number }
	| { type: 'done'; points: Float32Array; extra: Float32Array; knn: number; ms: number }
	| { type: 'error'; message: string };
