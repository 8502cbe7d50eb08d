/**
 * A small U-Net (Ronneberger et al. 2015) written with tfjs-core ops, so it trains on any
 * backend (WASM with the filter-gradient kernel of wasmGradients.ts) and in a Web Worker.
 *
 * Level l (0 … depth−1) works at 1/2^l of the input and has base·2^l channels. The encoder
 * runs two 3×3 convs per level (max-pool 2×2 between levels); the deepest level is the
 * bottleneck. The decoder goes back up one level at a time: upsample ×2 (a transposed conv,
 * or nearest-neighbour resize + 3×3 conv), concatenate the encoder's map of that level (the
 * skip connection, when on), two 3×3 convs. A 1×1 conv gives K class scores per pixel.
 *
 * Any H×W works: the input is padded (edge-replicated) to a multiple of 2^(depth−1) so every
 * pooling halves exactly, and the output is cropped back, so output H×W = input H×W.
 */
import * as tf from '@tensorflow/tfjs-core';
import { seededNormal } from '../seededRandom';
import { conv2dSame, conv2dTransposeUp } from './fastConv';

export type Upsampling = 'transposed' | 'resize';

export interface UNetConfig {
	/** number of resolution levels, bottleneck included: 2–4 */
	depth: number;
	/** channels of level 0; level l has base·2^l */
	base: number;
	skips: boolean;
	upsampling: Upsampling;
	/** kernel side of the transposed conv (stride 2); 3 is not divisible by 2 → checkerboards */
	upKernel: number;
	batchNorm: boolean;
	/** K, the number of classes */
	classes: number;
}

interface ConvLayer {
	/** [k, k, in, out] */
	filter: tf.Variable<tf.Rank.R4>;
	bias: tf.Variable<tf.Rank.R1>;
	/** batch norm (when on): scale, shift and running statistics, each [out] */
	gamma?: tf.Variable<tf.Rank.R1>;
	beta?: tf.Variable<tf.Rank.R1>;
	mean?: tf.Variable<tf.Rank.R1>;
	variance?: tf.Variable<tf.Rank.R1>;
}

export interface UNet {
	config: UNetConfig;
	/** encoder[l]: two convs of level l */
	encoder: ConvLayer[][];
	/** up[l] (l = 0 … depth−2): the upsampling from level l+1 to level l */
	up: ConvLayer[];
	/** decoder[l] (l = 0 … depth−2): two convs after the upsampling (and skip) */
	decoder: ConvLayer[][];
	head: ConvLayer;
}

export const BN_MOMENTUM = 0.9;
const BN_EPSILON = 1e-3;

export function levelChannels(config: UNetConfig, level: number): number {
	return config.base * 2 ** level;
}

/** The padded side: the smallest multiple of 2^(depth−1) ≥ n. */
export function paddedSide(n: number, depth: number): number {
	const m = 2 ** (depth - 1);
	return Math.ceil(n / m) * m;
}

/** Every level's map size for an H×W input: [h, w, channels] per level (of the padded input). */
export function levelShapes(
	config: UNetConfig,
	height: number,
	width: number
): [number, number, number][] {
	const h = paddedSide(height, config.depth);
	const w = paddedSide(width, config.depth);
	return Array.from({ length: config.depth }, (_, l) => [
		h / 2 ** l,
		w / 2 ** l,
		levelChannels(config, l)
	]);
}

export function validateConfig(config: UNetConfig): void {
	const { depth, base, classes, upKernel } = config;
	if (!Number.isInteger(depth) || depth < 2 || depth > 4) throw new RangeError('depth must be 2–4');
	if (!Number.isInteger(base) || base < 1 || base > 64) throw new RangeError('base must be 1–64');
	if (!Number.isInteger(classes) || classes < 2 || classes > 8)
		throw new RangeError('classes must be 2–8');
	if (!Number.isInteger(upKernel) || upKernel < 1 || upKernel > 5)
		throw new RangeError('upKernel must be 1–5');
}

/** A variable holding `initial`'s values; the initial tensor is freed (a variable keeps its own). */
function own<R extends tf.Rank>(initial: tf.Tensor<R>, trainable = true): tf.Variable<R> {
	const variable = tf.variable(initial, trainable);
	initial.dispose();
	return variable;
}

