// The classifier half of the lab on a small Fashion-MNIST subset (500 training images, 2,000
// test images, a 4-point learning-rate grid), on WASM (the backend the lab's worker trains on;
// softmaxRegression.test.ts checks its step against plain loops): the orderings — steps to a training loss
// below 0.6 raw > centred ≥ standardised > whitened, and whitening generalises worse than
// centring — and the tensor count back at its baseline. Orderings only, not the digits.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import {
	applyFashionTransform,
	covarianceEigen,
	FASHION_ZCA_EPSILON,
	fashionTransform,
	pixelStatistics
} from '$lib/engine/normalization/fashionPreprocessing';
import {
	runFashionPreprocessing,
	type FashionRun
} from '$lib/engine/normalization/fashionNormalization';
import { PREPROCESSINGS, type Preprocessing } from '$lib/engine/normalization/preprocessing';
import { shippedFashion } from './fashionData';

// A shared 2-core machine: room, not a speed limit.
vi.setConfig({ testTimeout: 600_000 });

const runs = {} as Record<Preprocessing, FashionRun>;
let leaked = 0;
let whitenedVariances: { got: number; expected: number }[] = [];

beforeAll(async () => {
	expect(await tf.setBackend('wasm')).toBe(true);
	const before = tf.memory().numTensors;
	const train = shippedFashion('train', 500);
	const test = shippedFashion('test', 2000);
	const stats = pixelStatistics(train.images, train.count);
	const eigen = covarianceEigen(stats);
	// the whitened training images' covariance along the top eigen-directions
	const whitened = tf.tidy(() =>
		applyFashionTransform(
			tf.tensor2d(train.images, [train.count, 784]),
			fashionTransform('whitened', stats, eigen)
		)
	);
	const whitenedStats = pixelStatistics(Float32Array.from(whitened.dataSync()), train.count);
	whitened.dispose();
	whitenedVariances = Array.from({ length: 30 }, (_, k) => {
		const v = eigen.vectors.subarray(k * 784, (k + 1) * 784);
		let q = 0;
		for (let i = 0; i < 784; i++) {
			let r = 0;
			for (let j = 0; j < 784; j++) r += whitenedStats.covariance[i * 784 + j] * v[j];
			q += v[i] * r;
		}
		return { got: q, expected: eigen.values[k] / (eigen.values[k] + FASHION_ZCA_EPSILON) };
	});
	for (const p of PREPROCESSINGS)
		runs[p] = runFashionPreprocessing(train, test, fashionTransform(p, stats, eigen), {
			gridExponents: [-10, -5, 0, 5]
		});
	leaked = tf.memory().numTensors - before;
}, 600_000);

describe('softmax regression on Fashion-MNIST, five preprocessings', () => {
	const steps = (p: Preprocessing) => runs[p].stepsToThreshold[runs[p].best] ?? Infinity;

	it('every run starts at ln 10 and its best rate brings the loss below 0.6 in 100 steps', () => {
		for (const p of PREPROCESSINGS) {
			expect(runs[p].losses[0]).toBeCloseTo(Math.log(10), 4);
			expect(steps(p)).toBeLessThanOrEqual(100);
		}
	});

	it('steps to loss < 0.6: raw (0–1 and 0–255) > centred ≥ standardised > whitened', () => {
		expect(steps('raw01')).toBeGreaterThan(steps('centred'));
		expect(steps('raw255')).toBeGreaterThan(steps('centred'));
		expect(steps('centred')).toBeGreaterThanOrEqual(steps('standardised'));
		expect(steps('standardised')).toBeGreaterThan(steps('whitened'));
		expect(steps('whitened')).toBeLessThanOrEqual(3);
	});

	it('whitening fits fastest but generalises worse than centring (Wadia et al. 2021)', () => {
		expect(runs.whitened.losses[100]).toBeLessThan(runs.centred.losses[100]);
		expect(runs.whitened.testAccuracy).toBeLessThan(runs.centred.testAccuracy);
		for (const p of PREPROCESSINGS) expect(runs[p].testAccuracy).toBeGreaterThan(0.6);
	});

	it('raw 0–255 needs a ~255² smaller learning rate than raw 0–1 (the bias input stays 1)', () => {
		const ratio = runs.raw255.lambdaMax / runs.raw01.lambdaMax / 255 ** 2;
		expect(ratio).toBeGreaterThan(0.95);
		expect(ratio).toBeLessThan(1.05);
	});

	it('ZCA on 784 pixels: variance λ/(λ + ε) along each of the top 30 eigen-directions', () => {
		for (const { got, expected } of whitenedVariances) expect(got).toBeCloseTo(expected, 3);
		// the top directions come out with variance near 1: κ ≈ 1 where the data lives
		expect(whitenedVariances[0].got).toBeGreaterThan(0.99);
	});

	it('leaves no tensor behind', () => {
		expect(leaked).toBe(0);
	});
});
