import { describe, expect, it } from 'vitest';
import { confusionCellAt, confusionLayout } from '$lib/viz/confusionMatrixChart';
import { saliencyOverlay } from '$lib/viz/saliencyOverlay';

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
