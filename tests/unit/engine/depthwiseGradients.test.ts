// The WASM backend's missing depthwise conv gradients, registered from ops it has, must equal
// the CPU backend's own kernels (an independent implementation) on random shapes.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerDepthwiseGradients } from '../../../src/lib/engine/depthwiseGradients';
import { registerTrainingKernels } from '../../../src/lib/engine/wasmGradients';
import { seededRandom } from '../../../src/lib/engine/seededRandom';

interface Case {
	batch: number;
	size: [number, number];
	k: [number, number];
	c: number;
	m: number;
	stride: number;
	pad: 'same' | 'valid';
	fused: boolean;
}

const cases: Case[] = [
	{ batch: 1, size: [6, 6], k: [3, 3], c: 2, m: 1, stride: 1, pad: 'same', fused: false },
	{ batch: 2, size: [7, 5], k: [3, 3], c: 3, m: 1, stride: 2, pad: 'same', fused: true },
	{ batch: 1, size: [9, 8], k: [5, 5], c: 2, m: 2, stride: 1, pad: 'valid', fused: false },
	{ batch: 2, size: [8, 8], k: [5, 5], c: 4, m: 1, stride: 2, pad: 'same', fused: true },
	{ batch: 1, size: [6, 9], k: [2, 3], c: 3, m: 2, stride: 2, pad: 'valid', fused: false }
];

function randomTensor(shape: number[], seed: number): tf.Tensor {
	const random = seededRandom(seed);
	const values = Float32Array.from(
		{ length: shape.reduce((a, b) => a * b, 1) },
		() => random() * 2 - 1
	);
	return tf.tensor(values, shape);
}

/** Gradients of sum(depthwise(x, w) · r) w.r.t. x and w (fused with a bias and ReLU, or plain). */
function gradients(c: Case, seed: number): { dx: Float32Array; dw: Float32Array } {
	return tf.tidy(() => {
		const x = randomTensor([c.batch, ...c.size, c.c], seed) as tf.Tensor4D;
		const w = randomTensor([...c.k, c.c, c.m], seed + 1) as tf.Tensor4D;
		const bias = randomTensor([c.c * c.m], seed + 3) as tf.Tensor1D;
		const apply = (a: tf.Tensor4D, b: tf.Tensor4D) =>
			c.fused
				? tf.fused.depthwiseConv2d({
						x: a,
						filter: b,
						strides: c.stride,
						pad: c.pad,
						bias,
						activation: 'relu'
					})
				: tf.depthwiseConv2d(a, b, c.stride, c.pad);
		const r = randomTensor(apply(x, w).shape, seed + 2);
		const grads = tf.grads((a: tf.Tensor, b: tf.Tensor) =>
			tf.sum(tf.mul(apply(a as tf.Tensor4D, b as tf.Tensor4D), r))
		)([x, w]);
		return { dx: grads[0].dataSync() as Float32Array, dw: grads[1].dataSync() as Float32Array };
	});
}

function maxDiff(a: Float32Array, b: Float32Array): number {
	expect(a.length).toBe(b.length);
	let worst = 0;
	for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
	return worst;
}

describe('WASM depthwise conv gradients', () => {
	beforeAll(async () => {
		await tf.setBackend('wasm');
		await tf.ready();
		registerTrainingKernels('wasm');
		registerDepthwiseGradients('wasm');
	});

	it.each(cases.map((c, i) => [i, c] as const))(
		'case %i equals the CPU backend within 1e-4, tensors flat',
		async (i, c) => {
			await tf.setBackend('cpu');
			const cpu = gradients(c, 10 * i + 1);
			await tf.setBackend('wasm');
			const before = tf.memory().numTensors;
			const wasm = gradients(c, 10 * i + 1);
			expect(tf.memory().numTensors).toBe(before);
			expect(maxDiff(wasm.dx, cpu.dx)).toBeLessThan(1e-4);
			expect(maxDiff(wasm.dw, cpu.dw)).toBeLessThan(1e-4);
		}
	);
});
