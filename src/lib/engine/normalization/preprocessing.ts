/**
 * The five input preprocessings of the normalization lab, each an affine map of a patch
 * (or an image) x ↦ x' = A(x − m) with A symmetric:
 *   raw01         A = I,                          m = 0   (pixels in [0, 1], as the app holds them)
 *   raw255        A = 255·I,                      m = 0   (bytes)
 *   centred       A = I,                          m = μ   (the mean input)
 *   standardised  A = I/σ,                        m = μ   (σ one global standard deviation)
 *   whitened      A = V diag(1/√(λ + ε)) Vᵀ,      m = μ   (ZCA: Σ = VΛVᵀ the covariance)
 * Because they are affine, the moments of x' follow from those of x (transformedMoments): the
 * page never re-reads the image to switch preprocessing. Global σ only rescales, so
 * standardised has exactly the κ of centred; whitening makes the covariance Λ/(Λ + ε) ≈ I.
 */
import type { SymmetricEigen } from './eigenTypes';

export const PREPROCESSINGS = ['raw01', 'raw255', 'centred', 'standardised', 'whitened'] as const;
export type Preprocessing = (typeof PREPROCESSINGS)[number];

/** x' = A(x − m) */
export interface AffineTransform {
	preprocessing: Preprocessing;
	/** input dimension d (9 for 3×3 patches, 784 for Fashion-MNIST) */
	dim: number;
	/** [d, d] row-major, symmetric */
	matrix: Float64Array;
	/** [d] */
	offset: Float64Array;
}

/** First and second moments of the inputs: E[x] and E[xxᵀ]. */
export interface Moments {
	/** [d] */
	mean: Float64Array;
	/** [d, d] row-major */
	moment: Float64Array;
}

/** Σ = E[xxᵀ] − μμᵀ, [d, d]. */
export function covariance({ mean, moment }: Moments): Float64Array {
	const d = mean.length;
	const cov = new Float64Array(d * d);
	for (let i = 0; i < d; i++)
		for (let j = 0; j < d; j++) cov[i * d + j] = moment[i * d + j] - mean[i] * mean[j];
	return cov;
}

/** trace Σ: the total variance, 0 exactly when every input is the same. */
export function totalVariance({ mean, moment }: Moments): number {
	const d = mean.length;
	let t = 0;
	for (let i = 0; i < d; i++) t += moment[i * d + i] - mean[i] * mean[i];
	return Math.max(t, 0);
}

function scaledIdentity(d: number, s: number): Float64Array {
	const m = new Float64Array(d * d);
	for (let i = 0; i < d; i++) m[i * d + i] = s;
	return m;
}

/**
 * The transform of one preprocessing for inputs with these moments.
 * @param covarianceEigen the eigen-decomposition of covariance(moments), needed for
 *   'whitened' only
 * @param epsilon ZCA's regulariser, in the inputs' squared units
 */
export function preprocessingTransform(
	preprocessing: Preprocessing,
	moments: Moments,
	covarianceEigen?: SymmetricEigen,
	epsilon = 0
): AffineTransform {
	const d = moments.mean.length;
	const zero = new Float64Array(d);
	const mean = Float64Array.from(moments.mean);
	const make = (matrix: Float64Array, offset: Float64Array): AffineTransform => ({
		preprocessing,
		dim: d,
		matrix,
		offset
	});
	switch (preprocessing) {
		case 'raw01':
			return make(scaledIdentity(d, 1), zero);
		case 'raw255':
			return make(scaledIdentity(d, 255), zero);
		case 'centred':
			return make(scaledIdentity(d, 1), mean);
		case 'standardised': {
			// σ² = the variance of all centred entries together: trace Σ / d.
			const sigma = Math.sqrt(totalVariance(moments) / d);
			return make(scaledIdentity(d, sigma > 0 ? 1 / sigma : 1), mean);
		}
		case 'whitened': {
			if (!covarianceEigen || covarianceEigen.n !== d)
				throw new Error('whitened: needs the covariance eigen-decomposition');
			return make(zcaMatrix(covarianceEigen, epsilon), mean);
		}
	}
}

/**
 * ZCA's A = V diag(1/√(λ + ε)) Vᵀ. A direction with λ + ε ≤ 0 (rank-deficient data, ε = 0)
 * is dropped rather than divided by zero.
 */
