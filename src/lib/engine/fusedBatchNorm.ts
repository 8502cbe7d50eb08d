/**
 * Batch norm in training mode (Ioffe & Szegedy 2015) on a [N, C] batch as two WASM kernels, a
 * forward and its gradient, each working a column at a time over the heap, instead of ~10 TF.js
 * kernels forward and ~12 back (each a trip through the engine and the gradient tape, most of a
 * dense layer's cost at the residual lab's sizes). Optionally the output is ReLU(BN(z) + shortcut), the residual lab's
 * block ending, so the add and the ReLU are fused too.
 *   forward   μ = mean_N z,  c = z − μ,  σ² = mean_N c²,  r = 1/√(σ² + ε),  x̂ = c·r,
 *             y = x̂·γ + β [+ shortcut],  out = y or ReLU(y)
 *   backward  d = dout (· [y > 0] with ReLU, read off out > 0),  ∂shortcut = d,
 *             ∂β = Σ_N d,  ∂γ = Σ_N d·x̂,  g = d·γ,  ∂z = r·(g − mean_N g − x̂·mean_N(g·x̂))
 * Each element-wise step is rounded to float32 as TF.js's kernels round it; the sums run in
 * float64 (TF.js's run in float32, so sums may differ in the last bits). Outputs: out, x̂, r, μ,
 * σ² (biased); gradient outputs: ∂z, ∂γ, ∂β [, ∂shortcut]. Only the WASM backend has them
 * (registered in wasmKernels.ts); engine code asks hasFusedBatchNorm() and otherwise composes ops.
 * Checked against TF.js's autodiff of the composed ops on CPU and by finite differences
 * (tests/unit/engine/fusedBatchNorm.test.ts).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { KernelConfig, NamedAttrMap, TensorInfo } from '@tensorflow/tfjs-core';
import { floats, heapBackend } from './wasmHeap';

export const BATCH_NORM_TRAIN = 'ConvLabBatchNormTrain';
export const BATCH_NORM_TRAIN_GRAD = 'ConvLabBatchNormTrainGrad';

export interface FusedBatchNormAttrs {
	epsilon: number;
	relu: boolean;
}

const f32 = Math.fround;

type Named = Record<string, TensorInfo | undefined>;

function required(inputs: Named, name: string, kernel: string): TensorInfo {
	const info = inputs[name];
	if (!info) throw new Error(`${kernel} needs ${name}`);
	return info;
}

function forwardConfig(backendName: string): KernelConfig {
	return {
		kernelName: BATCH_NORM_TRAIN,
		backendName,
		kernelFunc: ({ inputs, attrs, backend: kernelBackend }) => {
			const backend = heapBackend(kernelBackend);
			const named = inputs as unknown as Named;
			const z = required(named, 'z', BATCH_NORM_TRAIN);
			const gammaInfo = required(named, 'gamma', BATCH_NORM_TRAIN);
			const betaInfo = required(named, 'beta', BATCH_NORM_TRAIN);
			const shortcutInfo = named.shortcut;
			const { epsilon, relu } = attrs as unknown as FusedBatchNormAttrs;
			const [n, c] = z.shape;
			const outputs = [
				backend.makeOutput([n, c], 'float32'),
				backend.makeOutput([n, c], 'float32'),
				backend.makeOutput([c], 'float32'),
				backend.makeOutput([c], 'float32'),
				backend.makeOutput([c], 'float32')
			];
			const [out, xHat, inverse, mean, variance] = outputs.map((o) => floats(backend, o));
			const zs = floats(backend, z);
			const gamma = floats(backend, gammaInfo);
			const beta = floats(backend, betaInfo);
			const shortcut = shortcutInfo ? floats(backend, shortcutInfo) : null;
			// a column (feature) at a time: scalar sums, and the column's rows stay in cache
			const size = n * c;
			for (let j = 0; j < c; j++) {
				let sum = 0;
				for (let k = j; k < size; k += c) sum += zs[k];
				const mu = f32(sum / n);
				let squares = 0;
				for (let k = j; k < size; k += c) {
					const centered = f32(zs[k] - mu);
					xHat[k] = centered;
					squares += f32(centered * centered);
				}
				const v = f32(squares / n);
				const r = f32(1 / Math.sqrt(f32(v + epsilon)));
				mean[j] = mu;
				variance[j] = v;
				inverse[j] = r;
				const g = gamma[j];
				const b = beta[j];
				for (let k = j; k < size; k += c) {
					const normalized = f32(xHat[k] * r);
					xHat[k] = normalized;
					let y = f32(f32(normalized * g) + b);
					if (shortcut) y = f32(shortcut[k] + y);
					out[k] = relu && !(y > 0) ? 0 : y;
				}
			}
			return outputs;
		}
	};
}

function gradientConfig(backendName: string): KernelConfig {
	return {
		kernelName: BATCH_NORM_TRAIN_GRAD,
		backendName,
		kernelFunc: ({ inputs, attrs, backend: kernelBackend }) => {
			const backend = heapBackend(kernelBackend);
			const named = inputs as unknown as Named;
			const dyInfo = required(named, 'dy', BATCH_NORM_TRAIN_GRAD);
			const xHatInfo = required(named, 'xHat', BATCH_NORM_TRAIN_GRAD);
			const inverseInfo = required(named, 'inverse', BATCH_NORM_TRAIN_GRAD);
			const gammaInfo = required(named, 'gamma', BATCH_NORM_TRAIN_GRAD);
			const outInfo = named.out;
			const { relu, shortcut: withShortcut } = attrs as unknown as {
				relu: boolean;
				shortcut: boolean;
			};
			if (relu && !outInfo) throw new Error(`${BATCH_NORM_TRAIN_GRAD} with ReLU needs out`);
			const [n, c] = dyInfo.shape;
			const outputs = [
				backend.makeOutput([n, c], 'float32'),
				backend.makeOutput([c], 'float32'),
				backend.makeOutput([c], 'float32'),
				...(withShortcut ? [backend.makeOutput([n, c], 'float32')] : [])
			];
			const [dz, dGamma, dBeta, dShortcut] = outputs.map((o) => floats(backend, o));
			const dy = floats(backend, dyInfo);
			const xHat = floats(backend, xHatInfo);
			const inverse = floats(backend, inverseInfo);
			const gamma = floats(backend, gammaInfo);
			const out = relu ? floats(backend, outInfo!) : null;
			// a column (feature) at a time, as the forward; d (the gradient at BN's output) goes in
			// dz first and dz is computed over it
			const size = n * c;
			for (let j = 0; j < c; j++) {
				const gj = gamma[j];
				let sumD = 0;
				let sumDx = 0;
				let sumG = 0;
				let sumGx = 0;
				for (let k = j; k < size; k += c) {
					const d = out && !(out[k] > 0) ? 0 : dy[k];
					dz[k] = d;
					if (dShortcut) dShortcut[k] = d;
					const g = f32(d * gj);
					sumD += d;
					sumDx += f32(d * xHat[k]);
					sumG += g;
					sumGx += f32(g * xHat[k]);
				}
				dBeta[j] = f32(sumD);
				dGamma[j] = f32(sumDx);
				const meanG = f32(sumG / n);
				const meanGx = f32(sumGx / n);
				const r = inverse[j];
				for (let k = j; k < size; k += c) {
					const g = f32(dz[k] * gj);
					dz[k] = f32(f32(f32(g - meanG) - f32(xHat[k] * meanGx)) * r);
				}
			}
			return outputs;
		}
	};
}

/** Register both kernels for `backendName` (a WASM backend; idempotent). */
export function registerFusedBatchNorm(backendName = 'wasm'): void {
	if (!tf.getKernel(BATCH_NORM_TRAIN, backendName)) tf.registerKernel(forwardConfig(backendName));
	if (!tf.getKernel(BATCH_NORM_TRAIN_GRAD, backendName))
		tf.registerKernel(gradientConfig(backendName));
}

