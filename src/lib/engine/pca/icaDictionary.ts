/**
 * ICA's dictionary for a photo's patches: PCA-whiten up to 10,000 of the patches on components
 * 2…m + 1 (PC1, the patch mean, is left out as in Hyvärinen's experiments: it is not sparse, and it
 * would take one basis function for itself), run FastICA, and map the unmixing back to pixel
 * space. The basis functions are shown sparsest first (largest kurtosis of their source). Written
 * as a generator that yields its progress every few ms of work; the lab runs it in a worker
 * (workers/ica.worker.ts), where it runs to the end unless a newer photo's request replaces it.
 */
import { fastIcaSteps, icaBasis, whitenRows, type PcaBasis } from './fastIca';
import { finish } from '../stepwise';

export const ICA_SAMPLES = 10_000;
export const ICA_MAX_DIM = 63;
export const ICA_MAX_ITERATIONS = 150;
export const ICA_SEED = 1;
/** samples between yields: ~250 × 63 × 63 × 2 multiply-adds, a few ms */
const SLICE = 250;

/** What the dictionary is made from: a photo's random patches and their PCA. */
export interface IcaInput {
	/** p */
	size: number;
	/** [N, p²] the patches PCA was fitted on (the first ICA_SAMPLES are used) */
	patches: Float32Array;
	pca: PcaBasis;
}

export interface IcaDictionary {
	/** [shown, p²] unit-norm basis functions, sparsest first */
	tiles: Float32Array;
	dim: number;
	iterations: number;
	converged: boolean;
}

export type IcaProgress =
	| { phase: 'whitening'; done: number; of: number }
	| { phase: 'iterating'; iteration: number; of: number }
	| { phase: 'ordering'; done: number; of: number };

/** The rows of `patches` the dictionary uses (what a worker needs sent). */
export function icaPatchCount(input: Pick<IcaInput, 'size' | 'patches'>): number {
	return Math.min(ICA_SAMPLES, Math.floor(input.patches.length / (input.size * input.size)));
}

export function* icaDictionary(
	{ pca, patches, size }: IcaInput,
	shown = 16
): Generator<IcaProgress, IcaDictionary, void> {
	const d = size * size;
	const m = Math.min(ICA_MAX_DIM, d - 1);
	const count = icaPatchCount({ size, patches });
	const whitened = new Float32Array(count * m);
	for (let start = 0; start < count; start += SLICE) {
		const end = Math.min(count, start + SLICE);
		whitened.set(whitenRows(pca, patches.subarray(start * d, end * d), 1, m), start * m);
		yield { phase: 'whitening', done: end, of: count };
	}
	const steps = fastIcaSteps(whitened, count, m, {
		seed: ICA_SEED,
		maxIterations: ICA_MAX_ITERATIONS,
		tolerance: 1e-4,
		chunk: SLICE
	});
	let next = steps.next();
	while (!next.done) {
		yield { phase: 'iterating', iteration: next.value, of: ICA_MAX_ITERATIONS };
		next = steps.next();
	}
	const ica = next.value;
	const basis = icaBasis(pca, ica, 1);
	// Show the sparsest sources first: excess kurtosis E[s⁴] − 3 of s = W z (unit variance).
	const kurtosis = new Float64Array(m);
	for (let n = 0; n < count; n++) {
		for (let i = 0; i < m; i++) {
			let s = 0;
			for (let c = 0; c < m; c++) s += ica.unmixing[i * m + c] * whitened[n * m + c];
			kurtosis[i] += s ** 4 / count;
		}
		if (n % SLICE === SLICE - 1) yield { phase: 'ordering', done: n + 1, of: count };
	}
	const order = Array.from(kurtosis, (_, i) => i).sort((a, b) => kurtosis[b] - kurtosis[a]);
	const tileCount = Math.min(shown, m);
	const tiles = new Float32Array(tileCount * d);
	for (let t = 0; t < tileCount; t++)
		tiles.set(basis.subarray(order[t] * d, (order[t] + 1) * d), t * d);
	return { tiles, dim: m, iterations: ica.iterations, converged: ica.converged };
}

/** Run icaDictionary to the end (a worker, tests). */
export function icaDictionaryNow(input: IcaInput, shown = 16): IcaDictionary {
	return finish(icaDictionary(input, shown));
}
