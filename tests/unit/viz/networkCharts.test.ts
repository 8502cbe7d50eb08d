import { describe, expect, it } from 'vitest';
import { confusionCellAt, confusionLayout, countFontSize } from '$lib/viz/confusionMatrixChart';
import { saliencyOverlay } from '$lib/viz/saliencyOverlay';
import { logitTickFormat } from '$lib/viz/classScoresChart';
import { scaleLinear } from 'd3';

describe('confusion matrix hit testing', () => {
	it('maps a point to (true, predicted) and outside points to null', () => {
		const layout = confusionLayout(392, 10); // cell = floor((392 − 92 − 8) / 10) = 29
		expect(layout.cell).toBe(29);
		expect(confusionCellAt(layout, 10, 92, 64)).toEqual({ truth: 0, predicted: 0 });
		expect(confusionCellAt(layout, 10, 92 + 29 * 3 + 5, 64 + 29 * 7 + 28)).toEqual({
			truth: 7,
			predicted: 3
		});
		expect(confusionCellAt(layout, 10, 91, 70)).toBeNull();
		expect(confusionCellAt(layout, 10, 100, 64 + 290)).toBeNull();
	});
});

describe('saliencyOverlay', () => {
	it('keeps the gray input where saliency is 0 and tints where it is highest', () => {
		const gray = Float32Array.from([0.5, 0.5, 0.5, 0.5]);
		const rgba = new Uint8ClampedArray(16);
		// 1×2 saliency over a 2×2 input: left column 0, right column max.
		saliencyOverlay(gray, 2, 2, Float32Array.from([0, 3]), 1, 2, rgba);
		expect(Array.from(rgba.subarray(0, 4))).toEqual([128, 128, 128, 255]);
		expect(Array.from(rgba.subarray(8, 12))).toEqual([128, 128, 128, 255]);
		expect(rgba[4]).not.toBe(128);
		expect(() => saliencyOverlay(gray, 2, 2, Float32Array.from([1]), 1, 2, rgba)).toThrow(
			RangeError
		);
	});
});

describe('class scores axis', () => {
	it('labels logit ticks as plain numbers', () => {
		// logits within ±15 (the chart's symmetric, nice domain): ticks every 10
		const wide = scaleLinear().domain([-20, 20]);
		expect(wide.ticks(4).map(logitTickFormat(wide))).toEqual(['−20', '−10', '0', '10', '20']);
		const narrow = scaleLinear().domain([-3, 3]);
		expect(narrow.ticks(4).map(logitTickFormat(narrow))).toEqual(['−2', '0', '2']);
		const small = scaleLinear().domain([-0.5, 0.5]);
		expect(small.ticks(4).map(logitTickFormat(small))).toEqual([
			'−0.4',
			'−0.2',
			'0.0',
			'0.2',
			'0.4'
		]);
	});
});

describe('confusion matrix counts', () => {
	it('are as large as three digits fit in a cell (0.6 em per digit), up to 14 px', () => {
		for (const cell of [20, 29, 44, 60]) {
			const size = countFontSize(cell);
			expect(3 * 0.6 * size).toBeLessThanOrEqual(cell - 1);
			expect(size).toBeGreaterThanOrEqual(Math.min(14, (cell - 2) / 1.9 - 1));
		}
		expect(countFontSize(60)).toBe(14);
		expect(countFontSize(29)).toBe(14);
		expect(countFontSize(20)).toBe(9);
	});
});
