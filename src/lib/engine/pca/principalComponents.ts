/**
 * Principal component analysis of an [N, d] data matrix: the eigenvectors of its covariance,
 * largest variance first. PC1 is the unit direction w maximising the variance of the projections
 * wᵀ(x − μ); each next one maximises it among directions orthogonal to those before. The
 * eigenvalue of a component is the variance along it, so λᵢ / Σλ is the share it explains.
 */
import { tridiagonalEigen } from '../normalization/tridiagonalEigen';
import { dataMoments, type DataMoments } from './covariance';
import * as tf from '@tensorflow/tfjs-core';
import { topEigen, topEigenOf } from './topEigen';

export interface PrincipalComponents {
	dim: number;
	count: number;
	/** [d] the mean row μ */
	mean: Float64Array;
	/** [k] eigenvalues (variances along each component), largest first, clipped at 0 */
	values: Float64Array;
	/** [k, d] unit-norm components as rows, in order of decreasing variance */
	components: Float64Array;
	/** trace of the covariance: the total variance, Σ of all d eigenvalues */
	totalVariance: number;
	/** [k] λᵢ / total */
	explained: Float64Array;
	/** [k] Σ_{j ≤ i} λⱼ / total */
	cumulative: Float64Array;
}

/** Above this dimension only the top k are solved for (subspace iteration), not all d. */
export const FULL_EIGEN_MAX_DIM = 300;

/**
 * PCA from the covariance: every component when d ≤ FULL_EIGEN_MAX_DIM (or k = d), else the top k.
 * Each component's sign is fixed so its largest-magnitude entry is positive (eigenvectors are
 * defined up to sign; a fixed choice keeps pictures and exports stable).
 */
export function componentsFromMoments(moments: DataMoments, k = moments.dim): PrincipalComponents {
	const { dim, covariance, mean, count } = moments;
	let totalVariance = 0;
	for (let i = 0; i < dim; i++) totalVariance += covariance[i * dim + i];
	const kept = Math.min(k, dim);
	let values: Float64Array;
	let vectors: Float64Array;
	if (dim <= FULL_EIGEN_MAX_DIM || kept === dim) {
		const full = tridiagonalEigen(covariance, dim);
		values = full.values.slice(0, kept);
		vectors = full.vectors.slice(0, kept * dim);
	} else {
		({ values, vectors } = topEigen(covariance, dim, kept));
	}
	return assemble(dim, count, mean, values, vectors, kept, totalVariance);
}

/** Clip, fix each component's sign (its largest-magnitude entry positive), and add the shares. */
function assemble(
	dim: number,
	count: number,
	mean: Float64Array,
	values: Float64Array,
	vectors: Float64Array,
	kept: number,
	totalVariance: number
): PrincipalComponents {
	for (let i = 0; i < kept; i++) {
		values[i] = Math.max(0, values[i]);
		const row = vectors.subarray(i * dim, (i + 1) * dim);
		let at = 0;
		for (let j = 1; j < dim; j++) if (Math.abs(row[j]) > Math.abs(row[at]) + 1e-12) at = j;
		if (row[at] < 0) for (let j = 0; j < dim; j++) row[j] = -row[j];
	}
	const explained = new Float64Array(kept);
	const cumulative = new Float64Array(kept);
	let sum = 0;
	for (let i = 0; i < kept; i++) {
		explained[i] = totalVariance > 0 ? values[i] / totalVariance : 0;
		sum += explained[i];
		cumulative[i] = sum;
	}
	return { dim, count, mean, values, components: vectors, totalVariance, explained, cumulative };
}

/**
 * The top k components without the d×d covariance: orthogonal iteration on Σ V = Xᵀ(X V)/N, two
 * TF.js matMuls of the centred data per sweep (for 10,000 × 784 and a block of k + 8 = 10 that is
 * ~160 M multiply-adds, against 6 G for XᵀX), a handful of sweeps. The total variance is the
 * trace, Σ of the columns' variances.
 * @param rows [N, d] row-major
 */
