/**
 * The nearest-neighbour resize's input gradient, for the CPU backend: TF.js 4.22's CPU
 * `ResizeNearestNeighborGrad` reads the upstream gradient of image b at image b's offset in the
 * *input* (the smaller tensor), so for a batch of more than one every image after the first gets
 * another image's gradient (found comparing the U-Net's training gradients with WASM's, whose
 * kernel is right). The U-Net upsamples this way and trains on CPU when WASM cannot start.
 *
 * Each dy value is added to the input pixel the forward pass copied it from, with the CPU
 * backend's own forward mapping (align corners, half-pixel centres).
 */
import * as tf from '@tensorflow/tfjs-core';
import type {
	KernelBackend,
	KernelConfig,
	NamedTensorInfoMap,
	ResizeNearestNeighborAttrs,
	TensorInfo
} from '@tensorflow/tfjs-core';

/** The source index along one axis of output position `i`, as the forward resize takes it. */
function sourceIndex(i: number, from: number, to: number, align: boolean, half: boolean): number {
	const ratio = (align && to > 1 ? from - 1 : from) / (align && to > 1 ? to - 1 : to);
	const frac = half ? ratio * (i + 0.5) : ratio * i;
	const nearest = Math.min(from - 1, align ? Math.round(frac) : Math.floor(frac));
	return half ? Math.max(0, nearest) : nearest;
}

/**
 * dy [B, outH, outW, C] → dx [B, inH, inW, C], row-major NHWC, each dy value added to its source.
 */
export function resizeNearestInputGradient(
	dy: ArrayLike<number>,
	[batch, inH, inW, channels]: [number, number, number, number],
	[outH, outW]: [number, number],
	alignCorners: boolean,
	halfPixelCenters: boolean
): Float32Array {
	const dx = new Float32Array(batch * inH * inW * channels);
	const rows = Array.from({ length: outH }, (_, r) =>
		sourceIndex(r, inH, outH, alignCorners, halfPixelCenters)
	);
	const cols = Array.from({ length: outW }, (_, c) =>
		sourceIndex(c, inW, outW, alignCorners, halfPixelCenters)
	);
	let at = 0;
	for (let b = 0; b < batch; b++)
		for (let r = 0; r < outH; r++)
			for (let c = 0; c < outW; c++) {
				const to = ((b * inH + rows[r]) * inW + cols[c]) * channels;
				for (let d = 0; d < channels; d++) dx[to + d] += dy[at++];
			}
	return dx;
}

interface OutputBackend extends KernelBackend {
	makeTensorInfo(shape: number[], dtype: 'float32', values: Float32Array): TensorInfo;
}

const ours = new WeakSet<object>();

/** Replace `backendName`'s ResizeNearestNeighborGrad with this one (idempotent; default 'cpu'). */
export function registerResizeNearestGradient(backendName = 'cpu'): void {
	const current = tf.getKernel('ResizeNearestNeighborGrad', backendName);
	if (current && ours.has(current.kernelFunc)) return;
	const kernelFunc: KernelConfig['kernelFunc'] = ({ inputs, attrs, backend }) => {
		const { dy, images } = inputs as NamedTensorInfoMap;
		if (!dy || !images) throw new Error('ResizeNearestNeighborGrad needs dy and images');
		const { alignCorners, halfPixelCenters } = attrs as unknown as ResizeNearestNeighborAttrs;
		const io = backend as OutputBackend;
		const dx = resizeNearestInputGradient(
			io.readSync(dy.dataId) as Float32Array,
			images.shape as [number, number, number, number],
			[dy.shape[1], dy.shape[2]],
			Boolean(alignCorners),
			Boolean(halfPixelCenters)
		);
		return io.makeTensorInfo(images.shape, 'float32', dx);
	};
	ours.add(kernelFunc);
	if (current) tf.unregisterKernel('ResizeNearestNeighborGrad', backendName);
	tf.registerKernel({ kernelName: 'ResizeNearestNeighborGrad', backendName, kernelFunc });
}
