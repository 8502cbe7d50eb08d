/**
 * The U-Net's convolutions with their gradients written for speed on WASM. TF.js's WASM
 * backend computes a conv's input gradient (Conv2DBackpropInput) with a plain loop (~50 ms for
 * one 3×3 8→8 layer on 4×96², when the forward conv takes ~4 ms; the first registered filter
 * gradient, one matMul per tap, took ~70 ms before it too became a conv in wasmGradients.ts).
 * Both gradients are themselves convolutions, which XNNPACK runs fast:
 *   input gradient  dx = conv2d(dy, W rotated 180° with in/out swapped, 'same')
 *   filter gradient dW[i, j, c, o] = Σ_{b,y,x} x_pad[b, y·s + i, x·s + j, c] · dy[b, y, x, o]
 *                   = conv2d(x_padᵀ [C, H, W, B], dyᵀ [h, w, B, O], dilation s, 'valid')
 * (the batch becomes the channel axis being summed over). Measured here: 3–10 ms each.
 * Same results as tf.conv2d's own gradients (tests/unit/engine/segmentation/fastConv.test.ts).
 */
import * as tf from '@tensorflow/tfjs-core';
import { conv2dFilterGradient } from '../wasmGradients';

/**
 * Filter gradient of a conv of stride s whose input x was padded by `top`/`left` (and enough at
 * the bottom/right): x [B, H, W, C], dy [B, oh, ow, O] → [k, k, C, O]. The convolution trick
 * itself lives in wasmGradients.ts (the kernel every WASM training uses); this only turns the
 * U-Net's top/left padding into the explicit padding it takes.
 */
export function filterGradient(
	x: tf.Tensor4D,
	dy: tf.Tensor4D,
	k: number,
	stride: number,
	top: number,
	left: number
): tf.Tensor4D {
	const [, h, w, inC] = x.shape;
	const [, oh, ow, outC] = dy.shape;
	const bottom = Math.max(0, (oh - 1) * stride + k - h - top);
	const right = Math.max(0, (ow - 1) * stride + k - w - left);
	return conv2dFilterGradient(x, dy, [k, k, inC, outC], stride, [
		[0, 0],
		[top, bottom],
		[left, right],
		[0, 0]
	]);
}

/** W [k, k, in, out] → the filter of the input gradient: rotated 180°, [k, k, out, in]. */
function flipped(filter: tf.Tensor4D): tf.Tensor4D {
	return tf.transpose(tf.reverse(filter, [0, 1]), [0, 1, 3, 2]) as tf.Tensor4D;
}

/** 'same' conv, stride 1, odd k: x [B, H, W, in], W [k, k, in, out] → [B, H, W, out]. */
export const conv2dSame = tf.customGrad((x, filter, save) => {
	const xs = x as tf.Tensor4D;
	const ws = filter as tf.Tensor4D;
	if (ws.shape[0] % 2 !== 1) throw new RangeError('conv2dSame needs an odd kernel size');
	(save as (tensors: tf.Tensor[]) => void)([xs, ws]);
	return {
		value: tf.conv2d(xs, ws, 1, 'same'),
		gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) => {
			const [sx, sw] = saved as [tf.Tensor4D, tf.Tensor4D];
			const g = dy as tf.Tensor4D;
			const k = sw.shape[0];
			const half = (k - 1) / 2;
			return [tf.conv2d(g, flipped(sw), 1, 'same'), filterGradient(sx, g, k, 1, half, half)];
		}
	};
}) as (x: tf.Tensor4D, filter: tf.Tensor4D) => tf.Tensor4D;

/**
 * The transposed conv's forward pass as an ordinary conv (WASM's Conv2DBackpropInput, which
 * tf.conv2dTranspose uses, is a plain loop): insert a zero after every pixel along rows and
 * columns, pad, and correlate with the rotated filter.
 */
function transposeForward(x: tf.Tensor4D, filter: tf.Tensor4D): tf.Tensor4D {
	const [b, h, w, c] = x.shape;
	const k = filter.shape[0];
	const top = Math.floor(Math.max(k - 2, 0) / 2);
	const rows = tf.reshape(
		tf.pad(tf.reshape(x, [b, h, 1, w * c]), [
			[0, 0],
			[0, 0],
			[0, 1],
			[0, 0]
		]),
		[b * 2 * h, w, 1, c]
	);
	const zeroed = tf.reshape(
		tf.pad(rows, [
			[0, 0],
			[0, 0],
			[0, 1],
			[0, 0]
		]),
		[b, 2 * h, 2 * w, c]
	);
	// zeroed has one trailing zero row/column already; the correlation needs k − 1 − top before
	// and top + 1 after the 2h − 1 rows that matter.
	const lead = k - 1 - top;
	const padded = tf.pad(zeroed, [
		[0, 0],
		[lead, top],
		[lead, top],
		[0, 0]
	]) as tf.Tensor4D;
	return tf.conv2d(padded, flipped(filter), 1, 'valid') as tf.Tensor4D;
}

/**
 * Transposed conv ×2 ('same', stride 2), the gradient of a stride-2 'same' conv with respect to
 * its input: x [B, h, w, in], W [k, k, out, in] → [B, 2h, 2w, out].
 */
export const conv2dTransposeUp = tf.customGrad((x, filter, save) => {
	const xs = x as tf.Tensor4D;
	const ws = filter as tf.Tensor4D;
	(save as (tensors: tf.Tensor[]) => void)([xs, ws]);
	return {
		value: tf.tidy(() => transposeForward(xs, ws)),
		gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) => {
			const [sx, sw] = saved as [tf.Tensor4D, tf.Tensor4D];
			const g = dy as tf.Tensor4D;
			const k = sw.shape[0];
			// The forward conv this transposes: input 2h, stride 2, 'same' → total pad max(k − 2, 0).
			const top = Math.floor(Math.max(k - 2, 0) / 2);
			return [tf.conv2d(g, sw, 2, 'same'), filterGradient(g, sx, k, 2, top, top)];
		}
	};
}) as (x: tf.Tensor4D, filter: tf.Tensor4D) => tf.Tensor4D;
