/**
 * The five preprocessings for Fashion-MNIST's 784 pixels, with statistics from the training
 * images only (the test images are transformed with the training mean, σ and ZCA matrix, as a
 * deployed model would be):
 *   raw01         x                     raw255        255·x
 *   centred       x − μ                 standardised  (x − μ)/σ per pixel (σ = 0 → 1)
 *   whitened      ZCA (Σ + εI)^(−1/2)(x − μ), ε = FASHION_ZCA_EPSILON
 * Each is x' = D(x − m) with D diagonal, or a full symmetric matrix for ZCA.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { SymmetricEigen } from './eigenTypes';
import { zcaMatrix, type Preprocessing } from './preprocessing';
import { tridiagonalEigen } from './tridiagonalEigen';

export const FASHION_DIM = 784;

/**
 * ZCA's ε in [0, 1]² pixel units. The training covariance's eigenvalues run from ≈ 20 down to
 * exactly 0 (pixels black in every training image; 776 of 784 are nonzero on 2,000 images):
 * with ε = 0 whitening would divide by ~0 and blow up noise. With ε = 0.1 each direction is
 * scaled to variance λ/(λ + ε): the ~20 directions above λ = 0.1 come out between 0.5 and 1
 * (κ ≈ 1 where the data lives), the faint ones are damped instead of amplified — the usual
 * choice for [0, 1] pixels (Coates & Ng 2011 use 0.1 on normalised patches).
 */
export const FASHION_ZCA_EPSILON = 0.1;

/** Per-pixel statistics of the training images. */
export interface PixelStatistics {
	count: number;
	/** [784] */
	mean: Float64Array;
	/** [784, 784] row-major Σ = E[(x − μ)(x − μ)ᵀ] */
	covariance: Float64Array;
}

export interface FashionTransform {
	preprocessing: Preprocessing;
	/** [784] m */
	offset: Float32Array;
	/** [784] the diagonal of D, or null when `matrix` holds a full D (ZCA) */
	scale: Float32Array | null;
	/** [784, 784] row-major symmetric D, or null */
	matrix: Float32Array | null;
}

/**
 * Mean and covariance of [count, 784] images in [0, 1]; the covariance by one TF.js matMul of
 * the centred images (so it runs on the backend's fast kernel), accumulated in float32.
 */
export function pixelStatistics(images: Float32Array, count: number): PixelStatistics {
	const d = FASHION_DIM;
	if (images.length !== count * d)
		throw new Error(`pixels: ${images.length} values ≠ ${count}×784`);
	const mean = new Float64Array(d);
	for (let n = 0; n < count; n++) for (let j = 0; j < d; j++) mean[j] += images[n * d + j];
	for (let j = 0; j < d; j++) mean[j] /= count;
	const cov = tf.tidy(() => {
		const centred = tf.sub(
			tf.tensor2d(images, [count, d]),
			tf.tensor2d(Float32Array.from(mean), [1, d])
		);
		// an explicit transpose: matMul's transposeA path is ~2.5× slower on WASM
		return tf.div(tf.matMul(tf.transpose(centred), centred), count);
	});
	const covariance = Float64Array.from(cov.dataSync());
	cov.dispose();
	return { count, mean, covariance };
}

/** The covariance's eigen-decomposition (784×784, Householder + QL: about a second or two). */
export function covarianceEigen(stats: PixelStatistics): SymmetricEigen {
	return tridiagonalEigen(stats.covariance, FASHION_DIM);
}

/** A pixel whose training σ is below this is constant there: it is centred, not scaled. */
const SIGMA_FLOOR = 1e-6;

export function fashionTransform(
	preprocessing: Preprocessing,
	stats: PixelStatistics,
	eigen?: SymmetricEigen,
	epsilon = FASHION_ZCA_EPSILON
): FashionTransform {
	const d = FASHION_DIM;
	const zero = new Float32Array(d);
	const mean = Float32Array.from(stats.mean);
	const fill = (v: number) => new Float32Array(d).fill(v);
	switch (preprocessing) {
		case 'raw01':
			return { preprocessing, offset: zero, scale: fill(1), matrix: null };
		case 'raw255':
			return { preprocessing, offset: zero, scale: fill(255), matrix: null };
		case 'centred':
			return { preprocessing, offset: mean, scale: fill(1), matrix: null };
		case 'standardised': {
			const scale = new Float32Array(d);
			for (let j = 0; j < d; j++) {
				const sigma = Math.sqrt(Math.max(stats.covariance[j * d + j], 0));
				scale[j] = sigma > SIGMA_FLOOR ? 1 / sigma : 1;
			}
			return { preprocessing, offset: mean, scale, matrix: null };
		}
		case 'whitened': {
			if (!eigen || eigen.n !== d)
				throw new Error('whitened: needs the covariance eigen-decomposition');
			return {
				preprocessing,
				offset: mean,
				scale: null,
				matrix: Float32Array.from(zcaMatrix(eigen, epsilon))
			};
		}
	}
}

/**
 * x' = D(x − m) for a batch. A TF.js op: call inside tf.tidy.
 * @param images [N, 784] @returns [N, 784]
 */
export function applyFashionTransform(images: tf.Tensor2D, t: FashionTransform): tf.Tensor2D {
	const centred = tf.sub(images, tf.tensor2d(t.offset, [1, FASHION_DIM]));
	if (t.matrix) return tf.matMul(centred, tf.tensor2d(t.matrix, [FASHION_DIM, FASHION_DIM]));
	return tf.mul(centred, tf.tensor2d(t.scale!, [1, FASHION_DIM]));
}

/**
 * Weights trained on preprocessed inputs as weights on raw [0, 1] pixels: w·D(x − m) + b =
 * (Dw)·x + (b − (Dw)·m), so the test set is scored without transforming 10,000 images.
 * @param weights [784, 10] row-major @param bias [10]
 */
export function rawClassifier(
	t: FashionTransform,
	weights: Float32Array,
	bias: Float32Array
): { weights: Float32Array; bias: Float32Array } {
	const d = FASHION_DIM;
	const classes = bias.length;
	const out = new Float32Array(d * classes);
	for (let i = 0; i < d; i++)
		for (let c = 0; c < classes; c++) {
			let s = 0;
			if (t.matrix) for (let k = 0; k < d; k++) s += t.matrix[i * d + k] * weights[k * classes + c];
			else s = t.scale![i] * weights[i * classes + c];
			out[i * classes + c] = s;
		}
	const b = Float32Array.from(bias);
	for (let c = 0; c < classes; c++) {
		let s = 0;
		for (let i = 0; i < d; i++) s += out[i * classes + c] * t.offset[i];
		b[c] -= s;
	}
	return { weights: out, bias: b };
}
