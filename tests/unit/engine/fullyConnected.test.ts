import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
	areaResizeMatrix,
	FC_SIDE,
	FC_UNITS,
	fcInput,
	fcWeights,
	fullyConnected
} from '$lib/engine/fullyConnected';
import { seededRandom } from '$lib/engine/seededRandom';
import { naiveAreaResize, naiveDense, naiveStandardize, plane } from './invarianceReference';
import { useBackend } from '../tfBackend';

beforeAll(async () => {
	await useBackend('cpu');
});

describe('fcWeights', () => {
	it('is seeded: the same seed gives the same layer, another seed another', () => {
		expect(fcWeights(10, 4, 3)).toEqual(fcWeights(10, 4, 3));
		expect(fcWeights(10, 4, 3)).not.toEqual(fcWeights(10, 4, 4));
	});

	it('has variance about 1 / inputs (LeCun initialization)', () => {
		const w = fcWeights(400, 50, 1);
		const mean = w.reduce((s, v) => s + v, 0) / w.length;
		const variance = w.reduce((s, v) => s + (v - mean) ** 2, 0) / w.length;
		expect(Math.abs(mean)).toBeLessThan(0.003);
		expect(variance * 400).toBeGreaterThan(0.95);
		expect(variance * 400).toBeLessThan(1.05);
	});

	it('the lab layer is 256 units on a 64×64 grid: 1 M weights, 4 MB', () => {
		expect([FC_UNITS, FC_SIDE]).toEqual([256, 64]);
		expect(FC_SIDE * FC_SIDE * FC_UNITS * 4).toBe(4 * 1024 * 1024);
	});

	it('refuses non-positive sizes', () => {
		expect(() => fcWeights(0, 4, 1)).toThrow(RangeError);
		expect(() => fcWeights(3, 1.5, 1)).toThrow(RangeError);
	});
});

describe('areaResizeMatrix', () => {
	it('hand-computed: 5 → 2 weights each sample by its overlap', () => {
		// [0, 2.5) and [2.5, 5): sample 2 is half in each
		const expected = [1, 1, 0.5, 0, 0, 0, 0, 0.5, 1, 1].map((v) => v / 2.5);
		Array.from(areaResizeMatrix(5, 2)).forEach((v, i) => expect(v).toBeCloseTo(expected[i], 7));
	});

	it('n → n is the identity, and every row sums to 1', () => {
		const identity = areaResizeMatrix(4, 4);
		expect(Array.from(identity)).toEqual([1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1]);
		for (const [n, m] of [
			[512, 64],
			[300, 64],
			[7, 64],
			[13, 5]
		]) {
			const matrix = areaResizeMatrix(n, m);
			for (let j = 0; j < m; j++) {
				let sum = 0;
				for (let i = 0; i < n; i++) sum += matrix[j * n + i];
				expect(sum).toBeCloseTo(1, 5);
			}
		}
	});
});

describe('fcInput', () => {
	it.each([
		[12, 9, 4],
		[5, 7, 3],
		[16, 16, 8],
		[30, 45, 8]
	])('%i×%i → %i×%i area average, then standardized', (height, width, side) => {
		const random = seededRandom(height * width);
		const image = plane(height, width, 1, () => random());
		const got = fcInput(Float32Array.from(image.data), height, width, side);
		expect(got).toHaveLength(side * side);
		const expected = naiveStandardize(naiveAreaResize(image, side).data);
		expected.forEach((v, i) => expect(got[i]).toBeCloseTo(v, 4));
	});

	it('a constant image becomes zeros, not NaN', () => {
		expect(fcInput(new Float32Array(64).fill(0.7), 8, 8, 4).every((v) => v === 0)).toBe(true);
	});

	it('the result has zero mean and unit variance', () => {
		const random = seededRandom(2);
		const got = fcInput(
			Float32Array.from({ length: 100 }, () => random()),
			10,
			10,
			5
		);
		const mean = got.reduce((s, v) => s + v, 0) / got.length;
		const variance = got.reduce((s, v) => s + (v - mean) ** 2, 0) / got.length;
		expect(mean).toBeCloseTo(0, 6);
		expect(variance).toBeCloseTo(1, 5);
	});

	it('refuses a luma of the wrong size', () => {
		expect(() => fcInput(new Float32Array(5), 2, 3)).toThrow(RangeError);
	});
});

describe('fullyConnected', () => {
	it('is x · W, like the loop over inputs and units', async () => {
		const inputs = 30;
		const units = 7;
		const weights = fcWeights(inputs, units, 11);
		const random = seededRandom(4);
		const x = Float32Array.from({ length: 2 * inputs }, () => random() - 0.5);
		const xt = tf.tensor2d(x, [2, inputs]);
		const wt = tf.tensor2d(weights, [inputs, units]);
		const out = tf.tidy(() => fullyConnected(xt, wt));
		const got = await out.data();
		for (let b = 0; b < 2; b++) {
			const expected = naiveDense(x.subarray(b * inputs, (b + 1) * inputs), weights, units);
			expected.forEach((v, u) => expect(got[b * units + u]).toBeCloseTo(v, 5));
		}
		tf.dispose([xt, wt, out]);
	});

	it('refuses an input of the wrong length', () => {
		const x = tf.zeros([1, 3]) as tf.Tensor2D;
		const w = tf.zeros([4, 2]) as tf.Tensor2D;
		expect(() => fullyConnected(x, w)).toThrow(RangeError);
		tf.dispose([x, w]);
	});

	it('leaves no tensor behind', () => {
		const x = tf.randomUniform([2, 16]) as tf.Tensor2D;
		const w = tf.randomNormal([16, 5]) as tf.Tensor2D;
		const before = tf.memory().numTensors;
		tf.tidy(() => fullyConnected(x, w)).dispose();
		expect(tf.memory().numTensors).toBe(before);
		tf.dispose([x, w]);
	});
});
