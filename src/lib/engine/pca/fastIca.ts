/**
 * FastICA (Hyvärinen & Oja 2000), symmetric version with the log-cosh contrast: on whitened data
 * z (identity covariance), find an orthogonal W whose outputs s = Wz are as non-Gaussian, hence
 * as independent, as possible. The fixed-point step W ← E[g(Wz) zᵀ] − diag(E[g′(Wz)]) W with
 * g = tanh, then W ← (WWᵀ)^{-1/2} W. PCA only decorrelates (second order); ICA also uses the
 * higher-order structure, and on image patches that is what gives localised, oriented edges.
 * Written as a generator that yields the iteration it is in between chunks of samples, so a
 * caller can report progress and stop it; where the yields fall does not change the result.
 */
import { jacobiEigen } from '../normalization/jacobiEigen';
import { seededNormal } from '../seededRandom';
import type { PrincipalComponents } from './principalComponents';
import { finish } from '../stepwise';

/** what whitening and the pixel-space basis need of a PCA */
export type PcaBasis = Pick<PrincipalComponents, 'dim' | 'mean' | 'values' | 'components'>;

export interface IcaResult {
	/** [m, m] row-major unmixing matrix on the whitened data: s = W z */
	unmixing: Float64Array;
	dim: number;
	iterations: number;
	converged: boolean;
}

export interface IcaOptions {
	seed?: number;
	maxIterations?: number;
	/** stop when every row of W turns by less than this (1 − |⟨wᵢ, wᵢ_old⟩|) */
	tolerance?: number;
	/** samples per slice between yields */
	chunk?: number;
}

/** W ← (W Wᵀ)^{-1/2} W, in place: the nearest orthogonal matrix in the symmetric sense. */
function symmetricDecorrelation(w: Float64Array, m: number): void {
	const g = new Float64Array(m * m);
	for (let i = 0; i < m; i++)
		for (let j = i; j < m; j++) {
			let s = 0;
			for (let t = 0; t < m; t++) s += w[i * m + t] * w[j * m + t];
			g[i * m + j] = g[j * m + i] = s;
		}
	const { values, vectors } = jacobiEigen(g, m);
	// (WWᵀ)^{-1/2} = E diag(1/√λ) Eᵀ, E's columns the eigenvectors (rows of `vectors`)
	const inv = new Float64Array(m * m);
	for (let e = 0; e < m; e++) {
		const s = 1 / Math.sqrt(Math.max(values[e], 1e-300));
		for (let i = 0; i < m; i++)
			for (let j = 0; j < m; j++) inv[i * m + j] += s * vectors[e * m + i] * vectors[e * m + j];
	}
	const out = new Float64Array(m * m);
	for (let i = 0; i < m; i++)
		for (let t = 0; t < m; t++) {
			const a = inv[i * m + t];
			for (let j = 0; j < m; j++) out[i * m + j] += a * w[t * m + j];
		}
	w.set(out);
}

/**
 * @param whitened [N, m] rows with zero mean and identity covariance
 */
export function* fastIcaSteps(
	whitened: Float32Array,
	count: number,
	m: number,
	options: IcaOptions = {}
): Generator<number, IcaResult, void> {
	const { seed = 1, maxIterations = 200, tolerance = 1e-5, chunk = 2000 } = options;
	const normal = seededNormal(seed);
	const w = Float64Array.from({ length: m * m }, () => normal());
	symmetricDecorrelation(w, m);
	const y = new Float64Array(m);
	for (let iteration = 1; iteration <= maxIterations; iteration++) {
		const next = new Float64Array(m * m);
		const slope = new Float64Array(m);
		for (let start = 0; start < count; start += chunk) {
			const end = Math.min(count, start + chunk);
			for (let n = start; n < end; n++) {
				const z = whitened.subarray(n * m, (n + 1) * m);
				for (let i = 0; i < m; i++) {
					let s = 0;
					for (let j = 0; j < m; j++) s += w[i * m + j] * z[j];
					const g = Math.tanh(s);
					y[i] = g;
					slope[i] += 1 - g * g;
				}
				for (let i = 0; i < m; i++) {
					const g = y[i];
					for (let j = 0; j < m; j++) next[i * m + j] += g * z[j];
				}
			}
			yield iteration;
		}
		for (let i = 0; i < m; i++)
			for (let j = 0; j < m; j++)
				next[i * m + j] = next[i * m + j] / count - (slope[i] / count) * w[i * m + j];
		symmetricDecorrelation(next, m);
		let turn = 0;
		for (let i = 0; i < m; i++) {
			let dot = 0;
			for (let j = 0; j < m; j++) dot += next[i * m + j] * w[i * m + j];
			turn = Math.max(turn, 1 - Math.abs(dot));
		}
		w.set(next);
		if (turn < tolerance) return { unmixing: w, dim: m, iterations: iteration, converged: true };
	}
	return { unmixing: w, dim: m, iterations: maxIterations, converged: false };
}

/** Run fastIcaSteps to the end (tests, scripts). */
export function fastIca(
	whitened: Float32Array,
	count: number,
	m: number,
	options: IcaOptions = {}
): IcaResult {
	return finish(fastIcaSteps(whitened, count, m, options));
}

/**
 * PCA whitening on components `first`…`first + m − 1` (0-based): zᵢ = vᵢ·(x − μ)/√λᵢ.
 * @param rows [N, d] @returns [N, m]
 */
export function whitenRows(
	pca: PcaBasis,
	rows: ArrayLike<number>,
	first: number,
	m: number
): Float32Array {
	const d = pca.dim;
	const count = Math.floor(rows.length / d);
	const out = new Float32Array(count * m);
	const x = new Float64Array(d);
	for (let n = 0; n < count; n++) {
		for (let j = 0; j < d; j++) x[j] = rows[n * d + j] - pca.mean[j];
		for (let i = 0; i < m; i++) {
			const c = first + i;
			const v = pca.components.subarray(c * d, (c + 1) * d);
			let s = 0;
			for (let j = 0; j < d; j++) s += v[j] * x[j];
			out[n * m + i] = pca.values[c] > 0 ? s / Math.sqrt(pca.values[c]) : 0;
		}
	}
	return out;
}

/**
 * ICA's dictionary in pixel space: x − μ ≈ Σᵢ sᵢ aᵢ with A = V_m Λ_m^{1/2} Wᵀ, so basis function i
 * is aᵢ = Σ_c W[i, c] √λ_c v_c. Each returned row [d] is scaled to unit norm for display.
 * @returns [m, d]
 */
export function icaBasis(pca: PcaBasis, ica: IcaResult, first: number): Float32Array {
	const d = pca.dim;
	const m = ica.dim;
	const out = new Float32Array(m * d);
	for (let i = 0; i < m; i++) {
		const row = out.subarray(i * d, (i + 1) * d);
		for (let c = 0; c < m; c++) {
			const scale = ica.unmixing[i * m + c] * Math.sqrt(Math.max(0, pca.values[first + c]));
			const v = pca.components.subarray((first + c) * d, (first + c + 1) * d);
			for (let j = 0; j < d; j++) row[j] += scale * v[j];
		}
		let norm = 0;
		for (let j = 0; j < d; j++) norm += row[j] ** 2;
		norm = Math.sqrt(norm);
		let at = 0;
		for (let j = 1; j < d; j++) if (Math.abs(row[j]) > Math.abs(row[at])) at = j;
		const sign = row[at] < 0 ? -1 : 1;
		if (norm > 0) for (let j = 0; j < d; j++) row[j] = (sign * row[j]) / norm;
	}
	return out;
}
