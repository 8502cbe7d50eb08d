import { describe, expect, it } from 'vitest';
import { histogramBins } from '../../../src/lib/viz/histogramBins';
import { robustRange } from '../../../src/lib/viz/robustRange';

function binsOf(values: number[], binCount = 1000) {
	return histogramBins(
		{ data: Float32Array.from(values), height: 1, width: values.length, channels: 1 },
		0,
		binCount
	);
}

describe('robustRange', () => {
	it('ignores a few extreme values', () => {
		// 0..999 plus two outliers: the 1 % tails land near 10 and 990, not at ±1e4.
		const values = [...Array.from({ length: 1000 }, (_, i) => i), -10_000, 10_000];
		const [lo, hi] = robustRange(binsOf(values, 4000), 0.01);
		expect(lo).toBeGreaterThan(-100);
		expect(lo).toBeLessThan(30);
		expect(hi).toBeGreaterThan(970);
		expect(hi).toBeLessThan(1100);
	});

	it('returns the full range with tail 0', () => {
		expect(robustRange(binsOf([-3, 1, 2, 7]), 0)).toEqual([-3, 7]);
	});

	it('stays inside [min, max] and ordered', () => {
		const [lo, hi] = robustRange(binsOf([5, 5, 5, 5]), 0.05);
		expect(lo).toBeGreaterThanOrEqual(5);
		expect(hi).toBeLessThanOrEqual(5);
		expect(lo).toBeLessThanOrEqual(hi);
	});

	it('matches the exact quantiles of uniform data', () => {
		const values = Array.from({ length: 10_001 }, (_, i) => i / 10_000);
		const [lo, hi] = robustRange(binsOf(values, 1000), 0.1);
		expect(lo).toBeCloseTo(0.1, 2);
		expect(hi).toBeCloseTo(0.9, 2);
	});
});
