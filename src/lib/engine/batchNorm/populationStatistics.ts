/**
 * Ioffe & Szegedy's Algorithm 2 (steps 8–11): the statistics a trained BN network uses at
 * inference, measured once with the final weights instead of averaged along the way. The training
 * images are cut into mini-batches of m; the network runs in training mode with its weights frozen
 * (each layer normalised by its own batch's statistics, as during training; no noisy-BN noise,
 * which inference leaves out); per BN layer
 *   E[x] = mean over batches of μ_B,   Var[x] = m/(m − 1) · mean over batches of σ²_B.
 * The running averages (momentum 0.9) instead weight the last ~10 steps' batches, taken with the
 * weights of those steps: at a high learning rate the weights move between steps, and the
 * averages, and the test accuracy they give, swing from one evaluation to the next.
 */
import * as tf from '@tensorflow/tfjs-core';
import { normalize, type BatchStatistics } from './batchNorm';
import type { IoffeNetwork } from './ioffeNetwork';

/**
 * Per hidden layer (3), the population mean and variance of its BN input; [] for the plain net.
 * @param x [N, 784] training images; the first ⌊N/m⌋·m are used (all of them when N < m)
 * @param batchSize m, the training mini-batch size
 */
export function populationStatistics(
	net: IoffeNetwork,
	x: tf.Tensor2D,
	batchSize: number
): BatchStatistics[] {
	if (!net.hidden[0].gamma) return [];
	const [n, inputs] = x.shape;
	const m = Math.max(1, Math.min(Math.floor(batchSize), n));
	const batches = Math.floor(n / m);
	const unbiased = m > 1 ? m / (m - 1) : 1;
	const statistics: BatchStatistics[] = [];
	// the sigmoid outputs of the layer below, [batches · m, units]; freed layer by layer
	let h: tf.Tensor2D = tf.slice(x, [0, 0], [batches * m, inputs]);
	for (const layer of net.hidden) {
		const units = layer.weights.shape[1] as number;
		const below = h;
		const [mean, variance, next] = tf.tidy(() => {
			// [batches, m, units]: each batch's statistics over its own m rows
			const z = tf.reshape(tf.matMul(below, layer.weights), [batches, m, units]);
			const batchMean = tf.mean(z, 1, true);
			const batchVariance = tf.mean(tf.square(tf.sub(z, batchMean)), 1, true);
			const y = normalize(z, batchMean, batchVariance, layer.gamma!, layer.shift);
			return [
				tf.reshape(tf.mean(batchMean, [0, 1]), [units]),
				tf.reshape(tf.mul(tf.mean(batchVariance, [0, 1]), unbiased), [units]),
				tf.reshape(tf.sigmoid(y), [batches * m, units])
			] as [tf.Tensor1D, tf.Tensor1D, tf.Tensor2D];
		});
		below.dispose();
		statistics.push({ mean, variance });
		h = next;
	}
	h.dispose();
	return statistics;
}
