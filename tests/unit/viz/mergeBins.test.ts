import { describe, expect, it } from 'vitest';
import { histogramBins } from '../../../src/lib/viz/histogramBins';
import { mergeBins } from '../../../src/lib/viz/mergeBins';

const map = (values: number[]) => ({
	data: Float32Array.from(values),
	height: 1,
	width: values.length,
	channels: 1
});

describe('mergeBins', () => {
	it('equals binning directly at the coarse count', () => {
		const values = Array.from({ length: 5000 }, (_, i) => (Math.sin(i * 12.9898) * 43758.5453) % 7);
		const direct = histogramBins(map(values), 0, 64);
		const merged = mergeBins(histogramBins(map(values), 0, 1024), 16);
		expect(Array.from(merged.counts)).toEqual(Array.from(direct.counts));
		merged.edges.forEach((edge, i) => expect(edge).toBeCloseTo(direct.edges[i], 9));
		expect(merged.total).toBe(5000);
	});

	it('keeps the statistics', () => {
		const bins = histogramBins(map([1, 2, 3, 4]), 0, 8);
		const merged = mergeBins(bins, 4);
		expect([merged.min, merged.max, merged.mean, merged.std]).toEqual([
			bins.min,
			bins.max,
			bins.mean,
			bins.std
		]);
		expect(Array.from(merged.counts)).toEqual([2, 2]);
	});

	it.each([0, 3, 1.5])('rejects factor %s for 8 bins', (factor) => {
		expect(() => mergeBins(histogramBins(map([1, 2]), 0, 8), factor)).toThrow(RangeError);
	});
});
