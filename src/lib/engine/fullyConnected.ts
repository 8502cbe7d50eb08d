import * as tf from '@tensorflow/tfjs-core';
import { seededNormal } from './seededRandom';

/*
 * The fully connected layer the labs compare convolution with: 256 units, each with its own
 * weight for every input pixel, fixed seeded random weights (an untrained layer; trained or
 * not, it has no built-in notion of "nearby" or "the same pattern elsewhere").
 *
 * Its input is the luma resampled to 64×64 by area averaging and standardized (zero mean,
 * unit variance). Why not the full image: 256 units × 512 × 512 pixels is 67 million weights,
 * 268 MB of float32 — more than a phone will give a tab — and 67 million multiply-adds per
 * image. At 64×64 the layer holds 1 million weights (4 MB), made once, and runs in well under a
 * millisecond at any working size. That this is forced on us is itself the lab's point.
 */

/** Hidden units of the layer. */
export const FC_UNITS = 256;
/** Side of the square grid the layer reads. */
export const FC_SIDE = 64;
/** Seed of the layer's weights, so every load and every screenshot has the same layer. */
export const FC_SEED = 20190;

/**
 * Seeded weights N(0, 1 / inputs) (LeCun's initialization: each unit's output then has about
 * unit variance on standardized input).
 * @returns [inputs, units] row-major: weight of input i for unit u at i · units + u
 */
export function fcWeights(inputs: number, units: number, seed: number): Float32Array {
	if (!Number.isInteger(inputs) || !Number.isInteger(units) || inputs < 1 || units < 1) {
		throw new RangeError(`inputs and units must be positive integers, got ${inputs}, ${units}`);
	}
	const normal = seededNormal(seed);
	const scale = 1 / Math.sqrt(inputs);
	const weights = new Float32Array(inputs * units);
	for (let i = 0; i < weights.length; i++) weights[i] = normal() * scale;
	return weights;
}

/**
 * Area-averaging resampling of n samples to m: output j is the mean of the input over the
 * interval [j·n/m, (j+1)·n/m), each input sample weighted by how much of it lies inside.
 * Exact for any n and m (down- or upsampling), and a linear map, so a whole image resizes as
 * R_y · image · R_xᵀ.
 * @returns [m, n] row-major, each row summing to 1
 */
export function areaResizeMatrix(n: number, m: number): Float32Array {
	if (!Number.isInteger(n) || !Number.isInteger(m) || n < 1 || m < 1) {
		throw new RangeError(`sizes must be positive integers, got ${n} → ${m}`);
	}
	const matrix = new Float32Array(m * n);
	const step = n / m;
	for (let j = 0; j < m; j++) {
		const start = j * step;
		const end = (j + 1) * step;
		for (let i = Math.floor(start); i < Math.min(n, Math.ceil(end)); i++) {
			const overlap = Math.min(end, i + 1) - Math.max(start, i);
			if (overlap > 0) matrix[j * n + i] = overlap / step;
		}
	}
	return matrix;
}

/**
 * What the layer reads: each image area-resampled to FC_SIDE × FC_SIDE, then standardized to
 * zero mean and unit variance over its own pixels (a constant image becomes all zeros).
 * A TF.js op: call it inside `tf.tidy`.
 * @param luma [B, H, W, 1]
 * @returns [B, side²]
 */
export function fcInput(luma: tf.Tensor4D, side = FC_SIDE): tf.Tensor2D {
	const [items, height, width] = luma.shape;
	const rows = tf.tensor2d(areaResizeMatrix(height, side), [side, height]);
	const cols = tf.tensor2d(areaResizeMatrix(width, side), [side, width]);
	// [B·H, W] · [W, side] → [B, H, side] → [B, side, H] → [B·side, H] · [H, side] → [B, side(x), side(y)]
	const alongX = tf.matMul(tf.reshape(luma, [items * height, width]), cols, false, true);
	const transposed = tf.transpose(tf.reshape(alongX, [items, height, side]), [0, 2, 1]);
	const both = tf.matMul(tf.reshape(transposed, [items * side, height]), rows, false, true);
	const grid = tf.transpose(tf.reshape(both, [items, side, side]), [0, 2, 1]);
	return standardize(tf.reshape(grid, [items, side * side]));
}

/**
 * (x − mean) / std per row, the data normalization of the first interview question; a row with
 * zero variance becomes zeros rather than NaN.
 * @param x [B, N]
 * @returns [B, N]
 */
export function standardize(x: tf.Tensor2D): tf.Tensor2D {
	const { mean, variance } = tf.moments(x, 1, true);
	const std = tf.sqrt(variance);
	const safe = tf.where(tf.greater(std, 0), std, tf.onesLike(std));
	return tf.div(tf.sub(x, mean), safe) as tf.Tensor2D;
}

/**
 * The layer itself: y = x · W (no bias, no activation: both would hide nothing here and add
 * nothing to the comparison). A TF.js op: call it inside `tf.tidy`.
 * @param x [B, inputs]
 * @param weights [inputs, units]
 * @returns [B, units]
 */
export function fullyConnected(x: tf.Tensor2D, weights: tf.Tensor2D): tf.Tensor2D {
	if (x.shape[1] !== weights.shape[0]) {
		throw new RangeError(`input has ${x.shape[1]} values, the layer expects ${weights.shape[0]}`);
	}
	return tf.matMul(x, weights);
}
