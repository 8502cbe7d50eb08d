/**
 * Softmax regression (a linear classifier with cross-entropy loss) trained by full-batch
 * gradient descent from zero weights — the classifier half of the normalization lab. Several
 * learning rates train side by side as one wider matrix (W is [d, G·10]), so a learning-rate
 * grid costs one matMul per step, not G. The gradient is written out (no autodiff):
 *   P = softmax(XW + b),  ∂L/∂W = Xᵀ(P − Y)/N,  ∂L/∂b = Σₙ(P − Y)/N.
 */
import * as tf from '@tensorflow/tfjs-core';

export const CLASSES = 10;

export interface SoftmaxTrainer {
	/** how many updates have been applied */
	readonly steps: number;
	/** the mean cross-entropy of each learning rate's current weights, [G] */
	losses(): Float32Array;
	/**
	 * One full-batch update of every learning rate's weights; returns each one's loss before
	 * the update (from the same forward pass), [G].
	 */
	step(): Float32Array;
	/** learning rate g's weights [d, 10] and bias [10] */
	weights(g: number): { weights: Float32Array; bias: Float32Array };
	dispose(): void;
}

/**
 * @param inputs [N, d] preprocessed training inputs (the trainer keeps its own copy)
 * @param labels [N] classes 0–9
 * @param learningRates the G learning rates trained side by side
 */
export function createSoftmaxTrainer(
	inputs: tf.Tensor2D,
	labels: ArrayLike<number>,
	learningRates: number[]
): SoftmaxTrainer {
	const [count, d] = inputs.shape;
	const g = learningRates.length;
	if (labels.length !== count)
		throw new Error(`softmax: ${labels.length} labels for ${count} inputs`);
	if (!g || !learningRates.every((r) => r > 0))
		throw new Error('softmax: learning rates must be > 0');
	const x = tf.keep(inputs.clone());
	// Xᵀ kept once: TF.js's WASM matMul with transposeA is ~3× slower than on a transposed copy.
	const xT = tf.keep(tf.transpose(inputs));
	const oneHot = tf.tidy(() =>
		tf.reshape(tf.oneHot(tf.tensor1d(Array.from(labels), 'int32'), CLASSES), [count, 1, CLASSES])
	);
	// each learning rate repeated over its 10 columns
	const rates = tf.tensor2d(
		learningRates.flatMap((r) => new Array<number>(CLASSES).fill(r)),
		[1, g * CLASSES]
	);
	let w = tf.zeros([d, g * CLASSES]) as tf.Tensor2D;
	let b = tf.zeros([1, g * CLASSES]) as tf.Tensor2D;
	let steps = 0;

	const logProbabilities = () =>
		tf.logSoftmax(tf.reshape(tf.add(tf.matMul(x, w), b), [count, g, CLASSES]));

	return {
		get steps() {
			return steps;
		},
		losses() {
			const loss = tf.tidy(() => tf.neg(tf.mean(tf.sum(tf.mul(oneHot, logProbabilities()), 2), 0)));
			const values = loss.dataSync() as Float32Array;
			loss.dispose();
			return Float32Array.from(values);
		},
		step() {
			const [nextW, nextB, loss] = tf.tidy(() => {
				const logP = logProbabilities();
				const delta = tf.reshape(tf.div(tf.sub(tf.exp(logP), oneHot), count), [count, g * CLASSES]);
				const gradW = tf.matMul(xT, delta);
				const gradB = tf.sum(delta, 0, true);
				return [
					tf.sub(w, tf.mul(rates, gradW)),
					tf.sub(b, tf.mul(rates, gradB)),
					tf.neg(tf.mean(tf.sum(tf.mul(oneHot, logP), 2), 0))
				];
			});
			w.dispose();
			b.dispose();
			w = nextW as tf.Tensor2D;
			b = nextB as tf.Tensor2D;
			steps++;
			const values = Float32Array.from(loss.dataSync());
			loss.dispose();
			return values;
		},
		weights(index) {
			const [wi, bi] = tf.tidy(() => [
				tf.slice(w, [0, index * CLASSES], [d, CLASSES]),
				tf.slice(b, [0, index * CLASSES], [1, CLASSES])
			]);
			const out = { weights: wi.dataSync() as Float32Array, bias: bi.dataSync() as Float32Array };
			wi.dispose();
			bi.dispose();
			return { weights: Float32Array.from(out.weights), bias: Float32Array.from(out.bias) };
		},
		dispose() {
			tf.dispose([x, xT, oneHot, rates, w, b]);
		}
	};
}

