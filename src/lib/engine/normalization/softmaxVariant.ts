/**
 * Softmax regression as a model of the shared training loop (src/lib/training/): the
 * normalization lab's classifier runs, one variant per preprocessing, each from zero weights,
 * each step one full-batch update on its own preprocessed inputs by the loop's optimizer (plain
 * gradient descent, engine/sgd.ts).
 *
 * Each run steps at its own rate η = multiple · 20/λmax of its own inputs (the largest stable
 * step at zero weights, softmaxRegression.ts), as the filter fit steps at a multiple of 2/λmax,
 * while the loop has one learning rate lr: the optimizer is handed (η/lr)·g, which for plain
 * gradient descent is exactly a step of η along the loss's gradient g.
 *
 * The gradient is written out, P = softmax(XW + b): ∂L/∂W = Xᵀ(P − Y)/N, ∂L/∂b = Σₙ(P − Y)/N, with
 * a kept Xᵀ — autodiff's Xᵀ·δ is a matMul with transposeA, which TF.js's WASM backend runs ~6×
 * slower than the same product on a transposed copy (2.7 vs 15 ms at 2,000×784, measured). The
 * optimizer gets g through the linear surrogate ⟨θ, g⟩, whose gradient is g (tested against
 * autodiff of the cross-entropy).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Optimizer } from '../optimizer';
import { CLASSES } from './softmaxRegression';

export interface SoftmaxModel {
	/** [d, 10] */
	weights: tf.Variable<tf.Rank.R2>;
	/** [1, 10] */
	bias: tf.Variable<tf.Rank.R2>;
	/** [N, d] the preprocessed training inputs (not owned: shared with the data) */
	inputs: tf.Tensor2D;
	/** [d, N] their transpose (not owned) */
	transposed: tf.Tensor2D;
	/** [N, 10] one-hot labels (not owned) */
	targets: tf.Tensor2D;
	/** the run's own step η */
	rate: number;
}

/**
 * Zero weights on `inputs` ([N, d], and `transposed` [d, N]) with `targets` ([N, 10]); steps of
 * `rate`. The tensors stay the caller's.
 */
export function buildSoftmaxModel(
	inputs: tf.Tensor2D,
	transposed: tf.Tensor2D,
	targets: tf.Tensor2D,
	rate: number
): SoftmaxModel {
	if (!(rate > 0)) throw new Error(`softmax: the step must be > 0, got ${rate}`);
	const d = inputs.shape[1];
	const zeros = (shape: [number, number]) => {
		const initial = tf.zeros(shape);
		const variable = tf.variable(initial, true) as tf.Variable<tf.Rank.R2>;
		initial.dispose();
		return variable;
	};
	return {
		weights: zeros([d, CLASSES]),
		bias: zeros([1, CLASSES]),
		inputs,
		transposed,
		targets,
		rate
	};
}

/** Mean cross-entropy of the model on its inputs (a TF.js op: call inside tidy or dispose). */
export function crossEntropy(model: SoftmaxModel): tf.Scalar {
	const logP = tf.logSoftmax(tf.add(tf.matMul(model.inputs, model.weights), model.bias));
	return tf.neg(tf.mean(tf.sum(tf.mul(model.targets, logP), 1)));
}

/** The loss and its gradients written out (see above); the caller disposes the three. */
export function softmaxGradients(model: SoftmaxModel): {
	weights: tf.Tensor2D;
	bias: tf.Tensor2D;
	loss: tf.Scalar;
} {
	return tf.tidy(() => {
		const count = model.inputs.shape[0];
		const logP = tf.logSoftmax(tf.add(tf.matMul(model.inputs, model.weights), model.bias));
		const delta = tf.div(tf.sub(tf.exp(logP), model.targets), count);
		return {
			weights: tf.matMul(model.transposed, delta) as tf.Tensor2D,
			bias: tf.sum(delta, 0, true) as tf.Tensor2D,
			loss: tf.neg(tf.mean(tf.sum(tf.mul(model.targets, logP), 1))) as tf.Scalar
		};
	});
}

/** One full-batch step of η; returns the loss before it. */
export async function softmaxUpdate(model: SoftmaxModel, optimizer: Optimizer): Promise<number> {
	const gain = model.rate / optimizer.learningRate;
	const g = softmaxGradients(model);
	const surrogate = optimizer.minimize(
		() =>
			tf.mul(
				tf.add(tf.sum(tf.mul(model.weights, g.weights)), tf.sum(tf.mul(model.bias, g.bias))),
				gain
			) as tf.Scalar,
		[model.weights, model.bias]
	);
	surrogate.dispose();
	const value = (await g.loss.data())[0];
	tf.dispose([g.weights, g.bias, g.loss]);
	return value;
}

export function disposeSoftmaxModel(model: SoftmaxModel): void {
	tf.dispose([model.weights, model.bias]);
}

/**
 * Accuracy of a linear classifier on kept test inputs.
 * @param images [N, d] @param labels [N] @param weights [d, 10] @param bias [10]
 */
export function linearAccuracy(
	images: tf.Tensor2D,
	labels: ArrayLike<number>,
	weights: Float32Array,
	bias: Float32Array
): number {
	const d = images.shape[1];
	const predicted = tf.tidy(() =>
		tf.argMax(
			tf.add(
				tf.matMul(images, tf.tensor2d(weights, [d, CLASSES])),
				tf.tensor2d(bias, [1, CLASSES])
			),
			1
		)
	);
	const classes = predicted.dataSync();
	predicted.dispose();
	let right = 0;
	for (let n = 0; n < labels.length; n++) if (classes[n] === labels[n]) right++;
	return right / labels.length;
}

/**
 * The step from which a loss curve stays below `threshold` (a too-large step can dip below it and
 * bounce back, which is not reaching it), or null. `losses[k]` is the loss after k steps.
 */
export function stepsToThreshold(losses: ArrayLike<number>, threshold: number): number | null {
	let from = losses.length;
	while (from > 0 && losses[from - 1] < threshold) from--;
	return from < losses.length ? from : null;
}