/** Whether the active backend runs the fused kernels. */
export function hasFusedBatchNorm(): boolean {
	return tf.getKernel(BATCH_NORM_TRAIN_GRAD, tf.getBackend()) !== undefined;
}

/** The forward kernel: [out, x̂, r, μ, σ²]. */
export function batchNormTrainKernel(
	z: tf.Tensor,
	gamma: tf.Tensor,
	beta: tf.Tensor,
	attrs: FusedBatchNormAttrs,
	shortcut?: tf.Tensor
): tf.Tensor[] {
	const inputs: tf.NamedTensorMap = shortcut ? { z, gamma, beta, shortcut } : { z, gamma, beta };
	return tf
		.engine()
		.runKernel(BATCH_NORM_TRAIN, inputs, attrs as unknown as NamedAttrMap) as tf.Tensor[];
}

/** The gradient kernel: [∂z, ∂γ, ∂β] and, with `shortcut`, ∂shortcut. */
export function batchNormTrainGradKernel(
	dy: tf.Tensor,
	saved: { xHat: tf.Tensor; inverse: tf.Tensor; gamma: tf.Tensor; out?: tf.Tensor },
	attrs: { relu: boolean; shortcut: boolean }
): tf.Tensor[] {
	const { xHat, inverse, gamma, out } = saved;
	const inputs: tf.NamedTensorMap = out
		? { dy, xHat, inverse, gamma, out }
		: { dy, xHat, inverse, gamma };
	return tf
		.engine()
		.runKernel(BATCH_NORM_TRAIN_GRAD, inputs, attrs as unknown as NamedAttrMap) as tf.Tensor[];
}
