/**
 * The mean and covariance of the rows of an [N, d] data matrix: Σ = (X − μ)ᵀ(X − μ) / N (the
 * maximum-likelihood normalisation, so eigenvalues are variances of the data as given). The
 * d×d product is one TF.js matMul on the active backend: for 10,000 Fashion-MNIST images it is
 * 10,000 × 784 × 784 multiply-adds, which plain JavaScript takes seconds for. Centring happens
 * before the product, so float32 loses nothing to the cancellation of E[xxᵀ] − μμᵀ.
 */
import * as tf from '@tensorflow/tfjs-core';

export interface DataMoments {
	/** [d] the mean row */
	mean: Float64Array;
	/** [d, d] row-major, symmetric */
	covariance: Float64Array;
	dim: number;
	count: number;
}

/** @param rows [N, d] row-major */
export async function dataMoments(
	rows: Float32Array,
	count: number,
	dim: number
): Promise<DataMoments> {
	if (rows.length !== count * dim || count < 1)
		throw new Error(`covariance: ${rows.length} values are not ${count} rows of ${dim}`);
	const mean = new Float64Array(dim);
	for (let n = 0; n < count; n++) for (let i = 0; i < dim; i++) mean[i] += rows[n * dim + i];
	for (let i = 0; i < dim; i++) mean[i] /= count;
	const product = tf.tidy(() => {
		const x = tf.sub(tf.tensor2d(rows, [count, dim]), tf.tensor1d(Float32Array.from(mean)));
		// An explicit transpose, not matMul's transposeA: TF.js 4.22's WASM matMul with transposeA
		// took 12× longer on 2,000 × 784 here (8.9 s against 0.7 s).
		return tf.div(tf.matMul(tf.transpose(x), x), count);
	});
	const values = await product.data();
	product.dispose();
	const covariance = new Float64Array(dim * dim);
	// symmetrise: float32 sums in different orders can differ in the last bit
	for (let i = 0; i < dim; i++)
		for (let j = i; j < dim; j++)
			covariance[i * dim + j] = covariance[j * dim + i] =
				(values[i * dim + j] + values[j * dim + i]) / 2;
	return { mean, covariance, dim, count };
}
