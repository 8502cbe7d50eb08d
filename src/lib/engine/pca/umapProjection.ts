/**
 * UMAP (McInnes, Healy & Melville 2018) to two dimensions with umap-js, seeded: the same data,
 * seed and settings give the same map, point for point (umap-js draws every random number from
 * the `random` it is given). Written as a generator that yields after the neighbour graph and
 * after each optimisation epoch, so a worker can report progress between them. Points added
 * afterwards (the learner's photo) are placed by umap-js's `transform`: found among the fitted
 * data's neighbour graph, started at the weighted mean of its neighbours' map positions, then
 * optimised against the fixed map for a third of the fit's epochs.
 *
 * umap-js 1.4's `transform` runs its epochs until the epoch count *equals* nEpochs / 3, so for a
 * fit of 200 epochs (200 / 3 = 66.67) it never stops: the fit's epochs are rounded up to a
 * multiple of 3 here (200 → 201).
 */
import { UMAP } from 'umap-js';
import { seededRandom } from '../seededRandom';
import { finish } from '../stepwise';

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
	/** place more rows ([M', d]) in the finished map, as `extra` was: [M', 2] */
	transform(rows: ArrayLike<number>): Float32Array;
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
		nEpochs: transformableEpochs(nEpochs),
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
	const transform = (rows: ArrayLike<number>): Float32Array => {
		const extraCount = Math.floor(rows.length / dim);
		const placed = new Float32Array(extraCount * 2);
		if (extraCount > 0)
			umap.transform(rowsOf(rows, extraCount, dim)).forEach(([x, y], e) => {
				placed[2 * e] = x;
				placed[2 * e + 1] = y;
			});
		return placed;
	};
	return { points, extra: transform(extraRows), transform };
}

/** The fit's epochs, rounded up to a multiple of 3 so that umap-js's `transform` ends (above). */
export function transformableEpochs(nEpochs: number): number {
	return 3 * Math.ceil(nEpochs / 3);
}

/** Run umapSteps to the end (tests, scripts). */
export function umapProjection(
	data: ArrayLike<number>,
	count: number,
	dim: number,
	extraRows: ArrayLike<number> = [],
	options: UmapOptions = {}
): UmapResult {
	return finish(umapSteps(data, count, dim, extraRows, options));
}
