import { describe, expect, it } from 'vitest';
import { upscaleNearest } from '$lib/export/upscaleNearest';

/** A w×h image whose pixel (y, x) is [y, x, y + x, 255]. */
function coordinates(width: number, height: number): Uint8ClampedArray {
	const rgba = new Uint8ClampedArray(width * height * 4);
	for (let y = 0; y < height; y++)
		for (let x = 0; x < width; x++) rgba.set([y, x, y + x, 255], (y * width + x) * 4);
	return rgba;
}

const pixel = (rgba: Uint8ClampedArray, width: number, y: number, x: number) =>
	Array.from(rgba.slice((y * width + x) * 4, (y * width + x) * 4 + 4));

describe('upscaleNearest', () => {
	it('2× turns each pixel into a 2×2 block', () => {
		const out = upscaleNearest(coordinates(3, 2), 3, 2, 6, 4);
		expect(out.length).toBe(6 * 4 * 4);
		for (let y = 0; y < 4; y++)
			for (let x = 0; x < 6; x++) {
				const sy = y >> 1;
				const sx = x >> 1;
				expect(pixel(out, 6, y, x)).toEqual([sy, sx, sy + sx, 255]);
			}
	});

	it('a non-integer factor (a stride-2 map back to the working size) picks the nearest source pixel', () => {
		// 2 → 5 columns: sources floor(x · 2 / 5) = 0, 0, 0, 1, 1.
		const out = upscaleNearest(coordinates(2, 1), 2, 1, 5, 1);
		expect([0, 1, 2, 3, 4].map((x) => pixel(out, 5, 0, x)[1])).toEqual([0, 0, 0, 1, 1]);
	});

	it('the same size is a copy, and only exact source values appear (no blending)', () => {
		const source = coordinates(4, 3);
		expect(Array.from(upscaleNearest(source, 4, 3, 4, 3))).toEqual(Array.from(source));
		const big = upscaleNearest(source, 4, 3, 13, 7);
		const seen = new Set<number>();
		for (let i = 0; i < big.length; i += 4) seen.add(big[i] * 1000 + big[i + 1]);
		expect(seen.size).toBe(12);
	});

	it('rejects bad sizes', () => {
		const rgba = new Uint8ClampedArray(8);
		expect(() => upscaleNearest(rgba, 2, 1, 0, 1)).toThrow(/outWidth/);
		expect(() => upscaleNearest(rgba, 2, 1, 2.5, 1)).toThrow(/outWidth/);
		expect(() => upscaleNearest(new Uint8ClampedArray(7), 2, 1, 4, 2)).toThrow(/rgba holds 7/);
	});
});
