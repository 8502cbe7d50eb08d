// The WASM backend's missing conv filter gradient, registered from ops it has, must equal the
// CPU backend's own Conv2DBackpropFilter (an independent implementation) on random shapes.
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { conv2dFilterGradient } from '../../../src/lib/engine/wasmGradients';
import { maxDiff, onCpuThenWasm, randomTensor, weightedSumGradients } from './gradientCheck';
import { useBackend } from '../tfBackend';

interface Case {
	batch: number;
	size: [number, number];
	k: [number, number];
	inC: number;
	outC: number;
	stride: number;
	pad: 'same' | 'valid' | number;
}

const cases: Case[] = [
	{ batch: 1, size: [6, 6], k: [3, 3], inC: 1, outC: 2, stride: 1, pad: 'same' },
	{ batch: 2, size: [7, 5], k: [3, 3], inC: 3, outC: 4, stride: 2, pad: 'same' },
	{ batch: 3, size: [9, 8], k: [5, 5], inC: 2, outC: 3, stride: 1, pad: 'valid' },
	{ batch: 2, size: [8, 8], k: [2, 2], inC: 4, outC: 2, stride: 2, pad: 'valid' },
	{ batch: 1, size: [10, 7], k: [3, 1], inC: 2, outC: 5, stride: 3, pad: 1 },
	{ batch: 2, size: [5, 9], k: [4, 4], inC: 3, outC: 3, stride: 2, pad: 'same' }
];

/** Gradients of sum(conv2d(x, w) · r) w.r.t. x and w on the current backend. */
function gradients(c: Case, seed: number): { dx: Float32Array; dw: Float32Array } {
	return weightedSumGradients(
		(x, w) => tf.conv2d(x, w, c.stride, c.pad),
		[c.batch, ...c.size, c.inC],
		[...c.k, c.inC, c.outC],
		seed
	);
}

describe('WASM conv filter gradient', () => {
	beforeAll(async () => {
		await useBackend('wasm');
	});

	it('is missing from the WASM backend without registration (why this file exists)', () => {
		// registered in beforeAll; the CPU backend has its own
		expect(tf.getKernel('Conv2DBackpropFilter', 'wasm')?.kernelFunc).toBeDefined();
		expect(tf.getKernel('Conv2DBackpropFilter', 'cpu')?.kernelFunc).toBeDefined();
	});

	it.each(cases.map((c, i) => [i, c] as const))(
		'case %i equals the CPU backend within 1e-4',
		async (i, c) => {
			const { cpu, wasm } = await onCpuThenWasm(() => gradients(c, 10 * i + 1));
			expect(maxDiff(wasm.dw, cpu.dw)).toBeLessThan(1e-4);
			expect(maxDiff(wasm.dx, cpu.dx)).toBeLessThan(1e-4);
		}
	);

	it('conv2dFilterGradient equals a naive loop (independent of both backends)', async () => {
		await useBackend('wasm');
		const x = randomTensor([1, 5, 4, 2], 7) as tf.Tensor4D;
		const dy = randomTensor([1, 3, 2, 3], 8) as tf.Tensor4D; // 3×3 kernel, stride 2, 'same'
		const got = conv2dFilterGradient(x, dy, [3, 3, 2, 3], 2, 'same');
		const xv = x.dataSync();
		const dyv = dy.dataSync();
		// 'same' with stride 2 on 5×4: out 3×2; total pad rows = max((3−1)·2+3−5, 0) = 2 → top 1;
		// cols = max((2−1)·2+3−4, 0) = 1 → left 0.
		const [top, left] = [1, 0];
		const expected = new Float32Array(3 * 3 * 2 * 3);
		for (let i = 0; i < 3; i++)
			for (let j = 0; j < 3; j++)
				for (let c = 0; c < 2; c++)
					for (let o = 0; o < 3; o++) {
						let sum = 0;
						for (let y = 0; y < 3; y++)
							for (let xx = 0; xx < 2; xx++) {
								const r = y * 2 + i - top;
								const q = xx * 2 + j - left;
								if (r < 0 || r >= 5 || q < 0 || q >= 4) continue;
								sum += xv[(r * 4 + q) * 2 + c] * dyv[(y * 2 + xx) * 3 + o];
							}
						expected[((i * 3 + j) * 2 + c) * 3 + o] = sum;
					}
		expect(maxDiff(got.dataSync() as Float32Array, expected)).toBeLessThan(1e-5);
		tf.dispose([x, dy, got]);
	});

	it('lets a small conv net train on WASM, tensors flat', async () => {
		await useBackend('wasm');
		const before = tf.memory().numTensors;
		const w = tf.tidy(() => tf.variable(randomTensor([3, 3, 1, 2], 3) as tf.Tensor4D));
		const x = randomTensor([4, 6, 6, 1], 4) as tf.Tensor4D;
		const target = randomTensor([4, 6, 6, 2], 5);
		const optimizer = tf.train.sgd(0.05);
		const loss = () => tf.losses.meanSquaredError(target, tf.conv2d(x, w, 1, 'same')) as tf.Scalar;
		const first = tf.tidy(() => loss().dataSync()[0]);
		for (let step = 0; step < 20; step++) tf.dispose(optimizer.minimize(loss) ?? []);
		const last = tf.tidy(() => loss().dataSync()[0]);
		expect(last).toBeLessThan(first * 0.9);
		tf.dispose([w, x, target]);
		optimizer.dispose();
		expect(tf.memory().numTensors).toBe(before);
	});
});

