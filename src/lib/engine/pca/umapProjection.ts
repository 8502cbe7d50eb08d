/**
 * UMAP (McInnes, Healy & Melville 2018) to two dimensions with umap-js, seeded: the same data,
 * seed and settings give the same map, point for point (umap-js draws every random number from
 * the `random` it is given). Written as a generator that yields after the neighbour graph and
 * after each optimisation epoch, so a worker can report progress between them. Points added
 * afterwards (the learner's photo) are placed as UMAP's transform starts them: at the weighted mean
 * map position of their nearest neighbours in the data, without moving the map. (umap-js 1.4's own
 * `transform` never returned for the 1,000-image maps in the page's worker.)
 */
import { UMAP } from 'umap-js';
import { seededRandom } from '../seededRandom';

export interface UmapOptions {
	seed?: number;
	nNeighbors?: number;
	minDist?: number;
	/** optimisation epochs (umap-js picks 500 for small data; fewer is faster and nearly as good) */
	nEpochs?: number;
}

export interface UmapProgress {
	epoch: number;
	epochs: number;
}

export interface UmapResult {
	/** [N, 2] */
	points: Float32Array;
	/** [M, 2] the extra rows, placed by transform */
	extra: Float32Array;
}

function rowsOf(data: ArrayLike<number>, count: number, dim: number): number[][] {
	return Array.from({ length: count }, (_, n) =>
		Array.from({ length: dim }, (_, j) => data[n * dim + j])
	);
}

/**
 * @param data [N, d] row-major
 * @param extraRows [M, d] rows to place in the finished map (may be empty)
 */
export function* umapSteps(
	data: ArrayLike<number>,
	count: number,
	dim: number,
	extraRows: ArrayLike<number>,
	{ seed = 1, nNeighbors = 15, minDist = 0.1, nEpochs = 200 }: UmapOptions = {}
): Generator<UmapProgress, UmapResult, void> {
	const umap = new UMAP({
		nComponents: 2,
		nNeighbors: Math.min(nNeighbors, count - 1),
		minDist,
		nEpochs,
		random: seededRandom(seed)
	});
	const epochs = umap.initializeFit(rowsOf(data, count, dim));
	yield { epoch: 0, epochs };
	for (let epoch = 1; epoch <= epochs; epoch++) {
		umap.step();
		yield { epoch, epochs };
	}
	const embedding = umap.getEmbedding();
	const points = new Float32Array(count * 2);
	embedding.forEach(([x, y], n) => {
		points[2 * n] = x;
		points[2 * n + 1] = y;
	});
	return { points, extra: placeByNeighbours(data, count, dim, points, extraRows, nNeighbors) };
}

/**
 * Each extra row's map position: the mean of its k nearest data rows' positions (Euclidean in the
 * data), weighted by exp(−(dᵢ − d₁)/σ) with σ the mean of dᵢ − d₁, as UMAP weights a neighbourhood.
 * @returns [M, 2]
 */
export function placeByNeighbours(
	data: ArrayLike<number>,
	count: number,
	dim: number,
	points: ArrayLike<number>,
	extraRows: ArrayLike<number>,
	k = 15
): Float32Array {
	const extraCount = Math.floor(extraRows.length / dim);
	const out = new Float32Array(extraCount * 2);
	const kk = Math.min(k, count);
	for (let e = 0; e < extraCount; e++) {
		const dist = new Float64Array(count);
		for (let n = 0; n < count; n++) {
			let s = 0;
			for (let j = 0; j < dim; j++) s += (data[n * dim + j] - extraRows[e * dim + j]) ** 2;
			dist[n] = Math.sqrt(s);
		}
		const nearest = Array.from(dist, (_, n) => n)
			.sort((a, b) => dist[a] - dist[b] || a - b)
			.slice(0, kk);
		const rho = dist[nearest[0]];
		const sigma = nearest.reduce((a, n) => a + dist[n] - rho, 0) / kk || 1;
		let wx = 0;
		let wy = 0;
		let w = 0;
		for (const n of nearest) {
			const weight = Math.exp(-(dist[n] - rho) / sigma);
			wx += weight * points[2 * n];
			wy += weight * points[2 * n + 1];
			w += weight;
		}
		out[2 * e] = wx / w;
		out[2 * e + 1] = wy / w;
	}
	return out;
}

/** Run umapSteps to the end (tests, scripts). */
export function umapProjection(
	data: ArrayLike<number>,
	count: number,
	dim: number,
	extraRows: ArrayLike<number> = [],
	options: UmapOptions = {}
): UmapResult {
	const steps = umapSteps(data, count, dim, extraRows, options);
	for (;;) {
		const next = steps.next();
		if (next.done) return next.value;
	}
}