export function zcaMatrix({ n, values, vectors }: SymmetricEigen, epsilon: number): Float64Array {
	const a = new Float64Array(n * n);
	const row = new Float64Array(n);
	for (let k = 0; k < n; k++) {
		const l = values[k] + epsilon;
		if (!(l > 0)) continue;
		const s = 1 / Math.sqrt(l);
		const v = vectors.subarray(k * n, (k + 1) * n);
		for (let i = 0; i < n; i++) row[i] = s * v[i];
		for (let i = 0; i < n; i++) {
			const ri = row[i];
			if (ri === 0) continue;
			const base = i * n;
			for (let j = 0; j < n; j++) a[base + j] += ri * v[j];
		}
	}
	return a;
}

/** E[x'] and E[x'x'ᵀ] of x' = A(x − m), from those of x. */
export function transformedMoments(moments: Moments, t: AffineTransform): Moments {
	const d = t.dim;
	const { matrix: a, offset: m } = t;
	const shift = new Float64Array(d);
	for (let i = 0; i < d; i++) shift[i] = moments.mean[i] - m[i];
	// S = E[(x − m)(x − m)ᵀ] = Σ + (μ − m)(μ − m)ᵀ
	const cov = covariance(moments);
	for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) cov[i * d + j] += shift[i] * shift[j];
	return { mean: multiplyVector(a, shift, d), moment: sandwich(a, cov, d) };
}

/** y = A x for [d, d] A. */
export function multiplyVector(a: Float64Array, x: ArrayLike<number>, d: number): Float64Array {
	const y = new Float64Array(d);
	for (let i = 0; i < d; i++) {
		let s = 0;
		for (let j = 0; j < d; j++) s += a[i * d + j] * x[j];
		y[i] = s;
	}
	return y;
}

/** A S Aᵀ for [d, d] A and S. */
function sandwich(a: Float64Array, s: Float64Array, d: number): Float64Array {
	const as = new Float64Array(d * d);
	for (let i = 0; i < d; i++)
		for (let k = 0; k < d; k++) {
			const aik = a[i * d + k];
			if (aik === 0) continue;
			for (let j = 0; j < d; j++) as[i * d + j] += aik * s[k * d + j];
		}
	const out = new Float64Array(d * d);
	for (let i = 0; i < d; i++)
		for (let j = 0; j < d; j++) {
			let sum = 0;
			for (let k = 0; k < d; k++) sum += as[i * d + k] * a[j * d + k];
			out[i * d + j] = sum;
		}
	return out;
}

/**
 * Apply the transform to every row of an [N, d] input matrix (patches or images).
 * @returns [N, d] Float64Array
 */
export function transformRows(rows: ArrayLike<number>, t: AffineTransform): Float64Array {
	const d = t.dim;
	const count = Math.floor(rows.length / d);
	const out = new Float64Array(count * d);
	const x = new Float64Array(d);
	for (let n = 0; n < count; n++) {
		for (let i = 0; i < d; i++) x[i] = rows[n * d + i] - t.offset[i];
		for (let i = 0; i < d; i++) {
			let s = 0;
			for (let j = 0; j < d; j++) s += t.matrix[i * d + j] * x[j];
			out[n * d + i] = s;
		}
	}
	return out;
}

/**
 * E[x'y'] where y' = k·(x − m): the target kernel's response measured from the same offset
 * as the inputs (a centred input can only fit a centred target; the mean response k·m is the
 * bias, which the lab leaves out). With S = E[(x − m)(x − m)ᵀ] it is A S k.
 * @param kernel [d] the target, in the raw inputs' units
 */
export function crossMoment(
	moments: Moments,
	t: AffineTransform,
	kernel: ArrayLike<number>
): Float64Array {
	const d = t.dim;
	const cov = covariance(moments);
	const sk = new Float64Array(d);
	let shiftK = 0;
	for (let j = 0; j < d; j++) shiftK += (moments.mean[j] - t.offset[j]) * kernel[j];
	for (let i = 0; i < d; i++) {
		let s = 0;
		for (let j = 0; j < d; j++) s += cov[i * d + j] * kernel[j];
		sk[i] = s + (moments.mean[i] - t.offset[i]) * shiftK;
	}
	return multiplyVector(t.matrix, sk, d);
}
