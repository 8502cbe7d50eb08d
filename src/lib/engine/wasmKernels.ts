/**
 * Every kernel ConvLab adds to or replaces in TF.js 4.22's WASM backend, registered in one place,
 * and the one way a backend is switched on, so the page (backend.ts) and the training workers
 * (trainingBackend.ts) start WASM with the same kernels and no engine module has to remember to
 * register one before it differentiates:
 *   - Conv2DBackpropFilter (missing: no conv layer could train), wasmGradients.ts;
 *   - DepthwiseConv2dNative's input and filter gradients (missing: no gradient through the
 *     selfie network), depthwiseGradients.ts;
 *   - MaxPoolGrad (present but wrong for windows whose maximum is ≤ 0), maxPoolGradient.ts;
 *   - Tile as a broadcast multiply where it is one (present but slow), wasmGradients.ts;
 *   - BatchMatMul with a transposed operand (present but ~10× slower than without), wasmMatMul.ts;
 *   - Identity that shares its input's data, as CPU's and WebGL's do (present but copies: the
 *     gradient tape clones every tensor it keeps), sharedIdentity.ts;
 *   - batch norm in training mode and its gradient as one kernel each (new: ConvLab's own kernel
 *     names, used by engine code only where the backend has them), fusedBatchNorm.ts;
 *   - an SGD step (momentum, weight decay) over many variables in one pass (new), sgdKernel.ts;
 *   - Conv2DBackpropInput at stride 1 as a convolution (present but a plain loop, ~10× slower
 *     than XNNPACK's convolution of the same size), convInputGradient.ts.
 * The CPU backend gets one fix too (registerCpuKernels): its ResizeNearestNeighborGrad is wrong
 * for a batch of more than one (resizeNearestGradient.ts), which the U-Net trains with when WASM
 * cannot start.
 * The gradient functions themselves (tf.grad's rules, which tfjs-core alone does not register)
 * are registered here too, by importing this module: every backend, in the page and in each
 * worker, starts through switchBackend, so no module that differentiates (a tf.grad, an
 * optimizer, a layers model's fit) can run without them wherever it is used. They cost the labs
 * that never differentiate ~6 KB gzipped on the lazily loaded engine (measured in the build).
 * No chained ops (`x.reshape(…)`) are registered anywhere: engine code calls ops as functions
 * (`tf.reshape(x, …)`), so tfjs-core's op list is not pulled in whole by the chained-op table.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { registerConvInputGradient } from './convInputGradient';
import { registerDepthwiseGradients } from './depthwiseGradients';
import { registerFusedBatchNorm } from './fusedBatchNorm';
import { registerMaxPoolGradient } from './maxPoolGradient';
import { registerResizeNearestGradient } from './resizeNearestGradient';
import { registerSgdKernel } from './sgdKernel';
import { registerSharedIdentity } from './sharedIdentity';
import { registerUntransposedMatMul } from './wasmMatMul';
import { registerBroadcastTile, registerConvFilterGradient } from './wasmGradients';

/** Register them all for `backendName` (default 'wasm'; idempotent). */
export function registerWasmKernels(backendName = 'wasm'): void {
	registerBroadcastTile(backendName);
	registerConvFilterGradient(backendName);
	registerDepthwiseGradients(backendName);
	registerMaxPoolGradient(backendName);
	registerUntransposedMatMul(backendName);
	registerSharedIdentity(backendName);
	registerFusedBatchNorm(backendName);
	registerSgdKernel(backendName);
	registerConvInputGradient(backendName);
}

/** The CPU backend's corrected kernel (idempotent). */
export function registerCpuKernels(backendName = 'cpu'): void {
	registerResizeNearestGradient(backendName);
}

/**
 * `tf.setBackend(name)`, then, for WASM and CPU, ConvLab's kernels. Resolves false (without throwing) when the
 * backend cannot start, as tf.setBackend does, e.g. when a .wasm file is missing.
 */
export async function switchBackend(name: string): Promise<boolean> {
	if (!(await tf.setBackend(name))) return false;
	await tf.ready();
	if (name === 'wasm') registerWasmKernels(name);
	if (name === 'cpu') registerCpuKernels(name);
	return true;
}
