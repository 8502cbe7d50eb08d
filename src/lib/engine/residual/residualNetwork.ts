/**
 * The degradation experiment's networks (He et al. 2016, as an MLP on Fashion-MNIST):
 *   input   784 → 64: Linear, BN, ReLU
 *   n blocks, each  h → ReLU( [h +] BN(Linear(ReLU(BN(Linear(h))))) )   (the "+ h" only in 'residual')
 *   head    64 → 10: Linear (with bias)
 * Depth counts the weight layers, as He et al. count "plain-20"/"ResNet-20": 1 input layer, 2 per
 * block, 1 head, so depth = 2n + 2 and n = (depth − 2) / 2: depth 8 → 3 blocks, 20 → 9, 56 → 27.
 * The Linear layers before BN carry no bias (BN's β is the shift). Weights He-normal
 * (sd √(2 / fan-in)), γ = 1, β = 0; the same seed gives the plain and the residual net the very
 * same weights, so the shortcut is the only difference between them.
 * BN normalises with the batch's statistics in training and with running averages at test
 * (batchNorm.ts, reused unchanged). `deleted` blocks are replaced by the identity (Veit et al.'s
 * lesion): the block's output is its input.
 */
import * as tf from '@tensorflow/tfjs-core';
import { normalize, updateRunning } from '../batchNorm/batchNorm';
import { normalizedLinearTrain } from './normalizedLinear';
import { seededNormal } from '../seededRandom';

export const RESIDUAL_DEPTHS = [8, 20, 56] as const;
export type ResidualDepth = (typeof RESIDUAL_DEPTHS)[number];
export const WIDTH = 64;
export const INPUTS = 784;
export const CLASSES = 10;
/** running ← momentum · running + (1 − momentum) · batch (PyTorch's default 0.1 update) */
export const RUNNING_MOMENTUM = 0.9;

export type Wiring = 'plain' | 'residual';

export interface ResidualConfig {
	depth: number;
	wiring: Wiring;
}

/** Blocks of a net of `depth` weight layers: (depth − 2) / 2. */
export function blockCount(depth: number): number {
	const n = (depth - 2) / 2;
	if (!Number.isInteger(n) || n < 1)
		throw new Error(`depth must be 2n + 2 with n ≥ 1, got ${depth}`);
	return n;
}

/** Linear (no bias) followed by BN: the unit every hidden layer is made of. */
export interface NormalizedLinear {
	/** [in, out] */
	weights: tf.Variable;
	/** [out] BN's scale */
	gamma: tf.Variable;
	/** [out] BN's shift */
	beta: tf.Variable;
	runningMean: tf.Variable;
	runningVariance: tf.Variable;
}

export interface ResidualBlock {
	first: NormalizedLinear;
	second: NormalizedLinear;
}

export interface ResidualNetwork {
	config: ResidualConfig;
	input: NormalizedLinear;
	blocks: ResidualBlock[];
	head: { weights: tf.Variable; bias: tf.Variable };
}

function variableOf(make: () => tf.Tensor, trainable = true): tf.Variable {
	const initial = make();
	const variable = tf.variable(initial, trainable);
	initial.dispose();
	return variable;
}

function heNormal(normal: () => number, rows: number, cols: number): tf.Variable {
	const sd = Math.sqrt(2 / rows);
	return variableOf(() =>
		tf.tensor2d(
			Float32Array.from({ length: rows * cols }, () => normal() * sd),
			[rows, cols]
		)
	);
}

function normalizedLinear(normal: () => number, inputs: number, units: number): NormalizedLinear {
	return {
		weights: heNormal(normal, inputs, units),
		gamma: variableOf(() => tf.ones([units])),
		beta: variableOf(() => tf.zeros([units])),
		runningMean: variableOf(() => tf.zeros([units]), false),
		runningVariance: variableOf(() => tf.ones([units]), false)
	};
}

/** A fresh network; plain and residual nets of one depth and seed share every initial weight. */
export function residualNetwork(config: ResidualConfig, seed: number): ResidualNetwork {
	const n = blockCount(config.depth);
	const normal = seededNormal(seed);
	const input = normalizedLinear(normal, INPUTS, WIDTH);
	const blocks = Array.from({ length: n }, () => ({
		first: normalizedLinear(normal, WIDTH, WIDTH),
		second: normalizedLinear(normal, WIDTH, WIDTH)
	}));
	const head = {
		weights: heNormal(normal, WIDTH, CLASSES),
		bias: variableOf(() => tf.zeros([CLASSES]))
	};
	return { config: { ...config }, input, blocks, head };
}

