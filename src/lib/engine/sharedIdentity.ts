/**
 * TF.js 4.22's WASM Identity kernel copies its input into fresh heap memory; the CPU and WebGL
 * backends' Identity shares the input's data and counts one more reference, as WASM's own Reshape
 * does. Tensors are immutable (a Variable's assign points it at new data), so sharing is safe.
 * Identity is what the gradient tape runs to keep every tensor a backward pass needs
 * (engine.clone, in saveTensorsForBackwardMode and customGrad's save): ~430 copies, a fifth of the
 * kernels, in one training step of the residual lab's 20-layer pair.
 */
import { replaceKernel } from './kernelReplacement';
import type { TensorInfo } from '@tensorflow/tfjs-core';
import { heapBackend } from './wasmHeap';

/** Replace `backendName`'s Identity by one that shares data (idempotent; strings keep the original). */
export function registerSharedIdentity(backendName = 'wasm'): void {
	replaceKernel('Identity', backendName, (original) => (args) => {
		const x = (args.inputs as unknown as { x: TensorInfo }).x;
		if (x.dtype === 'string') return original.kernelFunc(args);
		heapBackend(args.backend).incRef(x.dataId);
		return { dataId: x.dataId, shape: [...x.shape], dtype: x.dtype };
	});
}
