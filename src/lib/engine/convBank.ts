import * as tf from '@tensorflow/tfjs-core';
import { lumaOf } from '$lib/image/pixelsToFloat';
import { assertGeometry, axisPadding, type ConvGeometry } from './convArithmetic';

/**
 * A conv layer with a bank of hand-chosen kernels: N k×k kernels (bias 0) applied to a 1-channel
 * image (the luma) or to an RGB image with each kernel repeated over the three channels and summed,
 * which is what one output channel of a conv layer computes for a k×k×3 kernel whose slices are
 * equal. ReLU optional. This is the "first layer" the pooling, invariance and fc-vs-conv labs build on.
 *
 * Two entry points:
 * - `convBankTensor` returns a tensor the caller owns, for further engine ops (pooling, shifts);
 * - `convBank` reads it back into plain arrays (MapData) for the renderers and leaves no tensor.
 */

/** Most kernels one bank holds (the labs show 4–8). */
export const BANK_SIZE_MAX = 8;

/** Kernel-size geometry for a bank that only needs the size: stride 1, 'same', no dilation. */
export function sameGeometry(kernelSize: number): ConvGeometry {
	return { kernelSize, stride: 1, padding: 'same', dilation: 1 };
}

/** Checks the kernels and returns their count. */
function assertBank(kernels: readonly Float32Array[], g: ConvGeometry): number {
	assertGeometry(g);
	const k = g.kernelSize;
	if (kernels.length < 1 || kernels.length > BANK_SIZE_MAX) {
		throw new RangeError(`a bank holds 1 to ${BANK_SIZE_MAX} kernels, got ${kernels.length}`);
	}
	kernels.forEach((kernel, i) => {
		if (kernel.length !== k * k) {
			throw new RangeError(
				`kernel ${i} must have ${k}×${k} = ${k * k} weights, got ${kernel.length}`
			);
		}
	});
	return kernels.length;
}

/**
 * The bank as one conv2d filter [k, k, C, N]: filter[ky][kx][c][n] = kernels[n][ky·k + kx] for
 * every input channel c, so the channels are summed under the same weights. A lab that convolves
 * many images with one bank (every step of a drag) makes it once and hands it to `convBankBatch`:
 * on WASM each new filter tensor makes XNNPACK build and pack a new conv operator, ~2–5 ms at
 * 512², as much as the convolution itself. The caller owns the tensor.
 * @throws RangeError on kernels of the wrong length or count
 */
export function bankFilter(
	kernels: readonly Float32Array[],
	k: number,
	channels: number
): tf.Tensor4D {
	assertBank(kernels, sameGeometry(k));
	const n = kernels.length;
	const values = new Float32Array(k * k * channels * n);
	for (let tap = 0; tap < k * k; tap++)
		for (let c = 0; c < channels; c++)
			for (let i = 0; i < n; i++) values[(tap * channels + c) * n + i] = kernels[i][tap];
	return tf.tensor4d(values, [k, k, channels, n]);
}

/**
 * The bank on a batch of images: [B, H, W, C] → [B, outH, outW, N]. Call inside tf.tidy.
 * Padding comes from `axisPadding`, passed to the conv as explicit zeros (no padded copy), so
 * every padding mode gives the same numbers as the Convolution lab; ReLU is fused into the conv
 * (one pass over the output instead of two). TF.js refuses stride > 1 together with dilation > 1
 * in one conv2d: that case runs at stride 1 and keeps every s-th row and column.
 * @param filter `bankFilter(kernels, g.kernelSize, C)`, made once by the caller (not disposed
 *   here); made and tidied per call when absent
 */
export function convBankBatch(
	images: tf.Tensor4D,
	kernels: readonly Float32Array[],
	g: ConvGeometry,
	relu: boolean,
	filter?: tf.Tensor4D
): tf.Tensor4D {
	const n = assertBank(kernels, g);
	const [batch, height, width, channels] = images.shape;
	if (filter) {
		const [fh, fw, fc, fn] = filter.shape;
		if (fh !== g.kernelSize || fw !== g.kernelSize || fc !== channels || fn !== n) {
			throw new RangeError(
				`filter [${filter.shape}] does not fit ${n} kernels ${g.kernelSize}×${g.kernelSize} on ${channels} channels`
			);
		}
	}
	const rows = axisPadding(height, g);
	const cols = axisPadding(width, g);
	if (rows.out === 0 || cols.out === 0) return tf.zeros([batch, rows.out, cols.out, n]);
	const both = g.stride > 1 && g.dilation > 1;
	const maps = tf.fused.conv2d({
		x: images,
		filter: filter ?? bankFilter(kernels, g.kernelSize, channels),
		strides: both ? 1 : g.stride,
		pad: [
			[0, 0],
			[rows.before, rows.after],
			[cols.before, cols.after],
			[0, 0]
		],
		dilations: g.dilation,
		activation: relu ? 'relu' : 'linear'
	});
	if (!both) return maps;
	return tf.stridedSlice(
		maps,
		[0, 0, 0, 0],
		[batch, rows.out * g.stride, cols.out * g.stride, n],
		[1, g.stride, g.stride, 1]
	) as tf.Tensor4D;
}

/**
 * The bank on one image. All intermediates are tidied; the caller owns (and must dispose) the
 * returned tensor. An output too small to exist (the dilated kernel wider than the padded input)
 * is an empty [outH, outW, N] tensor, not an error.
 * @param image [H, W, C] float32, C = 1 (luma) or 3 (RGB, summed like a conv layer)
 * @param kernels N kernels (1–8), each [k, k] row-major with k = g.kernelSize
 * @returns [outH, outW, N], out sizes from `axisPadding`
 * @throws RangeError on a geometry outside the labs' ranges or kernels of the wrong length
 */
export function convBankTensor(
	image: tf.Tensor3D,
	kernels: readonly Float32Array[],
	g: ConvGeometry,
	relu: boolean
): tf.Tensor3D {
	return tf.tidy(() => {
		const maps = convBankBatch(tf.expandDims(image, 0) as tf.Tensor4D, kernels, g, relu);
		return tf.squeeze(maps, [0]) as tf.Tensor3D;
	});
}

/** Plain-array result of `convBank`: [outH, outW, N] row-major, N = number of kernels. */
export interface BankMaps {
	data: Float32Array;
	height: number;
	width: number;
	channels: number;
}

/**
 * `convBankTensor`, read back with `await data()` (the UI thread is not blocked); leaves no
 * tensor behind. Same arguments and throws as `convBankTensor`.
 * @returns [outH, outW, N] row-major float32 (a MapData)
 */
export async function convBank(
	image: tf.Tensor3D,
	kernels: readonly Float32Array[],
	g: ConvGeometry,
	relu: boolean
): Promise<BankMaps> {
	const maps = convBankTensor(image, kernels, g, relu);
	try {
		const [height, width, channels] = maps.shape;
		return { data: await maps.data<'float32'>(), height, width, channels };
	} finally {
		maps.dispose();
	}
}

/**
 * The image a bank reads: [H, W, 1] luma or [H, W, 3] RGB, from interleaved float RGB in [0, 1].
 * The caller owns the tensor; make it once per image, not per control change.
 * @param rgb [height, width, 3] row-major
 */
export function bankInputTensor(
	rgb: Float32Array,
	height: number,
	width: number,
	input: 'gray' | 'rgb'
): tf.Tensor3D {
	return input === 'gray'
		? tf.tensor3d(lumaOf(rgb, width, height), [height, width, 1])
		: tf.tensor3d(rgb, [height, width, 3]);
}
