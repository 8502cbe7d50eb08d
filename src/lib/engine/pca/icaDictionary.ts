/**
 * ICA's dictionary for the same patches, as a sliced task: PCA-whiten 10,000 of the patches on
 * components 2…m + 1 (PC1, the patch mean, is left out as in Hyvärinen's experiments: it is not
 * sparse, and it would take one basis function for itself), run FastICA, and map the unmixing back
 * to pixel space. The basis functions are shown sparsest first (largest kurtosis of their source).
 */
import { fastIcaSteps, icaBasis, whitenRows } from '$lib/engine/pca/fastIca';
import type { PatchAnalysis } from './patchAnalysis';
import { TILES } from './patchAnalysis';

export const ICA_SAMPLES = 10_000;
export const ICA_MAX_DIM = 63;
/** samples between yields: ~250 × 63 × 63 × 2 multiply-adds, a few ms */
const SLICE = 250;

export interface IcaDictionary {
	/** [TILES, p²] unit-norm basis functions */
	tiles: Float32Array;
	dim: number;
	iterations: number;
	converged: boolean;
}

export function* icaDictionary(analysis: PatchAnalysis): Generator<void, IcaDictionary, void> {
	const { pca, patches, size } = analysis;
	const d = size * size;
	const m = Math.min(ICA_MAX_DIM, d - 1);
	const count = Math.min(ICA_SAMPLES, patches.length / d);
	// Every step below yields after about SLICE samples (a few ms of work), so the page keeps its
	// frames and a new image is not held up by the last one's dictionary.
	const whitened = new Float32Array(count * m);
	for (let start = 0; start < count; start += SLICE) {
		const end = Math.min(count, start + SLICE);
		whitened.set(whitenRows(pca, patches.subarray(start * d, end * d), 1, m), start * m);
		yield;
	}
	const ica = yield* fastIcaSteps(whitened, count, m, {
		seed: 1,
		maxIterations: 150,
		tolerance: 1e-4,
		chunk: SLICE
	});
	const basis = icaBasis(pca, ica, 1);
	// Show the sparsest sources first: excess kurtosis E[s⁴] − 3 of s = W z (unit variance).
	const kurtosis = new Float64Array(m);
	for (let n = 0; n < count; n++) {
		for (let i = 0; i < m; i++) {
			let s = 0;
			for (let c = 0; c < m; c++) s += ica.unmixing[i * m + c] * whitened[n * m + c];
			kurtosis[i] += s ** 4 / count;
		}
		if (n % SLICE === SLICE - 1) yield;
	}
	const order = Array.from(kurtosis, (_, i) => i).sort((a, b) => kurtosis[b] - kurtosis[a]);
	const shown = Math.min(TILES, m);
	const tiles = new Float32Array(shown * d);
	for (let t = 0; t < shown; t++)
		tiles.set(basis.subarray(order[t] * d, (order[t] + 1) * d), t * d);
	return { tiles, dim: m, iterations: ica.iterations, converged: ica.converged };
}
