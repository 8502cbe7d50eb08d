/**
 * Training on the WASM backend: TF.js 4.22's WASM backend has no `Conv2DBackpropFilter`
 * kernel, so the gradient of any conv layer's weights throws "Kernel … not registered for
 * backend 'wasm'" (../shared/STACK-NOTES.md). Without it nothing with a conv layer can be
 * trained on the backend the app uses on machines without a GPU.
 *
 * The kernel is written here with ops the WASM backend runs fast. The filter gradient is
 *   dW[i, j, c, o] = Σ_{b, y, x} x_pad[b, y·s + i, x·s + j, c] · dy[b, y, x, o],
 * which is itself a convolution once the batch becomes the summed channel axis:
 *   dW = conv2d(x_padᵀ [C, H, W, B], dyᵀ [oh, ow, B, O], dilation s, 'valid') → [C, k, k, O],
 * so XNNPACK's conv does the work. (A first version did one matMul per filter tap; WASM's
 * transposed-operand matMul path made it ~7× slower: ~70 ms against ~10 ms for a 3×3 8→8
 * layer on 4×96², measured in src/lib/engine/segmentation/fastConv.ts.)
 *
 * Registered with every other custom WASM kernel by registerWasmKernels (wasmKernels.ts), where
 * a WASM backend starts.
 */
import * as tf from '@tensorflow/tfjs-core';
import { replaceKernel } from './kernelReplacement';
import { tensorOf } from './kernelTensors';
import type {
	Conv2DBackpropFilterAttrs,
	KernelConfig,
	NamedTensorInfoMap
} from '@tensorflow/tfjs-core';

/**
 * A gradient kernel of two named 4-D inputs: it reads them as tensors (a gradient passes real
 * tensors, a direct runKernel call may pass bare TensorInfo, which is wrapped and freed after),
 * and returns what `compute` makes of them and the kernel's attributes.
 */
export function twoInputKernel<Attrs>(
	kernelName: string,
	names: [string, string],
	compute: (a: tf.Tensor4D, b: tf.Tensor4D, attrs: Attrs, backendName: string) => tf.Tensor4D
): (backendName: string) => KernelConfig {
	return (backendName) => ({
		kernelName,
		backendName,
		kernelFunc: ({ inputs, attrs }) => {
			const named = inputs as NamedTensorInfoMap;
			const infos = names.map((name) => named[name]);
			if (infos.some((info) => info === undefined))
				throw new Error(`${kernelName} needs ${names.join(' and ')}`);
			const owned: tf.Tensor[] = [];
			const [a, b] = infos.map((info) => tensorOf<tf.Tensor4D>(info!, owned));
			try {
				return compute(a, b, attrs as unknown as Attrs, backendName);
			} finally {
				tf.dispose(owned);
			}
		}
	});
}

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
		const [kH, kW, , outC] = filterShape;
		const { top, left } = info.padInfo;
		const [, height, width] = x.shape;
		// Rows and columns the windows reach, padding included; extra input beyond them is unused.
		const needH = (info.outHeight - 1) * info.strideHeight + kH;
		const needW = (info.outWidth - 1) * info.strideWidth + kW;
		// The padding goes to the convolution (XNNPACK pads as it reads) rather than to a tf.pad of x
		// first: WASM's PadV2 is a slow copy (0.8 ms of the 5.6 ms this took for a batch of 64 28² images).
		const xt = tf.transpose(x, [3, 1, 2, 0]) as tf.Tensor4D; // [C, H, W, B]
		const dyt = tf.transpose(dy, [1, 2, 0, 3]) as tf.Tensor4D; // [oh, ow, B, O]
		const full = tf.conv2d(
			xt,
			dyt,
			1,
			[
				[0, 0],
				[Math.max(0, top), Math.max(0, needH - height - top)],
				[Math.max(0, left), Math.max(0, needW - width - left)],
				[0, 0]
			],
			'NHWC',
			[info.strideHeight, info.strideWidth]
		); // [C, ≥kH, ≥kW, O]
		const taps = tf.slice(full, [0, 0, 0, 0], [full.shape[0], kH, kW, outC]);
		return tf.transpose(taps, [1, 2, 0, 3]) as tf.Tensor4D;
	});
}

const conv2dBackpropFilterConfig = twoInputKernel<Conv2DBackpropFilterAttrs>(
	'Conv2DBackpropFilter',
	['x', 'dy'],
	(x, dy, { strides, pad, dataFormat, dimRoundingMode, filterShape }, backendName) => {
		if (dataFormat !== undefined && dataFormat !== 'NHWC') {
			throw new Error(`Conv2DBackpropFilter on ${backendName}: only NHWC is supported`);
		}
		return conv2dFilterGradient(x, dy, filterShape, strides, pad, dimRoundingMode);
	}
);

/**
 * Tile where every repeated axis has length 1 is a broadcast: x · ones(output shape) gives the
 * same numbers (x · 1 = x exactly). Batch norm's gradient (tfjs-core's FusedBatchNorm_grad) tiles
 * its [1, 1, 1, C] per-channel factor up to the whole activation; WASM's generic Tile kernel
 * took ~60 ms of a ~250 ms batch-32 training step of the shipped classifier (3 batch norms),
 * against ~1 ms for a broadcast multiply. Any other Tile goes to the backend's own kernel.
 */
export function registerBroadcastTile(backendName: string): void {
	replaceKernel('Tile', backendName, (original) => (args) => {
		const x = (args.inputs as NamedTensorInfoMap).x;
		const reps = (args.attrs as unknown as { reps: number[] }).reps;
		const broadcast =
			x !== undefined &&
			(x.dtype === 'float32' || x.dtype === 'int32') &&
			reps.length === x.shape.length &&
			reps.every((r, i) => r === 1 || x.shape[i] === 1);
		if (!broadcast) return original.kernelFunc(args);
		return tf.tidy(() => {
			const tensor = tensorOf(x);
			const shape = x.shape.map((n, i) => n * reps[i]);
			const result = tf.mul(tensor, tf.ones(shape, x.dtype));
			// a wrapper made here is freed by tidy; the caller's tensor is not ours to free
			return result;
		});
	});
}

/** Register the conv filter gradient where `backendName` has none (idempotent). */
export function registerConvFilterGradient(backendName = 'wasm'): void {
	if (tf.getKernel('Conv2DBackpropFilter', backendName) !== undefined) return;
	tf.registerKernel(conv2dBackpropFilterConfig(backendName));
}
