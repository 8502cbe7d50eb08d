// Batch norm, noisy batch norm and the percentile tracker against hand-computed values, BN's
// gradient against finite differences and on WASM against CPU (negative, zero and tied inputs).
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { batchNormTrain, BN_EPSILON, normalize } from '$lib/engine/batchNorm/batchNorm';
import { noisyBatchNorm, NOISE } from '$lib/engine/batchNorm/noisyBatchNorm';
import { percentiles } from '$lib/engine/batchNorm/percentiles';
import { seededNormal, seededRandom } from '$lib/engine/seededRandom';
import { onCpuThenWasm } from '../gradientCheck';
import { useBackend } from '../../tfBackend';

beforeAll(() => useBackend('cpu'));

describe('batch norm forward', () => {
	it('training mode: each feature standardised with the batch’s own mean and biased variance', () => {
		const start = tf.memory().numTensors;
		// Feature 0: 1, 3 → mean 2, variance 1. Feature 1: 2, 6 → mean 4, variance 4.
		const x = tf.tensor2d([1, 2, 3, 6], [2, 2]);
		const gamma = tf.tensor1d([2, 1]);
		const beta = tf.tensor1d([0.5, -1]);
		const { y, mean, variance } = batchNormTrain(x, gamma, beta);
		expect(Array.from(mean.dataSync())).toEqual([2, 4]);
		expect(Array.from(variance.dataSync())).toEqual([1, 4]);
		const s0 = 1 / Math.sqrt(1 + BN_EPSILON);
		const s1 = 2 / Math.sqrt(4 + BN_EPSILON);
		const expected = [2 * -s0 + 0.5, -s1 - 1, 2 * s0 + 0.5, s1 - 1];
		Array.from(y.dataSync()).forEach((v, i) => expect(v).toBeCloseTo(expected[i], 5));
		tf.dispose([x, gamma, beta, y, mean, variance]);
		expect(tf.memory().numTensors).toBe(start);
	});

	it('inference mode uses the running statistics given, not the batch’s', () => {
		const out = tf.tidy(() =>
			normalize(
				tf.tensor2d([5, 5], [2, 1]),
				tf.tensor1d([3]),
				tf.tensor1d([4]),
				tf.tensor1d([1]),
				tf.tensor1d([0])
			)
		);
		// (5 − 3) / √(4 + ε) for both samples, although the batch itself has variance 0.
		Array.from(out.dataSync()).forEach((v) =>
			expect(v).toBeCloseTo(2 / Math.sqrt(4 + BN_EPSILON), 5)
		);
		out.dispose();
	});

	it('a batch of 2 normalises each feature to ±1 whatever the values: the batch dependence', () => {
		const y = tf.tidy(
			() => batchNormTrain(tf.tensor2d([10, -3, 10.5, 40], [2, 2]), tf.ones([2]), tf.zeros([2])).y
		);
		const v = y.dataSync();
		expect(Math.abs(v[0])).toBeCloseTo(1, 1);
		expect(Math.abs(v[3])).toBeCloseTo(1, 2);
		y.dispose();
	});
});

