/**
 * Effective receptive field (Luo, Li, Urtasun & Zemel, NeurIPS 2016): how strongly each input
 * pixel actually moves one output unit, measured as the gradient of that unit with respect to
 * the input image. Only the input gradient is taken (weights are constants), which needs
 * Conv2DBackpropInput, MaxPoolGrad and AvgPoolGrad — all present on the WASM backend, which
 * lacks the filter gradient. Depthwise convs run as full convs with a block-diagonal filter,
 * and dilated convs as convs with a zero-stuffed kernel: mathematically the same layers, but
 * TF.js has no depthwise input gradient on WASM and no gradient for dilation > 1.
 */
import * as tf from '@tensorflow/tfjs-core';
import { erfWindows, inputSpan, type Span } from './erfWindows';
import { INPUT, type Architecture, type LayerOp } from './architectures/architecture';
import { seededNormal } from './seededRandom';

export type ErfWeights = 'ones' | 'random';
export type ErfActivation = 'linear' | 'relu';

export interface ErfOptions {
	weights: ErfWeights;
	activation: ErfActivation;
	/** channels of every conv in this experiment (the ERF's shape needs few; speed needs few) */
	channels: number;
	seed?: number;
}

export interface ErfGradient {
	/** |∂ unit / ∂ input| summed over input channels, row-major [height, width], not normalized */
	data: Float32Array;
	height: number;
	width: number;
}

/**
 * Filter [span, span, inC, outC] of one conv: ones or seeded He-normal weights, spread over the
 * dilated span (zeros between taps), block-diagonal for a depthwise conv.
 */
export function filterFor(
	op: LayerOp,
	inC: number,
	outC: number,
	weights: ErfWeights,
	seed: number
): Float32Array {
	const k = op.kernel;
	const span = (k - 1) * op.dilation + 1;
	const filter = new Float32Array(span * span * inC * outC);
	const normal = seededNormal(seed);
	const depthwise = op.kind === 'dwconv';
	const fanIn = k * k * (depthwise ? 1 : inC);
	const scale = Math.sqrt(2 / fanIn);
	for (let ky = 0; ky < k; ky++)
		for (let kx = 0; kx < k; kx++)
			for (let i = 0; i < inC; i++)
				for (let o = 0; o < outC; o++) {
					if (depthwise && i !== o) continue;
					const at = ((ky * op.dilation * span + kx * op.dilation) * inC + i) * outC + o;
					filter[at] = weights === 'ones' ? 1 : normal() * scale;
				}
	return filter;
}

/** float32's lowest value: max-pool padding that never wins, as TF's padded max pool ignores it */
const NEVER_MAX = -3.4028234663852886e38;

/** Rows [from, to] (inclusive) and columns of a [1, h, w, c] tensor, zero rows before/after. */
function window(
	x: tf.Tensor4D,
	rows: { from: number; to: number; before: number; after: number },
	cols: { from: number; to: number; before: number; after: number },
	value = 0
): tf.Tensor4D {
	const sliced = tf.slice(
		x,
		[0, rows.from, cols.from, 0],
		[1, rows.to - rows.from + 1, cols.to - cols.from + 1, -1]
	);
	if (rows.before + rows.after + cols.before + cols.after === 0) return sliced;
	return tf.pad(
		sliced,
		[
			[0, 0],
			[rows.before, rows.after],
			[cols.before, cols.after],
			[0, 0]
		],
		value
	);
}

/**
 * How a layer whose input covers full rows `have` (of `length`) reads the rows `need` (unclipped:
 * below 0 or past the end is the layer's own padding).
 */
function reading(have: Span, need: Span, length: number) {
	return {
		from: Math.max(0, need.lo) - have.lo,
		to: Math.min(length - 1, need.hi) - have.lo,
		before: Math.max(0, -need.lo),
		after: Math.max(0, need.hi - (length - 1))
	};
}

/**
 * Gradient of unit (uy, ux) of node `target` — the sum over its channels, before its own
 * activation — with respect to `image` [height, width, inputChannels], through every path of
 * the graph. Only the windows of erfWindows are computed: the same numbers as on the whole image
 * (tested against it), at the cost of the unit's cone.
 * @throws RangeError if the unit lies outside the node's output.
 */
