import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { pearson, pearsonTensor } from '$lib/engine/pearson';
import { seededRandom } from '$lib/engine/seededRandom';
import { naivePearson } from './invarianceReference';

beforeAll(async () => {
	expect(await tf.setBackend('cpu')).toBe(true);
});

function randomArray(n: number, seed: number): Float64Array {
	const random = seededRandom(seed);
	return Float64Array.from({ length: n }, () => random() * 4 - 1);
}

describe('pearson', () => {
	it('is 1 for a positive affine copy, −1 for a negative one', () => {
		const a = randomArray(50, 1);
		expect(
			pearson(
				a,
				a.map((v) => 3 * v + 2)
			)
		).toBeCloseTo(1, 12);
		expect(
			pearson(
				a,
				a.map((v) => -0.5 * v + 7)
			)
		).toBeCloseTo(-1, 12);
	});

	it.each([1, 2, 3, 4, 5])('matches the one-pass textbook formula (seed %i)', (seed) => {
		const a = randomArray(200, seed);
		const b = a.map((v, i) => v * 0.3 + Math.sin(i * seed));
		expect(pearson(a, b)).toBeCloseTo(naivePearson(a, b), 10);
	});

	it('hand-computed: [1, 2, 3] against [1, 3, 2] is 0.5', () => {
		expect(pearson([1, 2, 3], [1, 3, 2])).toBeCloseTo(0.5, 12);
	});

	it.each([
		['equal constants', [2, 2, 2], [2, 2, 2], 1],
		['different constants', [2, 2, 2], [3, 3, 3], 0],
		['all zeros', [0, 0, 0, 0], [0, 0, 0, 0], 1],
		['constant against varying', [1, 1, 1], [1, 2, 3], 0],
		['varying against constant', [1, 2, 3], [5, 5, 5], 0],
		['a single value each', [4], [4], 1]
	])('constant input (%s) gives %s', (_name, a, b, expected) => {
		expect(pearson(a, b)).toBe(expected);
	});

	it('refuses arrays of different lengths, and empty ones', () => {
		expect(() => pearson([1, 2], [1])).toThrow(RangeError);
		expect(() => pearson([], [])).toThrow(RangeError);
	});
});

describe('pearsonTensor', () => {
	it('correlates each batch item with the reference, like the float64 formula', async () => {
		const reference = randomArray(60, 9);
		const items = [1, 2, 3].map((seed) => {
			const noise = randomArray(60, 100 + seed);
			return reference.map((v, i) => v + seed * 0.4 * noise[i]);
		});
		const batch = tf.tensor3d(
			items.flatMap((item) => Array.from(item)),
			[3, 6, 10]
		);
		const ref = tf.tensor2d(Array.from(reference), [6, 10]);
		const r = tf.tidy(() => pearsonTensor(batch, ref));
		expect(r.shape).toEqual([3]);
		const got = Array.from(await r.data());
		items.forEach((item, i) => expect(got[i]).toBeCloseTo(naivePearson(item, reference), 5));
		tf.dispose([batch, ref, r]);
	});

	it('handles constant items and a constant reference by the same rules as pearson', async () => {
		const batch = tf.tensor2d([2, 2, 2, 2, 3, 3, 3, 3, 1, 2, 3, 4], [3, 4]);
		const constant = tf.tensor1d([2, 2, 2, 2]);
		const varying = tf.tensor1d([4, 3, 2, 1]);
		const [a, b] = tf.tidy(() => [pearsonTensor(batch, constant), pearsonTensor(batch, varying)]);
		expect(Array.from(await a.data())).toEqual([1, 0, 0]);
		const second = Array.from(await b.data());
		expect(second.slice(0, 2)).toEqual([0, 0]);
		expect(second[2]).toBeCloseTo(-1, 6);
		tf.dispose([batch, constant, varying, a, b]);
	});

	it('refuses a reference of another size', () => {
		const batch = tf.zeros([2, 3]);
		const ref = tf.zeros([4]);
		expect(() => pearsonTensor(batch, ref)).toThrow(RangeError);
		tf.dispose([batch, ref]);
	});

	it('leaves no tensor behind', () => {
		const batch = tf.randomNormal([2, 5, 5]);
		const ref = tf.randomNormal([5, 5]);
		const before = tf.memory().numTensors;
		tf.tidy(() => pearsonTensor(batch, ref)).dispose();
		expect(tf.memory().numTensors).toBe(before);
		tf.dispose([batch, ref]);
	});
});
