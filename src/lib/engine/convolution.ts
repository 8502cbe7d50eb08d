import * as tf from '@tensorflow/tfjs-core';
import { blockFilterSize, convolvePlanes } from './blockConvolution';
import { assertGeometry, axisPadding, type ConvGeometry } from './convArithmetic';
import { prepareImage, type PreparedImage } from './preparedImage';
import { separableTerms, type SeparableTerm } from './separableKernel';

export type ConvMode = 'gray' | 'rgb';

export interface FeatureMaps {
	/** row-major [height, width, channels] float32 */
	data: Float32Array;
	height: number;
	width: number;
	channels: number;
	/** gray: ['luma']; rgb: ['R', 'G', 'B', 'sum'] */
	channelNames: string[];
	/** min / max over all channels, for a shared colour range (both 0 for an empty map) */
	min: number;
	max: number;
	/**
	 * Per channel [min, max] (NaN ignored; [Infinity, -Infinity] for an empty map), found in the
	 * read-back pass so a histogram needs only one more pass. Absent where nobody computed it.
	 */
	ranges?: [number, number][];
}

const CHANNEL_NAMES: Record<ConvMode, readonly string[]> = {
	gray: ['luma'],
	rgb: ['R', 'G', 'B', 'sum']
};

/*
 * Every convolution runs on 1-channel planes (the luma, or R, G and B separately) laid out in
 * blocks of 8 columns so that XNNPACK works on 8 channels at once: see blockConvolution.ts.
 */

/** Which of the two passes runs a kernel; exposed for tests and the curious. */
export interface ConvolutionPlan {
	path: 'separable' | 'direct';
	/** rank-1 terms the kernel splits into (its numerical rank) */
	terms: SeparableTerm[];
}

/**
 * Picks the cheaper path from a cost model fitted to WASM timings on a 512² image:
 * direct ≈ 0.16 ms × filter rows × span in blocks, separable ≈ 0.96 ms (the second pass) +
 * 0.14 ms × terms × (rows + span), with the span of a well-aligned block grid. Rank-1 kernels
 * (blur, Sobel, box) go separable from k = 7 (k = 5 with dilation ≥ 3), rank 2 at k = 11;
 * anything of higher rank stays direct.
 * @param kernel [k, k] row-major
 */
export function convolutionPlan(kernel: Float32Array, g: ConvGeometry): ConvolutionPlan {
	const terms = separableTerms(kernel, g.kernelSize);
	const { rows, span } = blockFilterSize(g);
	const direct = 0.16 * rows * span;
	const separable = 0.96 + 0.14 * terms.length * (rows + span);
	return { path: terms.length > 0 && separable < direct ? 'separable' : 'direct', terms };
}

/** Validates the arguments; a bare tensor is prepared here and `owned` by this call. */
function validInput(
	image: tf.Tensor3D | PreparedImage,
	kernel: Float32Array,
	g: ConvGeometry
): { image: PreparedImage; owned: boolean } {
	assertGeometry(g);
	const k = g.kernelSize;
	if (kernel.length !== k * k) {
		throw new RangeError(`kernel must have ${k}×${k} = ${k * k} weights, got ${kernel.length}`);
	}
	if (!(image instanceof tf.Tensor)) return { image, owned: false };
	return { image: prepareImage(image), owned: true };
}

/**
 * Cross-correlation of an image with one k×k kernel (no flip, like every DL framework).
 * - gray: on the luma of the image → [outH, outW, 1].
 * - rgb: the kernel on each channel separately → R, G, B maps, plus their sum as a 4th channel
 *   (what a conv layer's single output channel computes for a k×k×3 kernel whose 3 slices equal
 *   this kernel) → [outH, outW, 4].
 * Padding comes from `axisPadding`, so 'same', integer and 'valid' share one path and the same
 * numbers as the UI's window highlight. If the dilated kernel is wider than the padded input
 * the result is an empty map (outH or outW is 0) rather than an error, so a learner can drag
 * the sliders through that state.
 * All intermediates are tidied; the caller owns (and must dispose) the returned tensor.
 * @param image [H, W, 3] float32 in [0, 1], or the same from `prepareImage` (faster when the
 * image is convolved again and again)
 * @param kernel [k, k] row-major, length kernelSize²
 * @throws RangeError on a geometry outside the labs' ranges, a kernel of the wrong length or an
 * image that is not [H, W, 3].
 */
export function convolveTensor(
	image: tf.Tensor3D | PreparedImage,
	kernel: Float32Array,
	g: ConvGeometry,
	mode: ConvMode
): tf.Tensor3D {
	const input = validInput(image, kernel, g);
	try {
		const rows = axisPadding(input.image.height, g);
		const cols = axisPadding(input.image.width, g);
		if (rows.out === 0 || cols.out === 0) {
			return tf.zeros([rows.out, cols.out, CHANNEL_NAMES[mode].length]);
		}
		return tf.tidy(() => {
			const planes = mode === 'gray' ? input.image.luma() : input.image.rgbPlanes();
			const plan = convolutionPlan(kernel, g);
			const { maps, shift } = convolvePlanes(planes, kernel, plan, g, rows, cols);
			const cropped =
				maps.shape[2] === cols.out ? maps : tf.slice(maps, [0, 0, shift], [-1, -1, cols.out]);
			if (mode === 'gray') return tf.reshape(cropped, [rows.out, cols.out, 1]);
			// [R, G, B] planes → [outH, outW, R G B] → R, G, B and their sum, by a 1×1 conv.
			const rgbAndSum = tf.tensor4d([1, 0, 0, 1, 0, 1, 0, 1, 0, 0, 1, 1], [1, 1, 3, 4]);
			return tf.conv2d(tf.transpose(cropped, [1, 2, 0]) as tf.Tensor3D, rgbAndSum, 1, 'valid');
		});
	} finally {
		if (input.owned) input.image.dispose();
	}
}

