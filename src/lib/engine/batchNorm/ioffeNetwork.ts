/**
 * Ioffe & Szegedy's §4.1 network: 784 → 100 → 100 → 100 → 10, sigmoid hidden units, weights from a
 * small Gaussian, trained by plain SGD on mini-batches of 60. Three variants share everything but
 * what follows each hidden layer's affine map:
 *   'plain'     x → sigmoid(xW + b)
 *   'bn'        x → sigmoid(BN(xW))           (BN's β replaces the bias)
 *   'noisy-bn'  x → sigmoid(noise(BN(xW)))    (Santurkar et al.'s test: noisyBatchNorm.ts)
 * `forward` also returns the input to the last hidden layer's sigmoids — the quantity whose
 * {15, 50, 85}th percentiles Ioffe's Fig. 1 tracks over training.
 */
import * as tf from '@tensorflow/tfjs-core';
import { seededNormal, seededRandom } from '../seededRandom';
import { batchNormTrain, normalize, updateRunning, type BatchStatistics } from './batchNorm';
import { noisyBatchNorm } from './noisyBatchNorm';

export const BN_VARIANTS = ['plain', 'bn', 'noisy-bn'] as const;
export type BnVariant = (typeof BN_VARIANTS)[number];

export const IOFFE_LAYERS = [784, 100, 100, 100, 10] as const;
/** the standard deviation of the initial weights ("small random Gaussian values") */
export const INIT_SD = 0.05;

interface HiddenLayer {
	weights: tf.Variable;
	/** the plain net's bias, or BN's β */
	shift: tf.Variable;
	/** BN's γ (absent in the plain net) */
	gamma?: tf.Variable;
	runningMean?: tf.Variable;
	runningVariance?: tf.Variable;
}

export interface IoffeNetwork {
	variant: BnVariant;
	hidden: HiddenLayer[];
	output: { weights: tf.Variable; bias: tf.Variable };
	/** the noise of noisy BN: seeded, so a run is repeatable */
	noise: { random: () => number; normal: () => number };
}

/** A variable holding `make()`'s values; the tensor it was made from is freed. */
function variableOf(make: () => tf.Tensor, trainable = true): tf.Variable {
	const initial = make();
	const variable = tf.variable(initial, trainable);
	initial.dispose();
	return variable;
}

/** A fresh network; the same seed gives the same weights for every variant. */
export function ioffeNetwork(variant: BnVariant, seed: number, initSd = INIT_SD): IoffeNetwork {
	const normal = seededNormal(seed);
	const gaussian = (rows: number, cols: number) =>
		variableOf(() =>
			tf.tensor2d(
				Float32Array.from({ length: rows * cols }, () => normal() * initSd),
				[rows, cols]
			)
		);
	const hidden: HiddenLayer[] = [];
	for (let i = 0; i < 3; i++) {
		const [inputs, units] = [IOFFE_LAYERS[i], IOFFE_LAYERS[i + 1]];
		const layer: HiddenLayer = {
			weights: gaussian(inputs, units),
			shift: variableOf(() => tf.zeros([units]))
		};
		if (variant !== 'plain') {
			layer.gamma = variableOf(() => tf.ones([units]));
			layer.runningMean = variableOf(() => tf.zeros([units]), false);
			layer.runningVariance = variableOf(() => tf.ones([units]), false);
		}
		hidden.push(layer);
	}
	const output = { weights: gaussian(100, 10), bias: variableOf(() => tf.zeros([10])) };
	return {
		variant,
		hidden,
		output,
		noise: { random: seededRandom(seed + 1), normal: seededNormal(seed + 2) }
	};
}

/** the variables SGD updates */
export function trainable(net: IoffeNetwork): tf.Variable[] {
	return [
		...net.hidden.flatMap((l) => (l.gamma ? [l.weights, l.gamma, l.shift] : [l.weights, l.shift])),
		net.output.weights,
		net.output.bias
	];
}

export function disposeNetwork(net: IoffeNetwork): void {
	for (const l of net.hidden) {
		tf.dispose([l.weights, l.shift]);
		if (l.gamma) tf.dispose([l.gamma, l.runningMean!, l.runningVariance!]);
	}
	tf.dispose([net.output.weights, net.output.bias]);
}

export interface Forward {
	/** [N, 10] */
	logits: tf.Tensor2D;
	/** [N, 100] per hidden layer: the input to its sigmoids (after BN and noise) */
	inputs: tf.Tensor2D[];
	/** [N, 100] the input to the last hidden layer's sigmoids (= inputs[2]) */
	lastInput: tf.Tensor2D;
}