describe('batch norm gradient', () => {
	// Negative, zero and tied values in one batch.
	const X = [-2, 0, 0, 1, -2, 3, 0, 0.5, 4, -1, -2, 0];
	const loss = (x: tf.Tensor, gamma: tf.Tensor, beta: tf.Tensor) => {
		const weights = tf.tensor2d(
			[0.3, -1.2, 0.7, 2, -0.4, 0.1, 1.5, -0.8, 0.9, -1.1, 0.2, 0.6],
			[4, 3]
		);
		return tf.sum(tf.mul(batchNormTrain(x, gamma, beta).y, weights)) as tf.Scalar;
	};

	it('matches finite differences (float64 plain loops of the forward pass)', () => {
		const grads = tf.tidy(() => {
			const x = tf.tensor2d(X, [4, 3]);
			const g = tf.grads((a: tf.Tensor, b: tf.Tensor, c: tf.Tensor) => loss(a, b, c))([
				x,
				tf.tensor1d([1.5, 0.5, 2]),
				tf.tensor1d([0, 0.1, -0.2])
			]);
			return g.map((t) => Array.from(t.dataSync()));
		});
		// The same loss in float64, by hand.
		const W = [0.3, -1.2, 0.7, 2, -0.4, 0.1, 1.5, -0.8, 0.9, -1.1, 0.2, 0.6];
		const f = (x: number[], gamma: number[]) => {
			let total = 0;
			for (let c = 0; c < 3; c++) {
				const col = [0, 1, 2, 3].map((n) => x[n * 3 + c]);
				const mean = col.reduce((a, b) => a + b) / 4;
				const variance = col.reduce((a, b) => a + (b - mean) ** 2, 0) / 4;
				col.forEach(
					(v, n) =>
						(total += ((gamma[c] * (v - mean)) / Math.sqrt(variance + BN_EPSILON)) * W[n * 3 + c])
				);
			}
			return total;
		};
		const h = 1e-5;
		const gamma = [1.5, 0.5, 2];
		X.forEach((_, i) => {
			const up = [...X];
			const down = [...X];
			up[i] += h;
			down[i] -= h;
			expect(grads[0][i]).toBeCloseTo((f(up, gamma) - f(down, gamma)) / (2 * h), 2);
		});
		gamma.forEach((_, c) => {
			const up = [...gamma];
			const down = [...gamma];
			up[c] += h;
			down[c] -= h;
			expect(grads[1][c]).toBeCloseTo((f(X, up) - f(X, down)) / (2 * h), 3);
		});
		// β adds a constant per feature: its gradient is the column sum of the weights.
		[0, 1, 2].forEach((c) =>
			expect(grads[2][c]).toBeCloseTo(W[c] + W[3 + c] + W[6 + c] + W[9 + c], 5)
		);
	});

	it('is the same on WASM (started as the app starts it) as on CPU', async () => {
		const { cpu, wasm } = await onCpuThenWasm(() =>
			tf.tidy(() => {
				const g = tf.grads((a: tf.Tensor, b: tf.Tensor, c: tf.Tensor) => loss(a, b, c))([
					tf.tensor2d(X, [4, 3]),
					tf.tensor1d([1.5, 0.5, 2]),
					tf.tensor1d([0, 0.1, -0.2])
				]);
				return g.map((t) => Array.from(t.dataSync()));
			})
		);
		cpu.forEach((values, k) => values.forEach((v, i) => expect(wasm[k][i]).toBeCloseTo(v, 4)));
		await useBackend('cpu');
	});
});

describe('noisy batch norm (Santurkar et al.)', () => {
	it('shifts each unit’s mean within ±shift and scales it by 1…scaleMax, afresh at every step', () => {
		const random = seededRandom(3);
		const normal = seededNormal(4);
		const steps = 200;
		const means: number[] = [];
		for (let step = 0; step < steps; step++) {
			const out = tf.tidy(() => noisyBatchNorm(tf.zeros([500, 1]) as tf.Tensor2D, random, normal));
			const v = Array.from(out.dataSync());
			const mean = v.reduce((a, b) => a + b, 0) / v.length;
			const sd = Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / v.length);
			expect(Math.abs(mean)).toBeLessThanOrEqual(NOISE.shift + 0.03);
			// y = 0: what is left is s · ε, sd between sampleSd and scaleMax · sampleSd.
			expect(sd).toBeGreaterThan(NOISE.sampleSd * 0.85);
			expect(sd).toBeLessThan(NOISE.sampleSd * NOISE.scaleMax * 1.15);
			means.push(mean);
			out.dispose();
		}
		// The shifts are uniform on ±shift: their variance is shift² / 3.
		const m = means.reduce((a, b) => a + b) / steps;
		const variance = means.reduce((a, b) => a + (b - m) ** 2, 0) / steps;
		expect(variance).toBeGreaterThan((NOISE.shift ** 2 / 3) * 0.7);
		expect(variance).toBeLessThan((NOISE.shift ** 2 / 3) * 1.3);
	});
});

describe('percentiles', () => {
	it('interpolates between ranks as NumPy does', () => {
		const values = Array.from({ length: 100 }, (_, i) => 100 - i); // 1…100, shuffled order
		// np.percentile(np.arange(1, 101), [15, 50, 85]) = [15.85, 50.5, 85.15]
		percentiles(values).forEach((v, i) => expect(v).toBeCloseTo([15.85, 50.5, 85.15][i], 10));
		expect(percentiles([7])).toEqual([7, 7, 7]);
		expect(percentiles([]).every(Number.isNaN)).toBe(true);
	});

	it('agrees with a sort on random values at the exact ranks', () => {
		const random = seededRandom(9);
		const values = Array.from({ length: 101 }, () => random() * 10 - 5);
		const sorted = [...values].sort((a, b) => a - b);
		expect(percentiles(values, [0, 15, 50, 85, 100])).toEqual([
			sorted[0],
			sorted[15],
			sorted[50],
			sorted[85],
			sorted[100]
		]);
	});
});
