import { describe, expect, it } from 'vitest';
import { pearson } from '$lib/engine/pearson';
import { seededRandom } from '$lib/engine/seededRandom';
import { naivePearson } from './invarianceReference';

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

	it('is accurate on a million float32 values with a large offset', () => {
		const random = seededRandom(77);
		const a = Float32Array.from({ length: 1_000_000 }, () => 1000 + random());
		const b = a.map((v, i) => v + (i % 7) * 1e-3);
		// The reference removes the offset first (exactly, in float64): the one-pass formula
		// itself would lose digits to cancellation here, which is what the test is about.
		const centred = (x: Float32Array) => Float64Array.from(x, (v) => v - 1000);
		expect(pearson(a, b)).toBeCloseTo(naivePearson(centred(a), centred(b)), 9);
	});

	it('refuses arrays of different lengths, and empty ones', () => {
		expect(() => pearson([1, 2], [1])).toThrow(RangeError);
		expect(() => pearson([], [])).toThrow(RangeError);
	});
});
