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
 * What the layer reads: the luma area-resampled to side × side, then standardized to zero mean
 * and unit variance over its pixels (a constant image becomes all zeros). Plain loops — two
 * passes over the image — rather than TF.js: on the WASM backend the two resampling matMuls cost
 * more than the layer itself.
 * @param luma [height, width] row-major
 * @param out where to write [side²] (a fresh array if omitted)
 * @returns [side, side] row-major
 */
export function fcInput(
	luma: Float32Array,
	height: number,
	width: number,
	side = FC_SIDE,
	out = new Float32Array(side * side)
): Float32Array {
	if (luma.length !== height * width) {
		throw new RangeError(`luma must hold ${height}×${width} values, got ${luma.length}`);
	}
	const cols = resampling(width, side);
	const rows = resampling(height, side);
	// along x: [height, side]
	const alongX = new Float64Array(height * side);
	for (let y = 0; y < height; y++) {
		const row = y * width;
		for (let j = 0; j < side; j++) {
			let sum = 0;
			for (let t = cols.start[j]; t < cols.start[j + 1]; t++)
				sum += cols.weight[t] * luma[row + cols.index[t]];
			alongX[y * side + j] = sum;
		}
	}
	// along y, then standardize
	let mean = 0;
	const grid = new Float64Array(side * side);
	for (let i = 0; i < side; i++) {
		for (let t = rows.start[i]; t < rows.start[i + 1]; t++) {
			const w = rows.weight[t];
			const from = rows.index[t] * side;
			for (let j = 0; j < side; j++) grid[i * side + j] += w * alongX[from + j];
		}
	}
	for (const v of grid) mean += v;
	mean /= grid.length;
	let variance = 0;
	for (const v of grid) variance += (v - mean) ** 2;
	const std = Math.sqrt(variance / grid.length);
	for (let i = 0; i < grid.length; i++) out[i] = std > 0 ? (grid[i] - mean) / std : 0;
	return out;
}

/** The non-zero entries of areaResizeMatrix(n, m), row by row (CSR). */
function resampling(
	n: number,
	m: number
): { start: Int32Array; index: Int32Array; weight: Float64Array } {
	const matrix = areaResizeMatrix(n, m);
	const start = new Int32Array(m + 1);
	const index: number[] = [];
	const weight: number[] = [];
	for (let j = 0; j < m; j++) {
		for (let i = 0; i < n; i++) {
			if (matrix[j * n + i] !== 0) {
				index.push(i);
				weight.push(matrix[j * n + i]);
			}
		}
		start[j + 1] = index.length;
	}
	return { start, index: Int32Array.from(index), weight: Float64Array.from(weight) };
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