function layers(net: ResidualNetwork): NormalizedLinear[] {
	return [net.input, ...net.blocks.flatMap((b) => [b.first, b.second])];
}

/** The variables SGD updates, in forward order: each layer's W, γ, β, then the head's W, b. */
export function trainableVariables(net: ResidualNetwork): tf.Variable[] {
	return [
		...layers(net).flatMap((l) => [l.weights, l.gamma, l.beta]),
		net.head.weights,
		net.head.bias
	];
}

/** Every weight by name, for snapshots and statistics. */
export function namedWeights(net: ResidualNetwork): { name: string; tensor: tf.Tensor }[] {
	const named = [{ name: 'input/W', tensor: net.input.weights as tf.Tensor }];
	net.blocks.forEach((b, i) => {
		named.push({ name: `block${i + 1}/W1`, tensor: b.first.weights });
		named.push({ name: `block${i + 1}/W2`, tensor: b.second.weights });
	});
	named.push({ name: 'head/W', tensor: net.head.weights });
	return named;
}

export function disposeNetwork(net: ResidualNetwork): void {
	for (const l of layers(net))
		tf.dispose([l.weights, l.gamma, l.beta, l.runningMean, l.runningVariance]);
	tf.dispose([net.head.weights, net.head.bias]);
}

/**
 * The batch statistics of a whole forward pass, kept until its end, when every running average
 * is updated at once: the same running ← m·running + (1 − m)·batch as batchNorm.ts's updateRunning,
 * in 6 kernels for the net instead of 6 per layer (no layer reads a running average in training).
 */
interface PendingStatistics {
	running: tf.Variable[];
	batch: tf.Tensor1D[];
}

function updateAllRunning({ running, batch }: PendingStatistics): void {
	if (!running.length) return;
	tf.tidy(() => {
		const updated = tf.add(
			tf.mul(tf.concat(running), RUNNING_MOMENTUM),
			tf.mul(tf.concat(batch), 1 - RUNNING_MOMENTUM)
		);
		tf.split(
			updated,
			running.map((r) => r.size)
		).forEach((u, i) => running[i].assign(u));
	});
	tf.dispose(batch);
}

/**
 * BN(xW) [+ shortcut] [then ReLU]: batch statistics in training, else running averages. The
 * running averages are updated now (`true`), at the end of the pass (a PendingStatistics to add
 * them to), or not (`false`).
 */
function normalizedLinearForward(
	layer: NormalizedLinear,
	x: tf.Tensor2D,
	training: boolean,
	updateStatistics: boolean | PendingStatistics,
	options: { dataInput?: boolean; relu?: boolean; shortcut?: tf.Tensor2D } = {}
): tf.Tensor2D {
	if (!training)
		return tf.tidy(() => {
			let y = normalize(
				tf.matMul(x, layer.weights),
				layer.runningMean,
				layer.runningVariance,
				layer.gamma,
				layer.beta
			) as tf.Tensor2D;
			if (options.shortcut) y = tf.add(options.shortcut, y);
			return options.relu ? tf.relu(y) : y;
		});
	return normalizedLinearTrain(
		x,
		layer.weights as tf.Tensor2D,
		layer.gamma as tf.Tensor1D,
		layer.beta as tf.Tensor1D,
		{
			...options,
			sink:
				updateStatistics === true
					? (mean, variance) => {
							updateRunning(layer.runningMean, mean, RUNNING_MOMENTUM);
							updateRunning(layer.runningVariance, variance, RUNNING_MOMENTUM);
						}
					: updateStatistics
						? (mean, variance) => {
								updateStatistics.running.push(layer.runningMean, layer.runningVariance);
								updateStatistics.batch.push(tf.keep(mean), tf.keep(variance));
							}
						: undefined
		}
	);
}

/**
 * The residual branch F(h) = BN(Linear(ReLU(BN(Linear(h))))) of one block, h [N, 64] → [N, 64].
 */
