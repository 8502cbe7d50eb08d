import { describe, expect, it } from 'vitest';
import { seededNormal, seededRandom } from '$lib/engine/seededRandom';

const take = (next: () => number, n: number) => Array.from({ length: n }, next);

describe('seededRandom', () => {
	it('repeats the same sequence for the same seed', () => {
		expect(take(seededRandom(42), 20)).toEqual(take(seededRandom(42), 20));
	});

	it.each([
		[1, 2],
		[0, 1],
		[42, 43]
	])('seeds %i and %i give different sequences', (a, b) => {
		expect(take(seededRandom(a), 5)).not.toEqual(take(seededRandom(b), 5));
	});

	it('is uniform on [0, 1)', () => {
		const values = take(seededRandom(7), 20_000);
		expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
		expect(Math.max(...values)).toBeLessThan(1);
		const mean = values.reduce((s, v) => s + v, 0) / values.length;
		expect(mean).toBeCloseTo(0.5, 1);
		// Each tenth of the interval gets about a tenth of the values.
		const bins = new Array(10).fill(0);
		for (const v of values) bins[Math.floor(v * 10)]++;
		for (const count of bins) expect(Math.abs(count - 2000)).toBeLessThan(200);
	});
});

describe('seededNormal', () => {
	it('repeats the same sequence for the same seed', () => {
		expect(take(seededNormal(3), 21)).toEqual(take(seededNormal(3), 21));
	});

	it('has mean 0 and variance 1', () => {
		const values = take(seededNormal(11), 20_000);
		const mean = values.reduce((s, v) => s + v, 0) / values.length;
		const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length;
		expect(Math.abs(mean)).toBeLessThan(0.03);
		expect(Math.abs(variance - 1)).toBeLessThan(0.05);
		// About 68 % within one standard deviation.
		const within = values.filter((v) => Math.abs(v) < 1).length / values.length;
		expect(Math.abs(within - 0.6827)).toBeLessThan(0.015);
		expect(values.every(Number.isFinite)).toBe(true);
	});
});
