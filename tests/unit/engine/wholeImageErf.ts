/**
 * The effective receptive field computed on the whole image, as the engine did before it
 * learned to compute only the unit's cone (erfWindows.ts): the reference the windowed
 * computation must match exactly.
 */
import * as tf from '@tensorflow/tfjs-core';
import { axisPadding } from '$lib/engine/convArithmetic';
import { INPUT, type Architecture } from '$lib/engine/architectures/architecture';
import { filterFor, type ErfGradient, type ErfOptions } from '$lib/engine/effectiveReceptiveField';

/**
 * Gradient of unit (uy, ux) of node `target` — the sum over its channels, before its own
 * activation — with respect to
 * `image` [height, width, inputChannels], through every path of the graph.
 * @throws RangeError if the unit lies outside the node's output.
 */
export async function wholeImageErf(
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