/** A U-Net with He-normal weights from `seed` (the same seed → the same network). */
export function createUNet(config: UNetConfig, seed = 1): UNet {
	validateConfig(config);
	const normal = seededNormal(seed);
	const conv = (k: number, inC: number, outC: number, norm: boolean): ConvLayer => {
		const std = Math.sqrt(2 / (k * k * inC));
		const values = Float32Array.from({ length: k * k * inC * outC }, () => normal() * std);
		const layer: ConvLayer = {
			filter: own(tf.tensor4d(values, [k, k, inC, outC])),
			bias: own(tf.zeros([outC]))
		};
		if (norm) {
			layer.gamma = own(tf.ones([outC]));
			layer.beta = own(tf.zeros([outC]));
			layer.mean = own(tf.zeros([outC]), false);
			layer.variance = own(tf.ones([outC]), false);
		}
		return layer;
	};
	const bn = config.batchNorm;
	const c = (l: number) => levelChannels(config, l);
	const encoder = Array.from({ length: config.depth }, (_, l) => [
		conv(3, l === 0 ? 3 : c(l - 1), c(l), bn),
		conv(3, c(l), c(l), bn)
	]);
	const up: ConvLayer[] = [];
	const decoder: ConvLayer[][] = [];
	for (let l = 0; l < config.depth - 1; l++) {
		// A transposed conv's filter is [k, k, out, in]; resize + conv is an ordinary conv.
		if (config.upsampling === 'transposed') {
			const layer = conv(config.upKernel, c(l), c(l + 1), false);
			// A transposed conv's bias has one value per output channel: c(l), not c(l + 1).
			layer.bias.dispose();
			layer.bias = own(tf.zeros([c(l)]));
			up.push(layer);
		} else up.push(conv(3, c(l + 1), c(l), false));
		decoder.push([conv(3, config.skips ? 2 * c(l) : c(l), c(l), bn), conv(3, c(l), c(l), bn)]);
	}
	const head = conv(1, c(0), config.classes, false);
	return { config, encoder, up, decoder, head };
}

function layersOf(net: UNet): ConvLayer[] {
	return [...net.encoder.flat(), ...net.up, ...net.decoder.flat(), net.head];
}

/** The trainable variables (filters, biases, batch-norm scale and shift), in a fixed order. */
export function trainableVariables(net: UNet): tf.Variable[] {
	return layersOf(net).flatMap((layer) =>
		[layer.filter, layer.bias, layer.gamma, layer.beta].filter((v) => v !== undefined)
	);
}

/** Every variable, running statistics included, in a fixed order (for saving and loading). */
export function allVariables(net: UNet): tf.Variable[] {
	return layersOf(net).flatMap((layer) =>
		[layer.filter, layer.bias, layer.gamma, layer.beta, layer.mean, layer.variance].filter(
			(v) => v !== undefined
		)
	);
}

export function parameterCount(net: UNet): number {
	return trainableVariables(net).reduce((sum, v) => sum + v.size, 0);
}

export function disposeUNet(net: UNet): void {
	tf.dispose(allVariables(net));
}

export interface ForwardOptions {
	/** batch statistics (and update the running ones) instead of the running statistics */
	training?: boolean;
}

export interface ForwardResult {
	/** [B, H, W, K] class scores (before softmax), the input's own H×W */
	logits: tf.Tensor4D;
	/** encoder[l]: level l's encoder map [B, h_l, w_l, c_l] (of the padded input) */
	encoder: tf.Tensor4D[];
	/** decoder[l] (l < depth−1): level l's decoder map; the bottleneck is encoder[depth−1] */
	decoder: tf.Tensor4D[];
	/** upsampled[l]: the upsampling step's output at level l, before the skip joins it */
	upsampled: tf.Tensor4D[];
	/** the encoder maps the decoder concatenated (empty when skips are off) */
	skipsUsed: tf.Tensor4D[];
}