export async function topComponentsOfRows(
	rows: Float32Array,
	count: number,
	dim: number,
	k: number
): Promise<PrincipalComponents> {
	if (rows.length !== count * dim || count < 1)
		throw new Error(`PCA: ${rows.length} values are not ${count} rows of ${dim}`);
	const mean = new Float64Array(dim);
	for (let n = 0; n < count; n++) for (let i = 0; i < dim; i++) mean[i] += rows[n * dim + i];
	for (let i = 0; i < dim; i++) mean[i] /= count;
	let totalVariance = 0;
	for (let n = 0; n < count; n++)
		for (let i = 0; i < dim; i++) totalVariance += (rows[n * dim + i] - mean[i]) ** 2;
	totalVariance /= count;
	const centred = tf.tidy(() =>
		tf.sub(tf.tensor2d(rows, [count, dim]), tf.tensor1d(Float32Array.from(mean)))
	);
	// explicit transpose: WASM's matMul with transposeA is many times slower (covariance.ts)
	const transposed = tf.transpose(centred);
	try {
		const kept = Math.min(k, dim);
		const { values, vectors } = await topEigenOf(
			async (v, b) => {
				const product = tf.tidy(() =>
					tf.div(
						tf.matMul(transposed, tf.matMul(centred, tf.tensor2d(Float32Array.from(v), [dim, b]))),
						count
					)
				);
				const out = Float64Array.from(await product.data());
				product.dispose();
				return out;
			},
			dim,
			kept
		);
		return assemble(dim, count, mean, values, vectors, kept, totalVariance);
	} finally {
		centred.dispose();
		transposed.dispose();
	}
}

/**
 * PCA of the rows of an [N, d] matrix: the covariance by one TF.js matMul, or for a few of many
 * dimensions (d > FULL_EIGEN_MAX_DIM, k small) iteration on the data itself.
 */
export async function principalComponents(
	rows: Float32Array,
	count: number,
	dim: number,
	k = dim
): Promise<PrincipalComponents> {
	if (dim > FULL_EIGEN_MAX_DIM && k <= FEW_COMPONENTS)
		return topComponentsOfRows(rows, count, dim, k);
	return componentsFromMoments(await dataMoments(rows, count, dim), k);
}

/** Up to this many components of a large dimension come from the data, not the covariance. */
export const FEW_COMPONENTS = 16;

/** How many components it takes for the cumulative share to reach `share` (null: never, in k). */
export function componentsFor(pca: PrincipalComponents, share: number): number | null {
	const i = pca.cumulative.findIndex((c) => c >= share - 1e-12);
	return i < 0 ? null : i + 1;
}

/**
 * Coordinates of each row on the first `k` components: [N, k], yᵢ = vᵢ · (x − μ).
 * @param rows [N, d]
 */
export function project(pca: PrincipalComponents, rows: ArrayLike<number>, k = 2): Float32Array {
	const d = pca.dim;
	const count = Math.floor(rows.length / d);
	const out = new Float32Array(count * k);
	const x = new Float64Array(d);
	for (let n = 0; n < count; n++) {
		for (let j = 0; j < d; j++) x[j] = rows[n * d + j] - pca.mean[j];
		for (let i = 0; i < k; i++) {
			const v = pca.components.subarray(i * d, (i + 1) * d);
			let s = 0;
			for (let j = 0; j < d; j++) s += v[j] * x[j];
			out[n * k + i] = s;
		}
	}
	return out;
}

/**
 * The slope of log λ against log i (least squares), over components `from`…`to` (1-based) with
 * λ > 0: a straight scree on log–log axes is a power law λᵢ ∝ i^slope.
 */
export function screeSlope(values: ArrayLike<number>, from = 2, to = values.length): number | null {
	const xs: number[] = [];
	const ys: number[] = [];
	for (let i = from; i <= Math.min(to, values.length); i++)
		if (values[i - 1] > 0) {
			xs.push(Math.log(i));
			ys.push(Math.log(values[i - 1]));
		}
	if (xs.length < 2) return null;
	const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
	const my = ys.reduce((a, b) => a + b, 0) / ys.length;
	let sxy = 0;
	let sxx = 0;
	for (let i = 0; i < xs.length; i++) {
		sxy += (xs[i] - mx) * (ys[i] - my);
		sxx += (xs[i] - mx) ** 2;
	}
	return sxy / sxx;
}
