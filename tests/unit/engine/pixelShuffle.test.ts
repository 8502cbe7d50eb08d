import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { fcWeights, fullyConnected } from '$lib/engine/fullyConnected';
import { permuteRows, seededPermutation } from '$lib/engine/pixelShuffle';
import { seededRandom } from '$lib/engine/seededRandom';
import { naiveDense } from './invarianceReference';
import { useBackend } from '../tfBackend';

beforeAll(async () => {
	await useBackend('cpu');
});

describe('seededPermutation', () => {
	it.each([0, 1, 2, 10, 4096])('of %i holds every index exactly once', (n) => {
		const perm = seededPermutation(n, 7);
		expect(Array.from(perm).sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));
	});

	it('is fixed by its seed and moves almost every pixel', () => {
		expect(seededPermutation(100, 3)).toEqual(seededPermutation(100, 3));
		expect(seededPermutation(100, 3)).not.toEqual(seededPermutation(100, 4));
		const perm = seededPermutation(4096, 7);
		const fixed = perm.filter((to, from) => to === from).length;
		expect(fixed).toBeLessThan(10); // about 1 expected
	});

	it('refuses a negative or fractional length', () => {
		expect(() => seededPermutation(-1, 1)).toThrow(RangeError);
		expect(() => seededPermutation(2.5, 1)).toThrow(RangeError);
	});
});

describe('permuteRows', () => {
	it('hand-computed: row i goes to perm[i]', () => {
		const perm = Int32Array.from([2, 0, 1]);
		expect(Array.from(permuteRows(Float32Array.from([10, 20, 30]), perm))).toEqual([20, 30, 10]);
		expect(Array.from(permuteRows(Float32Array.from([1, 2, 3, 4, 5, 6]), perm, 2))).toEqual([
			3, 4, 5, 6, 1, 2
		]);
	});

	it('refuses values of the wrong length', () => {
		expect(() => permuteRows(new Float32Array(5), Int32Array.from([0, 1]), 2)).toThrow(RangeError);
	});
});

describe('the permutation identity of a fully connected layer', () => {
	const inputs = 4096;
	const units = 256;
	const weights = fcWeights(inputs, units, 5);
	const random = seededRandom(21);
	const x = Float32Array.from({ length: inputs }, () => random() * 2 - 1);
	const perm = seededPermutation(inputs, 7);

	it('shuffled input · weights permuted the same way = input · weights (max difference < 1e-5)', async () => {
		const plain = tf.tensor2d(x, [1, inputs]);
		const shuffled = tf.tensor2d(permuteRows(x, perm), [1, inputs]);
		const w = tf.tensor2d(weights, [inputs, units]);
		const wPermuted = tf.tensor2d(permuteRows(weights, perm, units), [inputs, units]);
		const [a, b, c] = tf.tidy(() => [
			fullyConnected(plain, w),
			fullyConnected(shuffled, wPermuted),
			fullyConnected(shuffled, w)
		]);
		const [ya, yb, yc] = [await a.data(), await b.data(), await c.data()];
		let maxDiff = 0;
		let maxShuffledOriginal = 0;
		for (let u = 0; u < units; u++) {
			maxDiff = Math.max(maxDiff, Math.abs(ya[u] - yb[u]));
			maxShuffledOriginal = Math.max(maxShuffledOriginal, Math.abs(ya[u] - yc[u]));
		}
		expect(maxDiff).toBeLessThan(1e-5);
		// …while the original weights on the shuffled input give something else entirely.
		expect(maxShuffledOriginal).toBeGreaterThan(0.5);
		// and both agree with the plain loop
		const expected = naiveDense(x, weights, units);
		expected.forEach((v, u) => expect(ya[u]).toBeCloseTo(v, 4));
		tf.dispose([plain, shuffled, w, wPermuted, a, b, c]);
	});
});
