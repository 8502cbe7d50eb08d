/**
 * One SGD step (engine/sgd.ts's update: PyTorch's torch.optim.SGD) for many variables at once, as
 * one WASM kernel:
 *   g ← ∇f(θ) + λ·θ,   v ← μ·v + g,   θ ← θ − lr·v        (v and μ only with momentum)
 * Each product and sum is rounded to float32 as TF.js's element-wise kernels round it, in the same
 * order as sgd.ts's ops, so the results are the very same floats. The op version
 * (residual/groupedSgd.ts) stacked the variables of a shape, ran six passes over the stacks and
 * split them back: for the residual lab's nets (~200,000 weights each) that was most of a
 * training step's time; this is one pass and no copies. Registered for WASM in wasmKernels.ts;
 * groupedSgd asks hasSgdKernel() and otherwise keeps its ops.
 * Inputs theta0…, grad0…, [velocity0…]; outputs θ'0…, [v'0…].
 */
import * as tf from '@tensorflow/tfjs-core';
import type { KernelConfig, NamedAttrMap, TensorInfo } from '@tensorflow/tfjs-core';
import { floats, heapBackend } from './wasmHeap';

export const SGD_STEP = 'ConvLabSgdStep';

export interface SgdStepAttrs {
	count: number;
	learningRate: number;
	momentum: number;
	weightDecay: number;
}

const f32 = Math.fround;

function config(backendName: string): KernelConfig {
	return {
		kernelName: SGD_STEP,
		backendName,
		kernelFunc: ({ inputs, attrs, backend: kernelBackend }) => {
			const backend = heapBackend(kernelBackend);
			const named = inputs as unknown as Record<string, TensorInfo | undefined>;
			const { count, learningRate, momentum, weightDecay } = attrs as unknown as SgdStepAttrs;
			const input = (name: string) => {
				const info = named[name];
				if (!info) throw new Error(`${SGD_STEP} needs ${name}`);
				return info;
			};
			const thetas = Array.from({ length: count }, (_, i) => input(`theta${i}`));
			const outputs = [
				...thetas.map((t) => backend.makeOutput([...t.shape], 'float32')),
				...(momentum > 0 ? thetas.map((t) => backend.makeOutput([...t.shape], 'float32')) : [])
			];
			// the scalars as TF.js holds them: float32 tensors
			const lr = f32(learningRate);
			const mu = f32(momentum);
			const lambda = f32(weightDecay);
			for (let i = 0; i < count; i++) {
				const theta = floats(backend, thetas[i]);
				const grad = floats(backend, input(`grad${i}`));
				const next = floats(backend, outputs[i]);
				if (grad.length !== theta.length) throw new Error(`${SGD_STEP}: grad${i} has another size`);
				if (momentum > 0) {
					const velocity = floats(backend, input(`velocity${i}`));
					const nextVelocity = floats(backend, outputs[count + i]);
					for (let k = 0; k < theta.length; k++) {
						const g = lambda > 0 ? f32(grad[k] + f32(theta[k] * lambda)) : grad[k];
						const v = f32(f32(velocity[k] * mu) + g);
						nextVelocity[k] = v;
						next[k] = f32(theta[k] - f32(v * lr));
					}
				} else
					for (let k = 0; k < theta.length; k++) {
						const g = lambda > 0 ? f32(grad[k] + f32(theta[k] * lambda)) : grad[k];
						next[k] = f32(theta[k] - f32(g * lr));
					}
			}
			return outputs;
		}
	};
}

/** Register the kernel for `backendName` (a WASM backend; idempotent). */
export function registerSgdKernel(backendName = 'wasm'): void {
	if (!tf.getKernel(SGD_STEP, backendName)) tf.registerKernel(config(backendName));
}

/** Whether the active backend runs the kernel. */
export function hasSgdKernel(): boolean {
	return tf.getKernel(SGD_STEP, tf.getBackend()) !== undefined;
}

/**
 * The updated values of `thetas` and, with momentum, their new velocities (`velocities` the
 * current ones, same order): [θ'…, v'…].
 */
export function sgdStepKernel(
	thetas: tf.Tensor[],
	grads: tf.Tensor[],
	velocities: tf.Tensor[] | null,
	{ learningRate, momentum, weightDecay }: Omit<SgdStepAttrs, 'count'>
): tf.Tensor[] {
	const inputs: tf.NamedTensorMap = {};
	thetas.forEach((t, i) => {
		inputs[`theta${i}`] = t;
		inputs[`grad${i}`] = grads[i];
		if (velocities) inputs[`velocity${i}`] = velocities[i];
	});
	const attrs: SgdStepAttrs = { count: thetas.length, learningRate, momentum, weightDecay };
	return tf.engine().runKernel(SGD_STEP, inputs, attrs as unknown as NamedAttrMap) as tf.Tensor[];
}
