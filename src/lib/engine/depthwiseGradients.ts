/**
 * The depthwise convolution's gradients for a backend that lacks them: TF.js 4.22's WASM
 * backend has no `DepthwiseConv2dNativeBackpropInput` nor `…BackpropFilter`
 * (../shared/STACK-NOTES.md), and a fused depthwise conv's gradient computes both at once, so
 * any gradient through a MobileNet-style graph (the selfie network) throws there. Both are
 * written with ops the backend has:
 *   - input gradient: a depthwise conv is a full conv whose filter is block-diagonal
 *     (output channel c·M + m reads input channel c only), so its input gradient is
 *     Conv2DBackpropInput (a transposed conv, present) with that [k, k, C, C·M] filter;
 *   - filter gradient: dW[i, j, c, m] = Σ_{b, y, x} x_pad[b, y·s + i·d, x·s + j·d, c] ·
 *     dy[b, y, x, c·M + m], one strided slice, product and sum per filter tap.
 * Tested against the CPU backend's own kernels (tests/unit/engine/depthwiseGradients.test.ts).
 */
import * as tf from '@tensorflow/tfjs-core';
import { twoInputKernel } from './wasmGradients';
import type {
	DepthwiseConv2dNativeBackpropFilterAttrs,
	DepthwiseConv2dNativeBackpropInputAttrs
} from '@tensorflow/tfjs-core';

type Pad = DepthwiseConv2dNativeBackpropInputAttrs['pad'];
type Pair = [number, number] | number;
type Rounding = 'floor' | 'round' | 'ceil' | undefined;

const pair = (v: Pair): [number, number] => (typeof v === 'number' ? [v, v] : v);

/**
 * ∂/∂x of a depthwise conv: dy [B, oh, ow, C·M], filter [k, k, C, M] → [B, H, W, C].
 * @throws Error for dilation > 1 (the transposed conv it uses has none).
 */
export function depthwiseInputGradient(
	dy: tf.Tensor4D,
	filter: tf.Tensor4D,
	inputShape: [number, number, number, number],
	strides: Pair,
	pad: Pad,
	dilations: Pair = 1,
	dimRoundingMode?: Rounding
): tf.Tensor4D {
	const [dh, dw] = pair(dilations);
	if (dh !== 1 || dw !== 1)
		throw new Error('depthwise input gradient: dilation > 1 is not supported');
	return tf.tidy(() => {
		const [k1, k2, c, m] = filter.shape;
		const eye = tf.reshape(tf.eye(c), [1, 1, c, c, 1]);
		const full = tf.reshape(tf.mul(tf.reshape(filter, [k1, k2, c, 1, m]), eye), [k1, k2, c, c * m]);
		return tf.engine().runKernel('Conv2DBackpropInput', { dy, filter: full }, {
			strides: pair(strides),
			pad,
			dataFormat: 'NHWC',
			inputShape,
			...(dimRoundingMode ? { dimRoundingMode } : {})
		} as unknown as tf.NamedAttrMap) as tf.Tensor4D;
	});
}

/** ∂/∂filter of a depthwise conv: x [B, H, W, C], dy [B, oh, ow, C·M] → [k, k, C, M]. */
export function depthwiseFilterGradient(
	x: tf.Tensor4D,
	dy: tf.Tensor4D,
	filterShape: [number, number, number, number],
	strides: Pair,
	pad: Pad,
	dilations: Pair = 1,
	dimRoundingMode?: Rounding
): tf.Tensor4D {
	return tf.tidy(() => {
		const info = tf.backend_util.computeConv2DInfo(
			x.shape,
			filterShape,
			strides,
			dilations,
			pad,
			dimRoundingMode,
			true
		);
		const [kH, kW, c, m] = filterShape;
		const [b, height, width] = x.shape;
		const { top, left } = info.padInfo;
		const { outHeight: oh, outWidth: ow, strideHeight: sh, strideWidth: sw } = info;
		const { dilationHeight: dh, dilationWidth: dw } = info;
		const needH = (oh - 1) * sh + (kH - 1) * dh + 1;
		const needW = (ow - 1) * sw + (kW - 1) * dw + 1;
		const padded = tf.pad(x, [
			[0, 0],
			[Math.max(0, top), Math.max(0, needH - height - top)],
			[Math.max(0, left), Math.max(0, needW - width - left)],
			[0, 0]
		]);
		const grads = tf.reshape(dy, [b, oh, ow, c, m]);
		const taps: tf.Tensor[] = [];
		for (let i = 0; i < kH; i++)
			for (let j = 0; j < kW; j++) {
				const window = tf.stridedSlice(
					padded,
					[0, i * dh, j * dw, 0],
					[b, i * dh + (oh - 1) * sh + 1, j * dw + (ow - 1) * sw + 1, c],
					[1, sh, sw, 1]
				); // [B, oh, ow, C]
				taps.push(tf.sum(tf.mul(tf.expandDims(window, 4), grads), [0, 1, 2])); // [C, M]
			}
		return tf.reshape(tf.stack(taps), [kH, kW, c, m]) as tf.Tensor4D;
	});
}

const inputConfig = twoInputKernel<DepthwiseConv2dNativeBackpropInputAttrs>(
	'DepthwiseConv2dNativeBackpropInput',
	['dy', 'filter'],
	(dy, filter, { strides, pad, dilations, dimRoundingMode, inputShape }) =>
		depthwiseInputGradient(dy, filter, inputShape, strides, pad, dilations, dimRoundingMode)
);

const filterConfig = twoInputKernel<DepthwiseConv2dNativeBackpropFilterAttrs>(
	'DepthwiseConv2dNativeBackpropFilter',
	['x', 'dy'],
	(x, dy, { strides, pad, dilations, dimRoundingMode, filterShape }) =>
		depthwiseFilterGradient(x, dy, filterShape, strides, pad, dilations, dimRoundingMode)
);

/** Register both kernels for `backendName` where it has none (idempotent). */
export function registerDepthwiseGradients(backendName = 'wasm'): void {
	if (tf.getKernel('DepthwiseConv2dNativeBackpropInput', backendName) === undefined)
		tf.registerKernel(inputConfig(backendName));
	if (tf.getKernel('DepthwiseConv2dNativeBackpropFilter', backendName) === undefined)
		tf.registerKernel(filterConfig(backendName));
}