/**
 * x [N, 784] in [0, 1] → logits. `training`: BN uses the batch's statistics (and updates the
 * running averages when `updateStatistics`), noisy BN adds its noise; otherwise BN uses the
 * running averages — or `statistics`, one per hidden layer (populationStatistics.ts) — and no
 * noise is added (inference).
 */
export function forward(
	net: IoffeNetwork,
	x: tf.Tensor2D,
	training: boolean,
	updateStatistics = false,
	statistics?: readonly BatchStatistics[]
): Forward {
	return tf.tidy(() => {
		let h: tf.Tensor2D = x;
		const inputs: tf.Tensor2D[] = [];
		for (const [i, layer] of net.hidden.entries()) {
			const z = tf.matMul(h, layer.weights);
			let pre: tf.Tensor2D;
			if (!layer.gamma) pre = tf.add(z, layer.shift);
			else if (training) {
				const bn = batchNormTrain(z, layer.gamma, layer.shift);
				if (updateStatistics) {
					updateRunning(layer.runningMean!, bn.mean);
					// the population's variance is estimated without bias (Ioffe & Szegedy, Alg. 2)
					const n = z.shape[0];
					updateRunning(layer.runningVariance!, tf.mul(bn.variance, n > 1 ? n / (n - 1) : 1));
				}
				pre = bn.y as tf.Tensor2D;
				if (net.variant === 'noisy-bn')
					pre = noisyBatchNorm(pre, net.noise.random, net.noise.normal);
			} else {
				pre = normalize(
					z,
					statistics?.[i]?.mean ?? layer.runningMean!,
					statistics?.[i]?.variance ?? layer.runningVariance!,
					layer.gamma,
					layer.shift
				) as tf.Tensor2D;
			}
			inputs.push(pre);
			h = tf.sigmoid(pre);
		}
		const logits = tf.add(tf.matMul(h, net.output.weights), net.output.bias) as tf.Tensor2D;
		return { logits, inputs, lastInput: inputs[inputs.length - 1] };
	});
}

/** mean softmax cross-entropy; labels [N] class indices */
export function crossEntropy(logits: tf.Tensor2D, labels: tf.Tensor1D): tf.Scalar {
	return tf.tidy(() => {
		const logProbs = tf.logSoftmax(logits);
		const picked = tf.sum(tf.mul(logProbs, tf.oneHot(labels, 10)), 1);
		return tf.neg(tf.mean(picked)) as tf.Scalar;
	});
}

/**
 * One plain SGD step on a batch: θ ← θ − lr · ∂loss/∂θ (Ioffe's §4.1 optimizer). Returns the
 * batch's loss before the update and the last hidden layer's sigmoid inputs of unit `unit`.
 */
export function sgdStep(
	net: IoffeNetwork,
	x: tf.Tensor2D,
	labels: tf.Tensor1D,
	learningRate: number,
	unit = 0
): { loss: number; unitInputs: Float32Array } {
	let unitInputs: tf.Tensor | null = null;
	const { value, grads } = tf.variableGrads(() => {
		const out = forward(net, x, true, true);
		unitInputs = tf.keep(tf.squeeze(tf.slice(out.lastInput, [0, unit], [-1, 1]), [1]));
		return crossEntropy(out.logits, labels);
	}, trainable(net));
	tf.tidy(() => {
		for (const variable of trainable(net)) {
			const g = grads[variable.name];
			if (g) variable.assign(tf.sub(variable, tf.mul(g, learningRate)));
		}
	});
	const loss = value.dataSync()[0];
	const inputs = (unitInputs as tf.Tensor | null)?.dataSync() as Float32Array;
	tf.dispose([value, ...Object.values(grads)]);
	if (unitInputs) tf.dispose(unitInputs);
	return { loss, unitInputs: inputs };
}

/**
 * Accuracy on x [N, 784] with labels [N]: in inference mode (BN with its running averages — what a
 * deployed network does, PyTorch's model.eval() — or with the given `statistics`), or with
 * `training`, BN on the statistics of x itself (and noisy BN's noise): at a high rate the modes
 * differ, because the running averages lag behind the weights.
 */
export function accuracy(
	net: IoffeNetwork,
	x: tf.Tensor2D,
	labels: Int32Array | Uint8Array,
	training = false,
	statistics?: readonly BatchStatistics[]
): number {
	const argMax = tf.tidy(() => tf.argMax(forward(net, x, training, false, statistics).logits, 1));
	const predicted = argMax.dataSync();
	argMax.dispose();
	let right = 0;
	for (let i = 0; i < labels.length; i++) if (predicted[i] === labels[i]) right++;
	return right / labels.length;
}
