// Procedural scenes: deterministic, in range, masks non-empty and exactly where the shape colour is.
import { describe, expect, it } from 'vitest';
import { proceduralScene } from '../../../../src/lib/engine/segmentation/proceduralScene';

describe('procedural scenes', () => {
	it('the same seed gives the same scene; another seed another one', () => {
		const a = proceduralScene(24, 20, 5);
		const b = proceduralScene(24, 20, 5);
		const c = proceduralScene(24, 20, 6);
		expect(a.rgb).toEqual(b.rgb);
		expect(a.mask).toEqual(b.mask);
		expect(a.rgb).not.toEqual(c.rgb);
	});

	it.each([1, 2, 3, 4, 5, 6, 7, 8])(
		'seed %i: values in [0, 1], a shape that covers 2–80 % of the image',
		(seed) => {
			const s = proceduralScene(48, 64, seed);
			expect(s.rgb.length).toBe(48 * 64 * 3);
			expect(Math.min(...s.rgb)).toBeGreaterThanOrEqual(0);
			expect(Math.max(...s.rgb)).toBeLessThanOrEqual(1);
			const share = s.mask.reduce((n, m) => n + m, 0) / s.mask.length;
			expect(share).toBeGreaterThan(0.02);
			expect(share).toBeLessThan(0.8);
		}
	);

	it('a high-contrast scene separates: shape pixels differ in mean colour from the background', () => {
		const s = proceduralScene(64, 64, 3, { shapes: 1, contrast: 0.9 });
		const mean = (fg: number) => {
			let sum = 0;
			let n = 0;
			for (let i = 0; i < s.mask.length; i++)
				if (s.mask[i] === fg) {
					sum += s.rgb[i * 3] + s.rgb[i * 3 + 1] + s.rgb[i * 3 + 2];
					n++;
				}
			return sum / n;
		};
		expect(Math.abs(mean(1) - mean(0))).toBeGreaterThan(0.3);
	});
});
