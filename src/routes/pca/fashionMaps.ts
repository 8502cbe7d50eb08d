/**
 * "What the network learned": Fashion-MNIST test images as 2-D maps. The classifier's embedding
 * is its penultimate layer (dense_relu, 64 numbers per image, after ReLU). PCA maps are computed
 * on the page (one TF.js matMul for the covariance, then the top two eigenvectors); UMAP runs in
 * a worker. Every map gets its leave-one-out 5-NN accuracy and the learner's photo placed in it.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel, SymbolicTensor } from '@tensorflow/tfjs-layers';
import { knnAccuracy } from '$lib/engine/pca/knnAccuracy';
import { principalComponents, project } from '$lib/engine/pca/principalComponents';
import type { UmapReply, UmapRequest, UmapTransformRequest } from '$lib/workers/umapProtocol';

export const EMBEDDING_LAYER = 'dense_relu';
export const UMAP_SEED = 1;
export const UMAP_EPOCHS = 200;
const BATCH = 250;

export interface MapResult {
	/** [N, 2] */
	points: Float32Array;
	/** leave-one-out 5-NN accuracy in the map */
	knn: number;
	/** where the learner's photo lands, or null */
	photo: [number, number] | null;
	/** the photo row `photo` was placed for (a newer photo must be placed again) */
	placedFor: Float32Array | null;
	/** place a photo row in this map; rejects when the map can no longer place (its worker ended) */
	place(row: Float32Array): Promise<[number, number]>;
	/** PCA maps: the shares of variance the two axes explain */
	explained?: [number, number];
}

export interface Embedder {
	/** [count, 784] in [0, 1] → [count, 64] */
	embed(images: Float32Array, count: number): Promise<Float32Array>;
	dim: number;
	dispose(): void;
}

export async function loadEmbedder(url: string): Promise<Embedder> {
	const tfl = await import('@tensorflow/tfjs-layers');
	const full: LayersModel = await tfl.loadLayersModel(url);
	const output = full.getLayer(EMBEDDING_LAYER).output as SymbolicTensor;
	const sub = tfl.model({ inputs: full.inputs, outputs: output });
	const dim = output.shape[1] ?? 64;
	// Leaving the page during an embedding must not free the weights under a running batch.
	let disposed = false;
	let running: Promise<unknown> = Promise.resolve();
	return {
		dim,
		embed(images, count) {
			const run = running.then(() => embedAll(images, count));
			running = run.catch(() => {});
			return run;
		},
		dispose: () => {
			disposed = true;
			void running.then(() => full.dispose());
		}
	};
	async function embedAll(images: Float32Array, count: number): Promise<Float32Array> {
		const out = new Float32Array(count * dim);
		for (let start = 0; start < count; start += BATCH) {
			if (disposed) throw new Error('the page was left');
			const b = Math.min(BATCH, count - start);
			const batch = tf.tidy(
				() =>
					sub.predict(
						tf.tensor4d(images.subarray(start * 784, (start + b) * 784), [b, 28, 28, 1])
					) as tf.Tensor
			);
			out.set((await batch.data()) as Float32Array, start * dim);
			batch.dispose();
			// let the page paint between batches
			await tf.nextFrame();
		}
		return out;
	}
}

/** PCA to two dimensions, the photo projected on the same axes. */
export async function pcaMap(
	rows: Float32Array,
	count: number,
	dim: number,
	labels: Uint8Array,
	photo: Float32Array | null
): Promise<MapResult> {
	const pca = await principalComponents(rows, count, dim, 2);
	const points = project(pca, rows, 2);
	const at = photo ? project(pca, photo, 2) : null;
	return {
		points,
		knn: knnAccuracy(points, labels, 5),
		photo: at ? [at[0], at[1]] : null,
		placedFor: photo,
		place: async (row) => {
			const [x, y] = project(pca, row, 2);
			return [x, y];
		},
		explained: [pca.explained[0], pca.explained[1]]
	};
}

/** The part of a Worker used here (a fake one in tests). */
export interface UmapWorker {
	postMessage(message: UmapRequest | UmapTransformRequest): void;
	terminate(): void;
	onmessage: ((event: MessageEvent<UmapReply>) => void) | null;
	onerror: ((event: ErrorEvent) => void) | null;
}

/**
 * UMAP in a worker; `cancel` ends the worker. The worker stays after the map is done, so that the
 * map's `place` can put a new photo in it with umap-js's transform, until `cancel`.
 */
export function umapInWorker(
	request: UmapRequest,
	onProgress: (epoch: number, epochs: number) => void,
	makeWorker: () => UmapWorker = () =>
		new Worker(new URL('../../lib/workers/umap.worker.ts', import.meta.url), {
			type: 'module'
		}) as unknown as UmapWorker
): { result: Promise<MapResult>; cancel: () => void } {
	const worker = makeWorker();
	let ended = false;
	const cancel = () => {
		ended = true;
		worker.terminate();
		pending?.reject(new Error('the UMAP map is no longer kept'));
		pending = null;
	};
	// one placement at a time: the next waits for the one before
	let pending: { resolve: (at: [number, number]) => void; reject: (e: Error) => void } | null =
		null;
	let queue: Promise<unknown> = Promise.resolve();
	const place = (row: Float32Array): Promise<[number, number]> => {
		const run = queue.then(
			() =>
				new Promise<[number, number]>((resolve, reject) => {
					if (ended) return reject(new Error('the UMAP map is no longer kept'));
					pending = { resolve, reject };
					worker.postMessage({ type: 'transform', rows: Float32Array.from(row) });
				})
		);
		queue = run.catch(() => {});
		return run;
	};
	const result = new Promise<MapResult>((resolve, reject) => {
		worker.onmessage = ({ data }: MessageEvent<UmapReply>) => {
			if (data.type === 'progress') return onProgress(data.epoch, data.epochs);
			if (data.type === 'placed') {
				pending?.resolve([data.extra[0], data.extra[1]]);
				pending = null;
				return;
			}
			if (data.type === 'error') {
				if (pending) {
					pending.reject(new Error(`UMAP could not place the photo: ${data.message}`));
					pending = null;
					return;
				}
				cancel();
				return reject(new Error(`UMAP failed: ${data.message}`));
			}
			resolve({
				points: data.points,
				knn: data.knn,
				photo: data.extra.length >= 2 ? [data.extra[0], data.extra[1]] : null,
				placedFor: data.extra.length >= 2 ? request.extra : null,
				place
			});
		};
		worker.onerror = (event) => {
			cancel();
			reject(new Error(`UMAP worker failed: ${event.message}`));
		};
	});
	worker.postMessage(request);
	return { result, cancel };
}