function applyConv(
	layer: ConvLayer,
	x: tf.Tensor4D,
	training: boolean,
	relu: boolean
): tf.Tensor4D {
	let y = tf.add(conv2dSame(x, layer.filter), layer.bias) as tf.Tensor4D;
	if (layer.gamma && layer.beta && layer.mean && layer.variance) {
		let mean: tf.Tensor1D = layer.mean;
		let variance: tf.Tensor1D = layer.variance;
		if (training) {
			const moments = tf.moments(y, [0, 1, 2]);
			mean = moments.mean as tf.Tensor1D;
			variance = moments.variance as tf.Tensor1D;
			// The running statistics follow the batches; assign is not on the gradient tape.
			const m = BN_MOMENTUM;
			layer.mean.assign(tf.add(tf.mul(layer.mean, m), tf.mul(mean, 1 - m)));
			layer.variance.assign(tf.add(tf.mul(layer.variance, m), tf.mul(variance, 1 - m)));
		}
		// Written out rather than tf.batchNorm, whose gradient is ~5× slower on WASM.
		const scale = tf.mul(layer.gamma, tf.rsqrt(tf.add(variance, BN_EPSILON)));
		y = tf.add(tf.mul(tf.sub(y, mean), scale), layer.beta) as tf.Tensor4D;
	}
	return relu ? tf.relu(y) : y;
}

function upsample(net: UNet, layer: ConvLayer, x: tf.Tensor4D): tf.Tensor4D {
	if (net.config.upsampling === 'transposed') {
		return tf.relu(tf.add(conv2dTransposeUp(x, layer.filter), layer.bias)) as tf.Tensor4D;
	}
	const [, h, w] = x.shape;
	const resized = tf.image.resizeNearestNeighbor(x, [2 * h, 2 * w]);
	return applyConv(layer, resized, false, true);
}

/**
 * The network on a batch: x [B, H, W, 3] in [0, 1] → logits [B, H, W, K] and every level's maps.
 * Call inside tf.tidy (or dispose what it returns); in training mode it also moves the
 * batch-norm running statistics.
 */
export function unetForward(
	net: UNet,
	x: tf.Tensor4D,
	options: ForwardOptions = {}
): ForwardResult {
	const training = options.training ?? false;
	const { depth } = net.config;
	const [, height, width] = x.shape;
	const ph = paddedSide(height, depth);
	const pw = paddedSide(width, depth);
	// Centre around 0 so the first layer's inputs are signed; edge padding adds no fake borders.
	let h = tf.sub(x, 0.5) as tf.Tensor4D;
	if (ph !== height || pw !== width) {
		h = tf.mirrorPad(
			h,
			[
				[0, 0],
				[0, ph - height],
				[0, pw - width],
				[0, 0]
			],
			'symmetric'
		);
	}
	const encoder: tf.Tensor4D[] = [];
	for (let l = 0; l < depth; l++) {
		if (l > 0) h = tf.maxPool(h, 2, 2, 'valid');
		for (const layer of net.encoder[l]) h = applyConv(layer, h, training, true);
		encoder.push(h);
	}
	const decoder: tf.Tensor4D[] = new Array(depth - 1);
	const upsampled: tf.Tensor4D[] = new Array(depth - 1);
	const skipsUsed: tf.Tensor4D[] = [];
	for (let l = depth - 2; l >= 0; l--) {
		h = upsample(net, net.up[l], h);
		upsampled[l] = h;
		if (net.config.skips) {
			skipsUsed.push(encoder[l]);
			h = tf.concat([h, encoder[l]], 3);
		}
		for (const layer of net.decoder[l]) h = applyConv(layer, h, training, true);
		decoder[l] = h;
	}
	let logits = applyConv(net.head, h, false, false);
	if (ph !== height || pw !== width) {
		logits = tf.slice(logits, [0, 0, 0, 0], [-1, height, width, -1]);
	}
	return { logits, encoder, decoder, upsampled, skipsUsed };
}

/**
 * Class probabilities for one image: [H, W, 3] in [0, 1] → softmax [H, W, K] (running batch-norm
 * statistics). The caller owns the result.
 */
export function unetProbabilities(net: UNet, image: tf.Tensor3D): tf.Tensor3D {
	return tf.tidy(() => {
		const { logits } = unetForward(net, tf.expandDims(image, 0) as tf.Tensor4D);
		return tf.squeeze(tf.softmax(logits), [0]) as tf.Tensor3D;
	});
}