describe('WASM broadcast Tile (registered with the training kernels)', () => {
	it('equals the CPU backend’s Tile, broadcast or not, tensors flat', async () => {
		const shapes: [number[], number[]][] = [
			[
				[1, 1, 1, 5],
				[3, 4, 2, 1]
			], // batch norm's per-channel factor: a broadcast
			[
				[2, 1, 3],
				[1, 4, 1]
			], // broadcast on the middle axis
			[
				[2, 3],
				[2, 2]
			], // a real tile: the backend's own kernel
			[
				[1, 4],
				[3, 1]
			]
		];
		for (const [i, [shape, reps]] of shapes.entries()) {
			await useBackend('cpu');
			const x = randomTensor(shape, 50 + i);
			const cpu = tf.tile(x, reps).dataSync() as Float32Array;
			const values = x.dataSync();
			x.dispose();
			await useBackend('wasm');
			const before = tf.memory().numTensors;
			const y = tf.tensor(values, shape);
			const tiled = tf.tile(y, reps);
			expect(tiled.shape).toEqual(shape.map((n, k) => n * reps[k]));
			expect(maxDiff(tiled.dataSync() as Float32Array, cpu)).toBe(0);
			tf.dispose([y, tiled]);
			expect(tf.memory().numTensors).toBe(before);
		}
	});

	it('a batch-norm conv net’s gradients on WASM equal the CPU backend’s within 1e-4', async () => {
		const grads = () =>
			tf.tidy(() => {
				const x = randomTensor([4, 6, 6, 2], 61) as tf.Tensor4D;
				const w = randomTensor([3, 3, 2, 3], 62) as tf.Tensor4D;
				const gamma = randomTensor([3], 63);
				const g = tf.grads((a: tf.Tensor, b: tf.Tensor, c: tf.Tensor) => {
					const y = tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, 1, 'same');
					const { mean, variance } = tf.moments(y, [0, 1, 2]);
					const n = tf.batchNorm(y, mean, variance, tf.zeros([3]), c as tf.Tensor1D, 1e-3);
					return tf.sum(tf.mul(tf.relu(n), randomTensor(n.shape, 64)));
				})([x, w, gamma]);
				return g.map((t) => t.dataSync() as Float32Array);
			});
		await useBackend('cpu');
		const cpu = grads();
		await useBackend('wasm');
		const wasm = grads();
		cpu.forEach((c, i) => expect(maxDiff(wasm[i], c)).toBeLessThan(1e-4));
	});
});
