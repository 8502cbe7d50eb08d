import * as tf from '@tensorflow/tfjs';
import { assertGeometry, axisPadding, type ConvGeometry } from './convArithmetic';
import { LUMA_WEIGHTS } from './luma';

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
}

const CHANNEL_NAMES: Record<ConvMode, readonly string[]> = {
	gray: ['luma'],
	rgb: ['R', 'G', 'B', 'sum']
};

/**
 * The whole operation as one conv2d filter [k, k, 3, C], so each mode is a single op with no
 * luma pass, depthwise pass or concat. Convolution is linear, so
 * - gray: conv(luma(image), K) = conv(image, K ⊗ lumaWeights), C = 1;
 * - rgb: out c < 3 sees only input c (depthwise), out 3 sees all three (the sum), C = 4.
 */
function filterFor(kernel: Float32Array, k: number, mode: ConvMode): Float32Array {
	const outChannels = CHANNEL_NAMES[mode].length;
	const filter = new Float32Array(k * k * 3 * outChannels);
	for (let tap = 0; tap < k * k; tap++) {
		for (let inC = 0; inC < 3; inC++) {
			const base = (tap * 3 + inC) * outChannels;
			if (mode === 'gray') {
				filter[base] = kernel[tap] * LUMA_WEIGHTS[inC];
			} else {
				filter[base + inC] = kernel[tap];
				filter[base + 3] = kernel[tap];
			}
		}
	}
	return filter;
}

/**
 * Cross-correlation of an image with one k×k kernel (no flip, like every DL framework).
 * - gray: on the luma of the image → [outH, outW, 1].
 * - rgb: the kernel on each channel separately → R, G, B maps, plus their sum as a 4th channel
 *   (what a conv layer's single output channel computes for a k×k×3 kernel whose 3 slices equal
 *   this kernel) → [outH, outW, 4].
 * Padding comes from `axisPadding` (passed to conv2d as explicit padding), so 'same', integer and
 * 'valid' share one path and the same numbers as the UI's window highlight.
 * If the dilated kernel is wider than the padded input the result is an empty map (outH or outW
 * is 0) rather than an error, so a learner can drag the sliders through that state.
 * All intermediates are tidied; the caller owns (and must dispose) the returned tensor.
 * @param image [H, W, 3] float32 in [0, 1]
 * @param kernel [k, k] row-major, length kernelSize²
 * @throws RangeError on a geometry outside the labs' ranges, a kernel of the wrong length or an
 * image that is not [H, W, 3].
 */
export function convolveTensor(
	image: tf.Tensor3D,
	kernel: Float32Array,
	g: ConvGeometry,
	mode: ConvMode
): tf.Tensor3D {
	assertGeometry(g);
	const k = g.kernelSize;
	if (kernel.length !== k * k) {
		throw new RangeError(`kernel must have ${k}×${k} = ${k * k} weights, got ${kernel.length}`);
	}
	if (image.rank !== 3 || image.shape[2] !== 3) {
		throw new RangeError(`image must be [height, width, 3], got [${image.shape.join(', ')}]`);
	}
	const [height, width] = image.shape;
	const rows = axisPadding(height, g);
	const cols = axisPadding(width, g);
	const channels = CHANNEL_NAMES[mode].length;
	if (rows.out === 0 || cols.out === 0) return tf.zeros([rows.out, cols.out, channels]);

	return tf.tidy(() => {
		const filter = tf.tensor4d(filterFor(kernel, k, mode), [k, k, 3, channels]);
		// conv2d's explicit padding is the same zero padding as tf.pad, without copying the image.
		const padding: tf.backend_util.ExplicitPadding = [
			[0, 0],
			[rows.before, rows.after],
			[cols.before, cols.after],
			[0, 0]
		];
		const { stride: s, dilation: d } = g;
		if (s === 1 || d === 1) return tf.conv2d(image, filter, s, padding, 'NHWC', d);
		// TF.js rejects stride > 1 together with dilation > 1. A stride is a subsampling of the
		// stride-1 output, so compute that and keep every s-th row and column, with a 1×1 identity
		// convolution of stride s: on WASM it is ~6× faster than tf.stridedSlice.
		const dense = tf.conv2d(image, filter, 1, padding, 'NHWC', d);
		const pick = tf.eye(channels).reshape([1, 1, channels, channels]) as tf.Tensor4D;
		return tf.conv2d(dense, pick, s, 'valid');
	});
}

/**
 * `convolveTensor`, read back asynchronously (`await data()`, never `dataSync`, so the UI thread
 * is not blocked) into plain arrays; leaves no tensor behind.
 * @param image [H, W, 3] float32 in [0, 1]
 * @param kernel [k, k] row-major, length kernelSize²
 * @returns [outH, outW, C] row-major maps with their names and shared min / max.
 */
export async function convolve(
	image: tf.Tensor3D,
	kernel: Float32Array,
	g: ConvGeometry,
	mode: ConvMode
): Promise<FeatureMaps> {
	const result = convolveTensor(image, kernel, g, mode);
	const [height, width, channels] = result.shape;
	let data: Float32Array;
	try {
		data = await result.data<'float32'>();
	} finally {
		result.dispose();
	}
	let min = data.length > 0 ? Infinity : 0;
	let max = data.length > 0 ? -Infinity : 0;
	for (let i = 0; i < data.length; i++) {
		const v = data[i];
		if (v < min) min = v;
		if (v > max) max = v;
	}
	return { data, height, width, channels, channelNames: [...CHANNEL_NAMES[mode]], min, max };
}
