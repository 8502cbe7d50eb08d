/**
 * Batch normalization (Ioffe & Szegedy 2015), written out so the lab can show every number:
 *   training:  μ_B = mean over the batch, σ²_B = biased variance over the batch,
 *              y = γ · (x − μ_B) / √(σ²_B + ε) + β
 *   inference: the same with running averages in place of the batch's statistics,
 *              running ← momentum · running + (1 − momentum) · batch.
 * The reduction axes are every axis but the last (features / channels): [N, C] for a dense
 * layer, [N, H, W, C] for a conv layer. Built from ops every backend has; its gradient comes
 * from tf's registered gradients of mean, sub, mul, rsqrt (tested on WASM against CPU).
 */
import * as tf from '@tensorflow/tfjs-core';

export const BN_EPSILON = 1e-3;
/**
 * Weight of the old running average at each training step (PyTorch's momentum 0.1 is 1 − 0.9).
 * At 0.99 (Keras's default) the averages still hold 37 % of their initial 0 and 1 after 100 steps
 * while the weights have moved a long way: inference accuracy then lags far behind the batch's.
 */
export const RUNNING_MOMENTUM = 0.9;

export interface BatchStatistics {
	/** [C] the batch's mean per feature */
	mean: tf.Tensor1D;
	/** [C] the batch's biased variance per feature (divided by N, as in the paper) */
	variance: tf.Tensor1D;
}

function reductionAxes(x: tf.Tensor): number[] {
	return Array.from({ length: x.rank - 1 }, (_, i) => i);
}

/** The batch's mean and biased variance per feature (last axis). */
export function batchStatistics(x: tf.Tensor): BatchStatistics {
	return tf.tidy(() => {
		const axes = reductionAxes(x);
		const mean = tf.mean(x, axes);
		const variance = tf.mean(tf.square(tf.sub(x, mean)), axes);
		return { mean: mean as tf.Tensor1D, variance: variance as tf.Tensor1D };
	});
}

/** y = γ · (x − μ) / √(σ² + ε) + β, per feature (last axis). */
export function normalize(
	x: tf.Tensor,
	mean: tf.Tensor,
	variance: tf.Tensor,
	gamma: tf.Tensor,
	beta: tf.Tensor,
	epsilon = BN_EPSILON
): tf.Tensor {
	return tf.tidy(() =>
		tf.add(tf.mul(tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, epsilon))), gamma), beta)
	);
}

/** Training mode: normalised with the batch's own statistics, which are returned too. */
export function batchNormTrain(
	x: tf.Tensor,
	gamma: tf.Tensor,
	beta: tf.Tensor,
	epsilon = BN_EPSILON
): { y: tf.Tensor } & BatchStatistics {
	return tf.tidy(() => {
		const { mean, variance } = batchStatistics(x);
		return { y: normalize(x, mean, variance, gamma, beta, epsilon), mean, variance };
	});
}

/** running ← momentum · running + (1 − momentum) · batch (in place). */
export function updateRunning(
	running: tf.Variable,
	batch: tf.Tensor,
	momentum = RUNNING_MOMENTUM
): void {
	tf.tidy(() => running.assign(tf.add(tf.mul(running, momentum), tf.mul(batch, 1 - momentum))));
}
