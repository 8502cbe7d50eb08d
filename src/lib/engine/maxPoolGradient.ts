/**
 * The max-pool input gradient, for a backend whose own kernel is wrong: TF.js 4.22's WASM
 * `MaxPoolGrad` sends the gradient of a window whose maximum is ≤ 0 to the wrong element or drops
 * it (`grad(sum(maxPool([-3, -1, -2, -4], 2, 2)))` gives [1, 0, 0, 0], not [0, 1, 0, 0]), breaks
 * ties differently from the CPU and WebGL backends, and misroutes 'same'-padded overlapping
 * windows (../shared/STACK-NOTES.md). A ReLU'd map is full of all-zero windows and a linear
 * stack's maps are half negative, so Grad-CAM and the effective receptive field were wrong on
 * the backend the app picks on every machine without a GPU.
 *
 * Each output's gradient goes to the first maximum of its window in row-major order, counting
 * only real input elements (padding never wins), exactly as the CPU backend's kernel does; a
 * window of NaNs or −∞ only passes no gradient on, as there. Plain loops over the values: a pool
 * layer is a few memory passes, far cheaper than the convs around it.
 */
import * as tf from '@tensorflow/tfjs-core';
import type {
	KernelBackend,
	KernelConfig,
	MaxPoolGradAttrs,
	NamedTensorInfoMap,
	TensorInfo
} from '@tensorflow/tfjs-core';

/** The window geometry, as `tf.backend_util.computePool2DInfo` gives it. */
export type PoolGeometry = Pick<
	tf.backend_util.Conv2DInfo,
	| 'batchSize'
	| 'inHeight'
	| 'inWidth'
	| 'inChannels'
	| 'outHeight'
	| 'outWidth'
	| 'strideHeight'
	| 'strideWidth'
	| 'filterHeight'
	| 'filterWidth'
	| 'padInfo'
>;

/**
 * ∂/∂x of max pooling: x [B, H, W, C] and dy [B, outH, outW, C], row-major NHWC → dx, the shape
 * of x, each dy value added to the first maximum of its window.
 */
export function maxPoolInputGradient(
	x: ArrayLike<number>,
	dy: ArrayLike<number>,
	g: PoolGeometry,
	/** where to write dx (zeroed here); a new array when absent */
	into?: Float32Array
): Float32Array {
	const { batchSize, inHeight: H, inWidth: W, inChannels: C, outHeight, outWidth } = g;
	const size = batchSize * H * W * C;
	if (into && into.length !== size) throw new RangeError(`dx needs ${size} values`);
	const dx = into ? into.fill(0) : new Float32Array(size);
	// The window's elements (offsets of channel 0), listed once per window; then per channel its
	// first maximum among them. Scalars in the inner loop, no per-window allocation or fill.
	const taps = new Int32Array(g.filterHeight * g.filterWidth);
	for (let b = 0; b < batchSize; b++)
		for (let oy = 0; oy < outHeight; oy++) {
			const top = oy * g.strideHeight - g.padInfo.top;
			const y0 = Math.max(0, top);
			const y1 = Math.min(H, top + g.filterHeight);
			for (let ox = 0; ox < outWidth; ox++) {
				const left = ox * g.strideWidth - g.padInfo.left;
				const x0 = Math.max(0, left);
				const x1 = Math.min(W, left + g.filterWidth);
				let n = 0;
				for (let y = y0; y < y1; y++)
					for (let xx = x0; xx < x1; xx++) taps[n++] = ((b * H + y) * W + xx) * C;
				const out = ((b * outHeight + oy) * outWidth + ox) * C;
				for (let c = 0; c < C; c++) {
					// row-major over the window and a strict '>': the first maximum wins, NaN never does
					let best = -Infinity;
					let at = -1;
					for (let t = 0; t < n; t++) {
						const i = taps[t] + c;
						const v = x[i];
						if (v > best) {
							best = v;
							at = i;
						}
					}
					if (at >= 0) dx[at] += dy[out + c];
				}
			}
		}
	return dx;
}

/** The part of a backend the kernel uses: read an input, make an output (WASM: makeOutput). */
interface OutputBackend extends KernelBackend {
	makeOutput?(
		shape: number[],
		dtype: 'float32',
		memoryOffset?: number,
		values?: Float32Array
	): TensorInfo;
	makeTensorInfo?(shape: number[], dtype: 'float32', values: Float32Array): TensorInfo;
	/** WASM: a view of a tensor's memory in the module's heap (no copy) */
	typedArrayFromHeap?(info: TensorInfo): Float32Array;
}

const ours = new WeakSet<object>();

/** `MaxPoolGrad` for `backendName`, computed by maxPoolInputGradient. */
export function maxPoolGradConfig(backendName: string): KernelConfig {
	const kernelFunc: KernelConfig['kernelFunc'] = ({ inputs, attrs, backend }) => {
		const { dy, input } = inputs as NamedTensorInfoMap;
		if (!dy || !input) throw new Error('MaxPoolGrad needs dy and input');
		const { filterSize, strides, pad, dimRoundingMode } = attrs as unknown as MaxPoolGradAttrs;
		const geometry = tf.backend_util.computePool2DInfo(
			input.shape as [number, number, number, number],
			filterSize,
			strides,
			1,
			pad,
			dimRoundingMode
		);
		const io = backend as OutputBackend;
		if (io.makeOutput && io.typedArrayFromHeap) {
			// WASM: read the inputs and write dx in the module's heap, with no copies. The output is
			// allocated first: an allocation may grow the heap, which detaches views taken before it.
			const out = io.makeOutput(input.shape, 'float32');
			maxPoolInputGradient(
				io.typedArrayFromHeap(input),
				io.typedArrayFromHeap(dy),
				geometry,
				io.typedArrayFromHeap(out)
			);
			return out;
		}
		const dx = maxPoolInputGradient(
			io.readSync(input.dataId) as Float32Array,
			io.readSync(dy.dataId) as Float32Array,
			geometry
		);
		if (io.makeOutput) return io.makeOutput(input.shape, 'float32', undefined, dx);
		if (io.makeTensorInfo) return io.makeTensorInfo(input.shape, 'float32', dx);
		throw new Error(`MaxPoolGrad on ${backendName}: the backend cannot make an output`);
	};
	ours.add(kernelFunc);
	return { kernelName: 'MaxPoolGrad', backendName, kernelFunc };
}

/** Replace `backendName`'s own MaxPoolGrad with this one (idempotent). */
export function registerMaxPoolGradient(backendName = 'wasm'): void {
	const current = tf.getKernel('MaxPoolGrad', backendName);
	if (current && ours.has(current.kernelFunc)) return;
	if (current) tf.unregisterKernel('MaxPoolGrad', backendName);
	tf.registerKernel(maxPoolGradConfig(backendName));
}