export function residualBranch(
	block: ResidualBlock,
	h: tf.Tensor2D,
	training: boolean,
	updateStatistics: boolean | PendingStatistics = false
): tf.Tensor2D {
	return tf.tidy(() => {
		const inner = normalizedLinearForward(block.first, h, training, updateStatistics, {
			relu: true
		});
		return normalizedLinearForward(block.second, inner, training, updateStatistics);
	});
}

/**
 * One block: ReLU(h + F(h)) in the residual net, ReLU(F(h)) in the plain one. The second layer
 * takes the shortcut and the ReLU itself (one fused op on WASM).
 */
export function blockForward(
	block: ResidualBlock,
	wiring: Wiring,
	h: tf.Tensor2D,
	training: boolean,
	updateStatistics: boolean | PendingStatistics = false
): tf.Tensor2D {
	return tf.tidy(() => {
		const inner = normalizedLinearForward(block.first, h, training, updateStatistics, {
			relu: true
		});
		return normalizedLinearForward(block.second, inner, training, updateStatistics, {
			relu: true,
			shortcut: wiring === 'residual' ? h : undefined
		});
	});
}

export interface ForwardOptions {
	/** BN on the batch's statistics (else running averages) */
	training?: boolean;
	/** update BN's running averages (training only) */
	updateStatistics?: boolean;
	/** blocks (1-based) replaced by the identity */
	deleted?: ReadonlySet<number>;
}

/** The input layer, ReLU(BN(xW)), in inference mode: x [N, 784] → [N, 64]. */
export function inputLayer(net: ResidualNetwork, x: tf.Tensor2D): tf.Tensor2D {
	return normalizedLinearForward(net.input, x, false, false, { relu: true });
}

/** x [N, 784] (standardized) → logits [N, 10]. */
export function forward(
	net: ResidualNetwork,
	x: tf.Tensor2D,
	{ training = false, updateStatistics = false, deleted }: ForwardOptions = {}
): tf.Tensor2D {
	const pending: PendingStatistics | false = training &&
		updateStatistics && { running: [], batch: [] };
	return tf.tidy(() => {
		// the input layer's x is the data: no gradient is taken with respect to it
		let h = normalizedLinearForward(net.input, x, training, pending, {
			dataInput: true,
			relu: true
		});
		net.blocks.forEach((block, i) => {
			if (deleted?.has(i + 1)) return;
			h = blockForward(block, net.config.wiring, h, training, pending);
		});
		if (pending) updateAllRunning(pending);
		return tf.add(tf.matMul(h, net.head.weights), net.head.bias) as tf.Tensor2D;
	});
}

/** Mean softmax cross-entropy of logits [N, 10] against labels [N] (int32 class indices). */
export function crossEntropy(logits: tf.Tensor2D, labels: tf.Tensor1D): tf.Scalar {
	return tf.tidy(() => {
		const picked = tf.sum(tf.mul(tf.logSoftmax(logits), tf.oneHot(labels, CLASSES)), 1);
		return tf.neg(tf.mean(picked)) as tf.Scalar;
	});
}

/** What an optimizer offers a training step (engine/adam.ts and engine/sgd.ts both do). */
export interface Minimizer {
	minimize(f: () => tf.Scalar, vars: tf.Variable[]): tf.Scalar;
}

/**
 * One optimizer step on a batch (BN on the batch's statistics, running averages updated).
 * Returns the batch's loss and accuracy before the update.
 */
export function trainStep(
	net: ResidualNetwork,
	optimizer: Minimizer,
	x: tf.Tensor2D,
	labels: tf.Tensor1D
): { loss: number; accuracy: number } {
	let predicted: tf.Tensor | null = null;
	const value = optimizer.minimize(() => {
		const logits = forward(net, x, { training: true, updateStatistics: true });
		predicted = tf.keep(tf.argMax(logits, 1));
		return crossEntropy(logits, labels);
	}, trainableVariables(net));
	const loss = value.dataSync()[0];
	const guesses = (predicted as tf.Tensor | null)!.dataSync();
	const truth = labels.dataSync();
	let right = 0;
	for (let i = 0; i < truth.length; i++) if (guesses[i] === truth[i]) right++;
	tf.dispose([value, predicted!]);
	return { loss, accuracy: right / truth.length };
}
