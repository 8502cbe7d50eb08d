/**
 * How ConvLab swaps one of a backend's built-in kernels for its own (WASM's Identity, BatchMatMul,
 * Conv2DBackpropInput, Tile): the replacement wraps the original, calling it for the cases it
 * does not handle itself, and keeps its setup and dispose (a WASM kernel's setup binds the
 * compiled function the original calls).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { KernelConfig, KernelFunc } from '@tensorflow/tfjs-core';

const replaced = new Set<string>();

/**
 * Replace `backendName`'s `kernelName` by `make(original)`: once per kernel and backend
 * (idempotent), and not at all where the backend has no such kernel.
 */
export function replaceKernel(
	kernelName: string,
	backendName: string,
	make: (original: KernelConfig) => KernelFunc
): void {
	const key = `${kernelName} on ${backendName}`;
	const original = tf.getKernel(kernelName, backendName);
	if (!original || replaced.has(key)) return;
	replaced.add(key);
	tf.unregisterKernel(kernelName, backendName);
	tf.registerKernel({
		kernelName,
		backendName,
		setupFunc: original.setupFunc,
		disposeFunc: original.disposeFunc,
		kernelFunc: make(original)
	});
}