export async function effectiveReceptiveField(
	arch: Architecture,
	image: tf.Tensor3D,
	target: number,
	uy: number,
	ux: number,
	options: ErfOptions
): Promise<ErfGradient> {
	const [height, width, inputChannels] = image.shape;
	const plan = erfWindows(arch, height, width, target, uy, ux);
	const data = new Float32Array(height * width);
	const inRows = plan.input.rows;
	const inCols = plan.input.cols;
	if (inRows.lo > inRows.hi || inCols.lo > inCols.hi) return { data, height, width };
	const seed = options.seed ?? 1;
	const magnitude = tf.tidy(() => {
		// Channel counts and filters are fixed before differentiating: they are constants.
		const channels: number[] = [];
		const filters = new Map<number, tf.Tensor4D>();
		const channelsOf = (i: number) => (i === INPUT ? inputChannels : channels[i]);
		arch.nodes.slice(0, target + 1).forEach((node, i) => {
			const inC = channelsOf(node.inputs[0]);
			if ((node.op.kind === 'conv' || node.op.kind === 'dwconv') && plan.nodes[i]) {
				const outC = node.op.kind === 'conv' ? options.channels : inC;
				const span = (node.op.kernel - 1) * node.op.dilation + 1;
				const values = filterFor(node.op, inC, outC, options.weights, seed * 7919 + i);
				filters.set(i, tf.tensor4d(values, [span, span, inC, outC]));
			}
			if (node.op.kind === 'conv') channels.push(options.channels);
			else channels.push(inC);
		});

		const forward = (input: tf.Tensor): tf.Scalar => {
			const outputs = new Map<number, tf.Tensor4D>([[INPUT, input as tf.Tensor4D]]);
			const windowOf = (j: number) => (j === INPUT ? plan.input : plan.nodes[j]!);
			const sizeOf = (j: number) => (j === INPUT ? { height, width } : plan.sizes[j]);
			for (let i = 0; i <= target; i++) {
				const mine = plan.nodes[i];
				if (!mine) continue;
				const node = arch.nodes[i];
				let y: tf.Tensor4D;
				if (node.op.kind === 'add') {
					const parts = node.inputs.map((j) => {
						const have = windowOf(j);
						const size = sizeOf(j);
						return window(
							outputs.get(j)!,
							reading(have.rows, mine.rows, size.height),
							reading(have.cols, mine.cols, size.width)
						);
					});
					y = tf.addN(parts) as tf.Tensor4D;
				} else {
					const op = node.op;
					const j = node.inputs[0];
					const have = windowOf(j);
					const size = sizeOf(j);
					const rows = reading(have.rows, inputSpan(op, size.height, mine.rows), size.height);
					const cols = reading(have.cols, inputSpan(op, size.width, mine.cols), size.width);
					const x = outputs.get(j)!;
					if (op.kind === 'conv' || op.kind === 'dwconv') {
						y = tf.conv2d(window(x, rows, cols), filters.get(i)!, op.stride, 'valid');
					} else if (op.kind === 'maxpool') {
						y = tf.maxPool(window(x, rows, cols, NEVER_MAX), op.kernel, op.stride, 'valid');
					} else {
						y = tf.avgPool(window(x, rows, cols), op.kernel, op.stride, 'valid');
						if (rows.before + rows.after + cols.before + cols.after > 0) {
							// TF's padded average pool divides by the real pixels in each window only.
							const real = tf.ones([1, rows.to - rows.from + 1, cols.to - cols.from + 1, 1]);
							const inside = window(
								real as tf.Tensor4D,
								{ ...rows, from: 0, to: rows.to - rows.from },
								{ ...cols, from: 0, to: cols.to - cols.from }
							);
							y = tf.div(y, tf.avgPool(inside, op.kernel, op.stride, 'valid'));
						}
					}
				}
				// The unit is read before its own ReLU, as Luo et al. do: a negative pre-activation would
				// otherwise zero the whole map.
				if (options.activation === 'relu' && node.op.relu && i !== target) y = tf.relu(y);
				outputs.set(i, y);
			}
			return tf.sum(outputs.get(target)!);
		};
		const x = tf.expandDims(
			tf.slice(
				image,
				[inRows.lo, inCols.lo, 0],
				[inRows.hi - inRows.lo + 1, inCols.hi - inCols.lo + 1, -1]
			),
			0
		) as tf.Tensor4D;
		const gradient = tf.grad(forward)(x);
		return tf.sum(tf.abs(gradient), [0, 3]) as tf.Tensor2D;
	});
	const field = (await magnitude.data()) as Float32Array;
	magnitude.dispose();
	const fieldWidth = inCols.hi - inCols.lo + 1;
	for (let y = inRows.lo; y <= inRows.hi; y++)
		data.set(
			field.subarray((y - inRows.lo) * fieldWidth, (y - inRows.lo + 1) * fieldWidth),
			y * width + inCols.lo
		);
	return { data, height, width };
}
