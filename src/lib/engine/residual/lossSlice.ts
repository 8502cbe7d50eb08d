/**
 * Li, Xu, Taylor, Studer & Goldstein (NeurIPS 2018), "Visualizing the loss landscape of neural
 * nets": a 1-D slice of the loss around trained weights θ, L(θ + α·d) for α in [−1, 1], along a
 * random Gaussian direction d that is *filter-normalized*: each filter (for a Linear layer, each
 * output neuron: a column of our W [in, out], a row of PyTorch's [out, in]) of d is rescaled to
 * the norm of the same filter of θ, d_j ← d_j · ‖θ_j‖ / ‖d_j‖. Without it, a net whose weights are
 * small looks sharp only because the same step is large for it; with it, α = 1 moves every
 * neuron by as much as its own weights, and two nets' slices can be compared. As Li et al. do
 * (their `ignore='biasbn'`), d is zero for BN's γ and β and the head's bias. The loss and the
 * accuracy are measured as Li et al. measure them, in inference mode (BN on its running
 * averages), on a fixed batch. The live net is never modified: each α builds a perturbed copy of
 * the weights.
 */
import * as tf from '@tensorflow/tfjs-core';
import { seededNormal } from '../seededRandom';
import {
	crossEntropy,
	forward,
	type NormalizedLinear,
	type ResidualNetwork
} from './residualNetwork';

/**
 * Filter normalization of one weight matrix stored [rows, cols] with a filter per column:
 * each column of `direction` is rescaled to the norm of the same column of `weights`.
 * A zero column of the direction stays zero.
 */
export function filterNormalize(
	direction: Float32Array,
	weights: Float32Array,
	rows: number,
	cols: number
): Float32Array {
	const out = new Float32Array(direction.length);
	for (let j = 0; j < cols; j++) {
		let dd = 0;
		let ww = 0;
		for (let i = 0; i < rows; i++) {
			dd += direction[i * cols + j] ** 2;
			ww += weights[i * cols + j] ** 2;
		}
		const scale = dd > 0 ? Math.sqrt(ww) / Math.sqrt(dd) : 0;
		for (let i = 0; i < rows; i++) out[i * cols + j] = direction[i * cols + j] * scale;
	}
	return out;
}

/** The net's weight matrices in forward order (input, each block's two, head): what d moves. */
function weightMatrices(net: ResidualNetwork): tf.Tensor2D[] {
	return [
		net.input.weights,
		...net.blocks.flatMap((b) => [b.first.weights, b.second.weights]),
		net.head.weights
	] as tf.Tensor2D[];
}

/**
 * A filter-normalized random direction for every weight matrix of `net`, in forward order
 * (γ, β and the head's bias get none: zero). The same seed draws the same raw direction for any
 * two nets of one depth; each is then normalized to its own net's filters.
 */
export function filterNormalizedDirection(net: ResidualNetwork, seed: number): Float32Array[] {
	const normal = seededNormal(seed);
	return weightMatrices(net).map((w) => {
		const [rows, cols] = w.shape;
		const raw = Float32Array.from({ length: rows * cols }, normal);
		return filterNormalize(raw, w.dataSync() as Float32Array, rows, cols);
	});
}

/** `net` with every weight matrix W replaced by W + α·d (everything else shared, not copied). */
function perturbed(net: ResidualNetwork, direction: tf.Tensor2D[], alpha: number): ResidualNetwork {
	let k = 0;
	const move = (w: tf.Tensor) => tf.add(w, tf.mul(direction[k++], alpha)) as tf.Variable;
	const layer = (l: NormalizedLinear): NormalizedLinear => ({ ...l, weights: move(l.weights) });
	const input = layer(net.input);
	const blocks = net.blocks.map((b) => {
		const first = layer(b.first);
		return { first, second: layer(b.second) };
	});
	return {
		config: net.config,
		input,
		blocks,
		head: { ...net.head, weights: move(net.head.weights) }
	};
}

export interface SlicePoint {
	alpha: number;
	/** mean cross-entropy on the batch at θ + α·d (inference mode) */
	loss: number;
	/** share of the batch classified right there */
	accuracy: number;
}

/** `count` evenly spaced α from −1 to 1 (41 → steps of 0.05, α = 0 included for odd counts). */
export function sliceAlphas(count: number): number[] {
	return Array.from({ length: count }, (_, i) => -1 + (2 * i) / (count - 1));
}

/**
 * The loss and accuracy of `net` at θ + α·d for each α of `alphas`, on the batch x [N, 784],
 * labels [N] (int32), d from `direction` (filterNormalizedDirection). `alphas` may be given a few
 * at a time (a worker yields between them): each point is independent of the others.
 * `batchStatistics`: BN normalizes with the batch's own statistics (training mode) instead of the
 * running averages, so every BN layer re-centres what the perturbed weights feed it.
 */
export function lossSlice(
	net: ResidualNetwork,
	direction: Float32Array[],
	x: tf.Tensor2D,
	labels: tf.Tensor1D,
	alphas: readonly number[],
	{ batchStatistics = false }: { batchStatistics?: boolean } = {}
): SlicePoint[] {
	const truth = labels.dataSync();
	return alphas.map((alpha) => {
		const [loss, predicted] = tf.tidy(() => {
			const d = weightMatrices(net).map((w, i) => tf.tensor2d(direction[i], w.shape));
			const logits = forward(perturbed(net, d, alpha), x, { training: batchStatistics });
			return [crossEntropy(logits, labels), tf.argMax(logits, 1)];
		});
		const guesses = predicted.dataSync();
		let right = 0;
		for (let i = 0; i < truth.length; i++) if (guesses[i] === truth[i]) right++;
		const value = loss.dataSync()[0];
		tf.dispose([loss, predicted]);
		return { alpha, loss: value, accuracy: truth.length ? right / truth.length : NaN };
	});
}

/**
 * How sharp a slice is, in one number a learner can compare: the mean rise of the loss over its
 * value at α = 0, over the points with |α| ≤ `within` (Li et al. compare the curves by eye; this is
 * the area between the curve and its minimum's level, per unit of α).
 */
export function meanRise(points: readonly SlicePoint[], within = 1): number {
	const centre = points.reduce((best, p) => (Math.abs(p.alpha) < Math.abs(best.alpha) ? p : best));
	const near = points.filter((p) => Math.abs(p.alpha) <= within + 1e-9);
	return near.reduce((s, p) => s + (p.loss - centre.loss), 0) / near.length;
}