/**
 * Accuracy of a linear classifier on raw inputs (argmax of xW + b against the label).
 * @param images [N, d] @param labels [N] @param weights [d, 10] @param bias [10]
 */
export function softmaxAccuracy(
	images: Float32Array,
	labels: ArrayLike<number>,
	weights: Float32Array,
	bias: Float32Array
): number {
	const count = labels.length;
	const d = images.length / count;
	const predicted = tf.tidy(() =>
		tf.argMax(
			tf.add(
				tf.matMul(tf.tensor2d(images, [count, d]), tf.tensor2d(weights, [d, CLASSES])),
				tf.tensor2d(bias, [1, CLASSES])
			),
			1
		)
	);
	const classes = predicted.dataSync();
	predicted.dispose();
	let right = 0;
	for (let n = 0; n < count; n++) if (classes[n] === labels[n]) right++;
	return right / count;
}

/**
 * λmax of E[x̃x̃ᵀ], x̃ = (x, 1) (the bias's constant input): at zero weights every class has
 * probability 1/10, the cross-entropy's Hessian is E[x̃x̃ᵀ] ⊗ (diag(p) − ppᵀ), whose top
 * eigenvalue is 0.1·λmax, so full-batch descent is stable up to η ≈ 20/λmax at the start.
 * By power iteration (a few dozen [N, d] products).
 * @param inputs [N, d]
 */
export function inputSecondMomentTop(inputs: tf.Tensor2D, iterations = 50): number {
	const [count, d] = inputs.shape;
	const top = tf.tidy(() => {
		const x = tf.concat([inputs, tf.ones([count, 1])], 1);
		let v: tf.Tensor = tf.div(tf.ones([d + 1, 1]), Math.sqrt(d + 1));
		let lambda: tf.Tensor = tf.scalar(0);
		for (let i = 0; i < iterations; i++) {
			const u = tf.div(tf.matMul(x, tf.matMul(x, v as tf.Tensor2D), true, false), count);
			lambda = tf.norm(u);
			v = tf.div(u, lambda);
		}
		return lambda;
	});
	const value = top.dataSync()[0];
	top.dispose();
	return value;
}

/**
 * The 31-point log grid of learning rates: 10^(k/10) times the stability limit at the
 * start, 20/λmax, for k = −20 … 10 (a hundredth of the limit to ten times it).
 */
export function learningRateGrid(lambdaMax: number, from = -20, to = 10): number[] {
	const rates: number[] = [];
	for (let k = from; k <= to; k++) rates.push((20 / lambdaMax) * 10 ** (k / 10));
	return rates;
}

/**
 * The two largest eigenvalues of E[x̃x̃ᵀ], x̃ = (x, 1), by power iteration, the second deflated
 * against the first: λ1/λ2 says how much one direction (for raw pixels, the mean image) dominates
 * the loss surface at the start. @param inputs [N, d] @returns [λ1, λ2]
 */
export function inputSecondMomentTopTwo(inputs: tf.Tensor2D, iterations = 100): [number, number] {
	const [count, d] = inputs.shape;
	const tops = tf.tidy(() => {
		const x = tf.concat([inputs, tf.ones([count, 1])], 1);
		const apply = (v: tf.Tensor2D): tf.Tensor2D =>
			tf.div(tf.matMul(x, tf.matMul(x, v), true, false), count);
		const unit = (v: tf.Tensor2D): tf.Tensor2D => tf.div(v, tf.norm(v));
		// two different, non-orthogonal starts: all ones, and a ramp
		let v1 = unit(tf.ones([d + 1, 1]));
		for (let i = 0; i < iterations; i++) v1 = unit(apply(v1));
		const deflate = (v: tf.Tensor2D): tf.Tensor2D => tf.sub(v, tf.mul(v1, tf.sum(tf.mul(v1, v))));
		let v2 = unit(deflate(tf.reshape(tf.range(1, d + 2), [d + 1, 1])));
		for (let i = 0; i < iterations; i++) v2 = unit(deflate(apply(v2)));
		return tf.stack([tf.sum(tf.mul(v1, apply(v1))), tf.sum(tf.mul(v2, apply(v2)))]);
	});
	const [a, b] = tops.dataSync();
	tops.dispose();
	return [a, b];
}
