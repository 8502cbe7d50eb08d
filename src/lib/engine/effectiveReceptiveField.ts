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
// tfjs-core alone registers no gradient functions (the full @tensorflow/tfjs bundle does): the
// ERF is a tf.grad, so this module brings them, and labs without gradients stay smaller.
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { axisPadding } from './convArithmetic';
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
function filterFor(
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

/**
 * Gradient of unit (uy, ux) of node `target` — the sum over its channels, before its own
 * activation — with respect to
 * `image` [height, width, inputChannels], through every path of the graph.
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
	if (target < 0 || target >= arch.nodes.length) throw new RangeError(`no node ${target}`);
	const seed = options.seed ?? 1;
	const magnitude = tf.tidy(() => {
		// Channel counts and filters are fixed before differentiating: they are constants.
		const channels: number[] = [];
		const filters = new Map<number, tf.Tensor4D>();
		const channelsOf = (i: number) => (i === INPUT ? inputChannels : channels[i]);
		arch.nodes.slice(0, target + 1).forEach((node, i) => {
			const inC = channelsOf(node.inputs[0]);
			if (node.op.kind === 'conv' || node.op.kind === 'dwconv') {
				const outC = node.op.kind === 'conv' ? options.channels : inC;
				const span = (node.op.kernel - 1) * node.op.dilation + 1;
				const values = filterFor(node.op, inC, outC, options.weights, seed * 7919 + i);
				filters.set(i, tf.tensor4d(values, [span, span, inC, outC]));
				channels.push(outC);
			} else channels.push(inC);
		});

		const forward = (input: tf.Tensor): tf.Scalar => {
			const x = input as tf.Tensor4D;
			const outputs: tf.Tensor4D[] = [];
			const at = (i: number) => (i === INPUT ? x : outputs[i]);
			for (let i = 0; i <= target; i++) {
				const node = arch.nodes[i];
				let y: tf.Tensor4D;
				if (node.op.kind === 'add') {
					y = tf.addN(node.inputs.map(at)) as tf.Tensor4D;
				} else {
					const op = node.op;
					const input = at(node.inputs[0]);
					const g = {
						kernelSize: op.kernel,
						stride: op.stride,
						padding: op.padding,
						dilation: op.dilation
					};
					const py = axisPadding(input.shape[1], g);
					const px = axisPadding(input.shape[2], g);
					if (op.kind === 'conv' || op.kind === 'dwconv') {
						const padded = tf.pad(input, [
							[0, 0],
							[py.before, py.after],
							[px.before, px.after],
							[0, 0]
						]);
						y = tf.conv2d(padded, filters.get(i) as tf.Tensor4D, op.stride, 'valid');
					} else {
						const pool = op.kind === 'maxpool' ? tf.maxPool : tf.avgPool;
						y = pool(input, op.kernel, op.stride, op.padding);
					}
				}
				// The unit is read before its own ReLU, as Luo et al. do: a negative pre-activation would
				// otherwise zero the whole map.
				if (options.activation === 'relu' && node.op.relu && i !== target) y = tf.relu(y);
				outputs.push(y);
			}
			const out = outputs[target];
			if (uy < 0 || ux < 0 || uy >= out.shape[1] || ux >= out.shape[2]) {
				throw new RangeError(
					`unit (${uy}, ${ux}) is outside ${arch.nodes[target].name} (${out.shape[1]}×${out.shape[2]})`
				);
			}
			return tf.sum(tf.slice(out, [0, uy, ux, 0], [1, 1, 1, -1]));
		};
		const x = tf.expandDims(image, 0) as tf.Tensor4D;
		const gradient = tf.grad(forward)(x);
		return tf.sum(tf.abs(gradient), [0, 3]) as tf.Tensor2D;
	});
	const data = (await magnitude.data()) as Float32Array;
	magnitude.dispose();
	return { data, height, width };
}
