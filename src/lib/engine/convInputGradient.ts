/**
 * TF.js 4.22's WASM `Conv2DBackpropInput` (the gradient of a convolution with respect to its
 * input) is a plain loop, not XNNPACK: in one training step of the small Fashion-MNIST classifier
 * (batch 64) it took ~97 of ~185 CPU ms for conv2 and conv3, against ~5 ms each for the forward
 * convolutions of the same size (scripts/bench-imbalance.mjs's profile). For stride 1 the input
 * gradient is itself a convolution:
 *   dx[b, i, j, c] = Σ_{p, q, o} dy[b, i + top − p, j + left − q, o] · W[p, q, c, o]
 *                  = conv2d(dy padded by (k − 1 − top, k − 1 − bottom), W flipped in space with
 *                           its channel axes swapped, 'valid'),
 * so XNNPACK's convolution does the work. Any other stride (a transposed convolution's upsampling,
 * a strided layer's gradient) goes to the backend's own kernel.
 */
import * as tf from '@tensorflow/tfjs-core';
import { replaceKernel } from './kernelReplacement';
import { tensorOf } from './kernelTensors';
import type { Conv2DBackpropInputAttrs, TensorInfo } from '@tensorflow/tfjs-core';

/**
 * The input gradient of a stride-1 NHWC convolution, or null where it is not one.
 * dy: [B, outH, outW, outC]; filter: [kH, kW, inC, outC] → [B, H, W, inC] (inputShape).
 */
export function stride1InputGradient(
	dy: tf.Tensor4D,
	filter: tf.Tensor4D,
	inputShape: [number, number, number, number],
	attrs: Pick<Conv2DBackpropInputAttrs, 'strides' | 'pad'> &
		Partial<Pick<Conv2DBackpropInputAttrs, 'dataFormat' | 'dimRoundingMode'>>
): tf.Tensor4D | null {
	const strides =
		typeof attrs.strides === 'number' ? [attrs.strides, attrs.strides] : attrs.strides;
	if (strides[0] !== 1 || strides[1] !== 1) return null;
	if (attrs.dataFormat !== undefined && attrs.dataFormat !== 'NHWC') return null;
	const [kH, kW] = filter.shape;
	const info = tf.backend_util.computeConv2DInfo(
		inputShape,
		filter.shape,
		1,
		1,
		attrs.pad,
		attrs.dimRoundingMode
	);
	const { top, bottom, left, right } = info.padInfo;
	const pads = [kH - 1 - top, kH - 1 - bottom, kW - 1 - left, kW - 1 - right];
	if (pads.some((p) => p < 0)) return null;
	// the padded dy's 'valid' output must be the input's size (it is, for every padding kind)
	if (dy.shape[1] + pads[0] + pads[1] - kH + 1 !== inputShape[1]) return null;
	if (dy.shape[2] + pads[2] + pads[3] - kW + 1 !== inputShape[2]) return null;
	return tf.tidy(() => {
		const flipped = tf.transpose(tf.reverse(filter, [0, 1]), [0, 1, 3, 2]) as tf.Tensor4D;
		return tf.conv2d(dy, flipped, 1, [
			[0, 0],
			[pads[0], pads[1]],
			[pads[2], pads[3]],
			[0, 0]
		]);
	});
}

/** Replace `backendName`'s Conv2DBackpropInput by the convolution above at stride 1 (idempotent). */
export function registerConvInputGradient(backendName = 'wasm'): void {
	replaceKernel('Conv2DBackpropInput', backendName, (original) => (args) => {
		const attrs = args.attrs as unknown as Conv2DBackpropInputAttrs;
		const { dy, filter } = args.inputs as unknown as { dy: TensorInfo; filter: TensorInfo };
		// ops inside a kernel are not recorded on the gradient tape (the engine's kernelDepth)
		const owned: tf.Tensor[] = [];
		try {
			const fast = stride1InputGradient(
				tensorOf<tf.Tensor4D>(dy, owned),
				tensorOf<tf.Tensor4D>(filter, owned),
				attrs.inputShape,
				attrs
			);
			return fast ?? original.kernelFunc(args);
		} finally {
			tf.dispose(owned);
		}
	});
}
