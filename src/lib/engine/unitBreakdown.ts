/**
 * The arithmetic behind one unit of a trained layer, as the Convolution lab shows it for one
 * kernel: a conv unit is Σ over input channels of (its k×k kernel for that channel · the window
 * of that channel), plus the bias, through the activation; a dense unit is Σ weight · input over
 * the flattened previous layer, plus the bias. Plain TypeScript on read-back arrays.
 */
import type { ConvGeometry } from './convArithmetic';
import { dotProductAt, type KernelTap } from './dotProduct';

export interface ChannelBreakdown {
	/** 'channel 3' (1-based, as the lab labels maps) */
	name: string;
	/** input channel index */
	channel: number;
	taps: KernelTap[];
	sum: number;
}

export interface UnitBreakdown {
	channels: ChannelBreakdown[];
	bias: number;
	/** Σ channels + bias: the value before the activation */
	preActivation: number;
}

/** Channel c of an [H, W, C] map as its own [H, W] plane. */
export function channelPlane(
	data: Float32Array,
	h: number,
	w: number,
	c: number,
	ch: number
): Float32Array {
	const plane = new Float32Array(h * w);
	for (let i = 0; i < h * w; i++) plane[i] = data[i * c + ch];
	return plane;
}

/**
 * One input channel's k×k kernel feeding output channel `out`.
 * kernel: [k, k, inC, outC] row-major (Keras / TF.js conv2d layout) → [k, k].
 */
export function kernelSlice(
	kernel: Float32Array,
	k: number,
	inC: number,
	outC: number,
	inChannel: number,
	out: number
): Float32Array {
	const slice = new Float32Array(k * k);
	for (let i = 0; i < k * k; i++) slice[i] = kernel[(i * inC + inChannel) * outC + out];
	return slice;
}

/**
 * Conv unit (out, y, x) of a layer with window g over `input` [H, W, inC].
 * kernel: [k, k, inC, outC]; bias: [outC] (or null for a layer without one).
 */
export function convUnitBreakdown(
	input: { data: Float32Array; height: number; width: number; channels: number },
	kernel: Float32Array,
	bias: Float32Array | null,
	g: ConvGeometry,
	outC: number,
	out: number,
	y: number,
	x: number
): UnitBreakdown {
	const k = g.kernelSize;
	const { data, height, width, channels } = input;
	if (kernel.length !== k * k * channels * outC) {
		throw new RangeError(
			`kernel must hold ${k}×${k}×${channels}×${outC} weights, got ${kernel.length}`
		);
	}
	const list: ChannelBreakdown[] = [];
	let total = 0;
	for (let c = 0; c < channels; c++) {
		const { taps, sum } = dotProductAt(
			channelPlane(data, height, width, channels, c),
			height,
			width,
			kernelSlice(kernel, k, channels, outC, c, out),
			g,
			y,
			x
		);
		list.push({ name: `channel ${c + 1}`, channel: c, taps, sum });
		total += sum;
	}
	const b = bias ? bias[out] : 0;
	return { channels: list, bias: b, preActivation: total + b };
}

/**
 * Dense unit `unit` over the flattened previous layer `input` [n] (Keras flattens [h, w, c]
 * row-major, so entry i is row ⌊i / (w·c)⌋, column ⌊i / c⌋ mod w, channel i mod c).
 * kernel: [n, units]. One "channel" holding every product, so the panel lists the largest.
 */
export function denseUnitBreakdown(
	input: Float32Array,
	inShape: number[],
	kernel: Float32Array,
	bias: Float32Array | null,
	units: number,
	unit: number
): UnitBreakdown {
	const n = input.length;
	if (kernel.length !== n * units) {
		throw new RangeError(`kernel must hold ${n}×${units} weights, got ${kernel.length}`);
	}
	const [, w = 1, c = 1] = inShape.length === 3 ? inShape : [n, 1, 1];
	const taps: KernelTap[] = [];
	let sum = 0;
	for (let i = 0; i < n; i++) {
		const weight = kernel[i * units + unit];
		const value = input[i];
		const product = weight * value;
		sum += product;
		const iy = inShape.length === 3 ? Math.floor(i / (w * c)) : 0;
		const ix = inShape.length === 3 ? Math.floor(i / c) % w : i;
		taps.push({ ky: 0, kx: i, iy, ix, inPadding: false, weight, value, product });
	}
	const b = bias ? bias[unit] : 0;
	return {
		channels: [{ name: 'all inputs', channel: 0, taps, sum }],
		bias: b,
		preActivation: sum + b
	};
}