/**
 * `convolveTensor`, read back asynchronously (`await data()`, never `dataSync`, so the UI thread
 * is not blocked) into plain arrays; leaves no tensor behind. RGB mode reads the three planes
 * back and interleaves them (and their sum) in the same loop that finds min / max, which is
 * cheaper than a transpose on the backend.
 * @param image [H, W, 3] float32 in [0, 1], or the same from `prepareImage`
 * @param kernel [k, k] row-major, length kernelSize²
 * @returns [outH, outW, C] row-major maps with their names and shared min / max.
 */
export async function convolve(
	image: tf.Tensor3D | PreparedImage,
	kernel: Float32Array,
	g: ConvGeometry,
	mode: ConvMode
): Promise<FeatureMaps> {
	const input = validInput(image, kernel, g);
	const channelNames = [...CHANNEL_NAMES[mode]];
	const channels = channelNames.length;
	const rows = axisPadding(input.image.height, g);
	const cols = axisPadding(input.image.width, g);
	let planar: { maps: tf.Tensor3D; shift: number } | null = null;
	try {
		if (rows.out > 0 && cols.out > 0) {
			const planes = mode === 'gray' ? input.image.luma() : input.image.rgbPlanes();
			const plan = convolutionPlan(kernel, g);
			planar = tf.tidy(() => convolvePlanes(planes, kernel, plan, g, rows, cols));
		}
	} finally {
		if (input.owned) input.image.dispose();
	}
	const [height, width] = [rows.out, cols.out];
	if (!planar) {
		const ranges = channelNames.map((): [number, number] => [Infinity, -Infinity]);
		return {
			data: new Float32Array(0),
			height,
			width,
			channels,
			channelNames,
			min: 0,
			max: 0,
			ranges
		};
	}
	let raw: Float32Array;
	try {
		raw = await planar.maps.data<'float32'>();
	} finally {
		planar.maps.dispose();
	}
	const { data, min, max, ranges } = readMaps(
		raw,
		height,
		width,
		planar.maps.shape[2],
		planar.shift,
		mode
	);
	return { data, height, width, channels, channelNames, min, max, ranges };
}

/**
 * [P, height, stride] planes, output column x at x + shift → row-major [height, width, C] and
 * its min / max, in one pass: gray is the one plane cropped (no copy when nothing is cropped),
 * rgb is R, G, B, R + G + B interleaved; also each channel's own min / max.
 */
function readMaps(
	raw: Float32Array,
	height: number,
	width: number,
	stride: number,
	shift: number,
	mode: ConvMode
): { data: Float32Array; min: number; max: number; ranges: [number, number][] } {
	let min = Infinity;
	let max = -Infinity;
	if (mode === 'gray') {
		const data = stride === width ? raw : new Float32Array(height * width);
		for (let y = 0; y < height; y++) {
			const row = raw.subarray(y * stride + shift, y * stride + shift + width);
			for (let x = 0; x < width; x++) {
				const v = row[x];
				if (v < min) min = v;
				if (v > max) max = v;
			}
			if (data !== raw) data.set(row, y * width);
		}
		return { data, min, max, ranges: [[min, max]] };
	}
	const data = new Float32Array(height * width * 4);
	const plane = height * stride;
	let [rMin, gMin, bMin, sMin] = [Infinity, Infinity, Infinity, Infinity];
	let [rMax, gMax, bMax, sMax] = [-Infinity, -Infinity, -Infinity, -Infinity];
	for (let y = 0; y < height; y++) {
		let from = y * stride + shift;
		let to = y * width * 4;
		for (let x = 0; x < width; x++, from++, to += 4) {
			const r = raw[from];
			const g = raw[from + plane];
			const b = raw[from + 2 * plane];
			const sum = Math.fround(r + g + b);
			data[to] = r;
			data[to + 1] = g;
			data[to + 2] = b;
			data[to + 3] = sum;
			// Plain comparisons: several times faster than Math.min / Math.max over four values.
			if (r < rMin) rMin = r;
			if (r > rMax) rMax = r;
			if (g < gMin) gMin = g;
			if (g > gMax) gMax = g;
			if (b < bMin) bMin = b;
			if (b > bMax) bMax = b;
			if (sum < sMin) sMin = sum;
			if (sum > sMax) sMax = sum;
		}
	}
	min = Math.min(rMin, gMin, bMin, sMin);
	max = Math.max(rMax, gMax, bMax, sMax);
	const ranges: [number, number][] = [
		[rMin, rMax],
		[gMin, gMax],
		[bMin, bMax],
		[sMin, sMax]
	];
	return { data, min, max, ranges };
}
