/**
 * A chain model's forward pass for a training step: the same numbers as
 * `model.apply(x, { training: true })`, without the one gradient nobody reads.
 *
 * TF.js applies a Keras conv layer through its fused conv op, whose gradient (a custom gradient in
 * tfjs-core) computes the gradient of its input together with its filter's, eagerly. For the first
 * layer that input is the batch of images, a constant: its gradient is a full backward
 * convolution thrown away every step (2.5 of ~37 CPU ms of an /imbalance step on WASM,
 * scripts/bench-imbalance.mjs --profile). Here the first conv is the same fused forward op under
 * a gradient of its kernel and bias only: the images are a constant of it, not an input, so the
 * tape has nothing to send back to them. (Plain conv2d + add would also skip it, but WASM's
 * broadcast add of the bias costs more than the fused op's.)
 */
import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { chainLayers } from './networkActivations';

type Layer = LayersModel['layers'][number];

const ACTIVATIONS: Record<string, (x: tf.Tensor) => tf.Tensor> = {
	linear: (x) => x,
	relu: (x) => tf.relu(x)
};

const pair = (v: unknown): [number, number] =>
	Array.isArray(v) ? [Number(v[0]), Number(v[1] ?? v[0])] : [Number(v ?? 1), Number(v ?? 1)];

/**
 * conv2d of a constant input (no gradient flows to it) with a trained kernel and bias: TF.js's
 * fused forward op (the bias added inside XNNPACK's convolution on WASM), under a gradient that
 * gives the kernel's and the bias's gradients only.
 */
function constantInputConv(
	x: tf.Tensor4D,
	kernel: tf.Tensor4D,
	bias: tf.Tensor | null,
	strides: [number, number],
	pad: 'same' | 'valid'
): tf.Tensor4D {
	const filterGradient = (dy: tf.Tensor4D) =>
		tf
			.engine()
			.runKernel(
				'Conv2DBackpropFilter',
				{ x, dy },
				{ strides, pad, dataFormat: 'NHWC', filterShape: kernel.shape }
			) as tf.Tensor4D;
	if (!bias)
		return tf.customGrad((filter) => ({
			value: tf.conv2d(x, filter as tf.Tensor4D, strides, pad),
			gradFunc: (dy) => [filterGradient(dy as tf.Tensor4D)]
		}))(kernel) as tf.Tensor4D;
	return tf.customGrad((filter, b) => ({
		value: tf.fused.conv2d({
			x,
			filter: filter as tf.Tensor4D,
			strides,
			pad,
			bias: b as tf.Tensor
		}),
		gradFunc: (dy) => [filterGradient(dy as tf.Tensor4D), tf.sum(dy as tf.Tensor4D, [0, 1, 2])]
	}))(kernel, bias) as tf.Tensor4D;
}

/**
 * The first conv layer with its input held constant, or null where it is not a plain NHWC Conv2D
 * (dilation 1) with an activation listed above (the caller then applies the layer itself).
 */
function firstConv(layer: Layer, x: tf.Tensor): tf.Tensor | null {
	if (layer.getClassName() !== 'Conv2D' || x.rank !== 4) return null;
	const config = layer.getConfig() as Record<string, unknown>;
	const activation = ACTIVATIONS[String(config.activation ?? 'linear')];
	if (!activation) return null;
	if (config.dataFormat !== undefined && config.dataFormat !== 'channelsLast') return null;
	if (config.padding !== 'same' && config.padding !== 'valid') return null;
	if (pair(config.dilationRate).some((d) => d !== 1)) return null;
	const kernel = layer.weights.find((w) => w.originalName.endsWith('/kernel'));
	const bias = config.useBias ? layer.weights.find((w) => w.originalName.endsWith('/bias')) : null;
	if (!kernel || bias === undefined) return null;
	return activation(
		constantInputConv(
			x as tf.Tensor4D,
			kernel.read() as tf.Tensor4D,
			bias ? bias.read() : null,
			pair(config.strides),
			config.padding
		)
	);
}

/**
 * The model's output for `x` in training mode (dropout on, batch norm on the batch's statistics),
 * layer by layer along the chain; the first layer, when it is a conv, with its input constant.
 * Call inside a gradient function or tf.tidy.
 */
export function trainingForward(model: LayersModel, x: tf.Tensor): tf.Tensor {
	const layers = chainLayers(model);
	let y = x;
	layers.forEach((layer, i) => {
		const first = i === 0 ? firstConv(layer, y) : null;
		y = first ?? (layer.apply(y, { training: true }) as tf.Tensor);
	});
	return y;
}
