/**
 * Training on the WASM backend: TF.js 4.22's WASM backend has no `Conv2DBackpropFilter`
 * kernel, so the gradient of any conv layer's weights throws "Kernel … not registered for
 * backend 'wasm'" (../shared/STACK-NOTES.md). Without it nothing with a conv layer can be
 * trained on the backend the app uses on machines without a GPU.
 *
 * The kernel is written here with ops the WASM backend does have (pad, strided slice, matMul):
 * the filter gradient is the correlation of the input with the output gradient,
 *   dW[i, j, c, o] = Σ_{b, y, x} x_pad[b, y·s + i, x·s + j, c] · dy[b, y, x, o],
 * so for each filter tap (i, j) one strided slice of the padded input, flattened to
 * [N, inC], times dy flattened to [N, outC] gives that tap's [inC, outC] block. One matMul
 * per tap keeps peak memory at one slice (an im2col of every tap at once would hold
 * k² slices: ~150 MB for a 128² U-Net batch).
 *
 * Importing this file also registers every gradient function with tfjs-core (the app imports
 * tfjs-core alone, which registers none; see coreOnlyGradients.test.ts).
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import type {
	Conv2DBackpropFilterAttrs,
	KernelConfig,
	NamedTensorInfoMap
} from '@tensorflow/tfjs-core';

/**
 * Filter gradient of a 2-D convolution (NHWC, dilation 1, as TF.js's conv2d gradient requires).
 * x: [B, H, W, inC]; dy: [B, outH, outW, outC] → [kH, kW, inC, outC].
 */
export function conv2dFilterGradient(
	x: tf.Tensor4D,
	dy: tf.Tensor4D,
	filterShape: [number, number, number, number],
	strides: [number, number] | number,
	pad: Conv2DBackpropFilterAttrs['pad'],
	dimRoundingMode?: 'floor' | 'round' | 'ceil'
): tf.Tensor4D {
	return tf.tidy(() => {
		const info = tf.backend_util.computeConv2DInfo(
			x.shape,
			filterShape,
			strides,
			1,
			pad,
			dimRoundingMode
		);
		const [kH, kW, inC, outC] = filterShape;
		const { top, bottom, left, right } = info.padInfo;
		const padded = tf.pad(x, [
			[0, 0],
			[Math.max(0, top), Math.max(0, bottom)],
			[Math.max(0, left), Math.max(0, right)],
			[0, 0]
		]);
		const batch = x.shape[0];
		const rows = batch * info.outHeight * info.outWidth;
		const dyFlat = tf.reshape(dy, [rows, outC]);
		const taps: tf.Tensor2D[] = [];
		for (let i = 0; i < kH; i++) {
			for (let j = 0; j < kW; j++) {
				const window = tf.stridedSlice(
					padded,
					[0, i, j, 0],
					[
						batch,
						i + (info.outHeight - 1) * info.strideHeight + 1,
						j + (info.outWidth - 1) * info.strideWidth + 1,
						inC
					],
					[1, info.strideHeight, info.strideWidth, 1]
				);
				taps.push(tf.matMul(tf.reshape(window, [rows, inC]), dyFlat, true, false));
			}
		}
		return tf.reshape(tf.stack(taps), [kH, kW, inC, outC]);
	});
}

const conv2dBackpropFilterConfig = (backendName: string): KernelConfig => ({
	kernelName: 'Conv2DBackpropFilter',
	backendName,
	kernelFunc: ({ inputs, attrs }) => {
		const { x, dy } = inputs as NamedTensorInfoMap;
		if (x === undefined || dy === undefined) throw new Error('Conv2DBackpropFilter needs x and dy');
		const { strides, pad, dataFormat, dimRoundingMode, filterShape } =
			attrs as unknown as Conv2DBackpropFilterAttrs;
		if (dataFormat !== undefined && dataFormat !== 'NHWC') {
			throw new Error(`Conv2DBackpropFilter on ${backendName}: only NHWC is supported`);
		}
		// The conv2d gradient passes real tensors; a direct runKernel call may pass bare TensorInfo.
		const owned: tf.Tensor[] = [];
		const asTensor = (info: tf.TensorInfo): tf.Tensor4D => {
			if (info instanceof tf.Tensor) return info as tf.Tensor4D;
			const wrapped = tf.engine().makeTensorFromTensorInfo(info) as tf.Tensor4D;
			owned.push(wrapped);
			return wrapped;
		};
		const result = conv2dFilterGradient(
			asTensor(x),
			asTensor(dy),
			filterShape,
			strides,
			pad,
			dimRoundingMode
		);
		tf.dispose(owned);
		return result;
	}
});

/**
 * Register the missing gradient kernels for a backend that lacks them (default 'wasm').
 * Idempotent; a backend that already has the kernel keeps its own.
 */
export function registerTrainingKernels(backendName = 'wasm'): void {
	if (tf.getKernel('Conv2DBackpropFilter', backendName) !== undefined) return;
	tf.registerKernel(conv2dBackpropFilterConfig(backendName));
}
