// The classifier half of the lab on a small Fashion-MNIST subset (500 training images, 2,000
// test images, a 4-point learning-rate grid), on WASM (the backend the lab's worker trains on;
// softmaxRegression.test.ts checks its step against plain loops): the orderings — steps to a training loss
// below 0.6 raw > centred ≥ standardised > whitened, and whitening generalises worse than
// centring — and the tensor count back at its baseline. Orderings only, not the digits.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import {
	covarianceEigen,
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

beforeAll(async () => {
	expect(await tf.setBackend('wasm')).toBe(true);
	const before = tf.memory().numTensors;
	const train = shippedFashion('train', 500);
	const test = shippedFashion('test', 2000);
	const stats = pixelStatistics(train.images, train.count);
	const eigen = covarianceEigen(stats);
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

	it('leaves no tensor behind', () => {
		expect(leaked).toBe(0);
	});
});
