// What the registered-gradient tests share: seeded random tensors, the gradients of a weighted
// sum of an op's output (to compare one backend's kernels with another's), the worst difference
// of two arrays, and CPU-then-WASM runs with WASM started as the app starts it (switchBackend,
// which registers ConvLab's WASM kernels: forget one there and these tests fail). Only the
// packages the app ships: tfjs-core and the backends, no union bundle.
import * as tf from '@tensorflow/tfjs-core';
import { expect } from 'vitest';
import type { Optimizer } from '../../../src/lib/engine/optimizer';
import { seededRandom } from '../../../src/lib/engine/seededRandom';
import { useBackend } from '../tfBackend';

/** Values uniform in [-1, 1), the same for the same seed on every backend. */
export function randomTensor(shape: number[], seed: number): tf.Tensor {
	const random = seededRandom(seed);
	const values = Float32Array.from(
		{ length: shape.reduce((a, b) => a * b, 1) },
		() => random() * 2 - 1
	);
	return tf.tensor(values, shape);
}

/**
 * ∂/∂x and ∂/∂w of sum(op(x, w) · r) on the current backend, for seeded random x, w and r:
 * every input and weight gradient of `op` is exercised with a non-trivial upstream gradient.
 */
export function weightedSumGradients(
	op: (x: tf.Tensor4D, w: tf.Tensor4D) => tf.Tensor,
	xShape: number[],
	wShape: number[],
	seed: number
): { dx: Float32Array; dw: Float32Array } {
	return tf.tidy(() => {
		const x = randomTensor(xShape, seed) as tf.Tensor4D;
		const w = randomTensor(wShape, seed + 1) as tf.Tensor4D;
		const r = randomTensor(op(x, w).shape, seed + 2);
		const grads = tf.grads((a: tf.Tensor, b: tf.Tensor) =>
			tf.sum(tf.mul(op(a as tf.Tensor4D, b as tf.Tensor4D), r))
		)([x, w]);
		return { dx: grads[0].dataSync() as Float32Array, dw: grads[1].dataSync() as Float32Array };
	});
}

export function maxDiff(a: Float32Array, b: Float32Array): number {
	expect(a.length).toBe(b.length);
	let worst = 0;
	for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
	return worst;
}

/**
 * `compute` on the CPU backend (TF.js's own kernels, the reference), then on WASM (the kernels
 * under test); the WASM run must leave no tensor behind.
 */
export async function onCpuThenWasm<T>(
	compute: () => T | Promise<T>
): Promise<{ cpu: T; wasm: T }> {
	await useBackend('cpu');
	const cpu = await compute();
	await useBackend('wasm');
	const before = tf.memory().numTensors;
	const wasm = await compute();
	expect(tf.memory().numTensors).toBe(before);
	return { cpu, wasm };
}

/** The worst difference of a and b relative to b's largest magnitude (0 when both are all zero). */
export function relativeDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
	expect(a.length).toBe(b.length);
	let worst = 0;
	let scale = 0;
	for (let i = 0; i < a.length; i++) {
		worst = Math.max(worst, Math.abs(a[i] - b[i]));
		scale = Math.max(scale, Math.abs(b[i]));
	}
	return scale === 0 ? worst : worst / scale;
}

/**
 * Three steps of an optimizer on a conv → 2×2 max-pool → dense net whose input has an all-zero
 * band and rounded values (negative and tied windows: where TF.js's own WASM max-pool gradient is
 * wrong), on CPU then on WASM: each step's loss and the final [filter, dense] weights. Each
 * backend gets a fresh optimizer from `optimizer`.
 */
export function convPoolSteps(optimizer: () => Optimizer) {
	return onCpuThenWasm(() => {
		const x = tf.tidy(() => {
			const r = randomTensor([2, 8, 8, 2], 11);
			// a zero corner and tied values next to negative ones
			return tf.concat(
				[tf.zeros([2, 2, 8, 2]), tf.round(tf.slice(r, [0, 2, 0, 0], [2, 6, 8, 2]))],
				1
			);
		});
		const variable = (seed: number, shape: number[]) => {
			const initial = randomTensor(shape, seed);
			const v = tf.variable(initial);
			initial.dispose();
			return v;
		};
		const filter = variable(12, [3, 3, 2, 3]);
		const dense = variable(13, [4 * 4 * 3, 2]);
		const target = randomTensor([2, 2], 14);
		const steps = optimizer();
		const losses: number[] = [];
		for (let i = 0; i < 3; i++) {
			const loss = steps.minimize(() => {
				const h = tf.maxPool(
					tf.conv2d(x as tf.Tensor4D, filter as tf.Tensor4D, 1, 'same'),
					2,
					2,
					'valid'
				);
				const out = tf.matMul(tf.reshape(h, [2, -1]), dense);
				return tf.mean(tf.square(tf.sub(out, target))) as tf.Scalar;
			}, [filter, dense]);
			losses.push(loss.dataSync()[0]);
			loss.dispose();
		}
		const weights = [filter.dataSync(), dense.dataSync()] as Float32Array[];
		steps.dispose();
		tf.dispose([x, filter, dense, target]);
		return { losses, weights };
	});
}
