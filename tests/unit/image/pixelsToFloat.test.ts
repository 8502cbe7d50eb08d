import { describe, expect, it } from 'vitest';
import { hasTransparency, lumaOf, rgbaToFloatRgb } from '$lib/image/pixelsToFloat';

describe('rgbaToFloatRgb', () => {
	it.each([
		// [R, G, B, A] → expected floats, from c' = (c·a + 255·(1 − a)) / 255 with a = A/255
		[
			[0, 0, 0, 0],
			[1, 1, 1]
		], // fully transparent black → white
		[
			[200, 10, 99, 0],
			[1, 1, 1]
		], // colour under alpha 0 does not matter
		[
			[0, 0, 0, 255],
			[0, 0, 0]
		], // opaque: unchanged
		[
			[255, 128, 51, 255],
			[1, 128 / 255, 0.2]
		],
		[
			[0, 255, 100, 128],
			[127 / 255, 1, (100 * 128 + 255 * 127) / 65025]
		], // half over white
		[
			[255, 255, 255, 1],
			[1, 1, 1]
		],
		[
			[0, 0, 0, 1],
			[254 / 255, 254 / 255, 254 / 255]
		]
	])('%j → %j', (rgba, expected) => {
		const rgb = rgbaToFloatRgb(Uint8ClampedArray.from(rgba), 1, 1);
		expect(rgb).toBeInstanceOf(Float32Array);
		expect(rgb.length).toBe(3);
		rgb.forEach((value, c) => expect(value).toBeCloseTo(expected[c], 6));
	});

	it('keeps [height, width, 3] row-major order and accepts a Uint8Array', () => {
		// 2 wide × 1 high: a red opaque pixel, then a transparent one.
		const rgb = rgbaToFloatRgb(Uint8Array.of(255, 0, 0, 255, 0, 0, 255, 0), 2, 1);
		expect(Array.from(rgb)).toEqual([1, 0, 0, 1, 1, 1]);
	});

	it('handles an empty image', () => {
		expect(rgbaToFloatRgb(new Uint8Array(0), 0, 0).length).toBe(0);
	});

	it.each([
		[7, 1, 1],
		[8, 1, 1],
		[4, 1, 1.5],
		[4, -1, -1]
	])('rejects %i values for %s×%s', (length, width, height) => {
		expect(() => rgbaToFloatRgb(new Uint8Array(length), width, height)).toThrow(RangeError);
	});
});

describe('lumaOf', () => {
	it.each([
		[[1, 0, 0], 0.299],
		[[0, 1, 0], 0.587],
		[[0, 0, 1], 0.114],
		[[1, 1, 1], 1],
		[[0, 0, 0], 0],
		[[0.5, 0.25, 1], 0.299 * 0.5 + 0.587 * 0.25 + 0.114]
	])('%j → %f', (rgb, expected) => {
		const luma = lumaOf(Float32Array.from(rgb), 1, 1);
		expect(luma).toBeInstanceOf(Float32Array);
		expect(luma[0]).toBeCloseTo(expected, 6);
	});

	it('maps [height, width, 3] to [height, width] pixel by pixel', () => {
		// 1 wide × 3 high: red, green, blue.
		const luma = lumaOf(Float32Array.of(1, 0, 0, 0, 1, 0, 0, 0, 1), 1, 3);
		expect(Array.from(luma).map((v) => Number(v.toFixed(6)))).toEqual([0.299, 0.587, 0.114]);
	});

	it('rejects a buffer that does not match the size', () => {
		expect(() => lumaOf(new Float32Array(6), 1, 1)).toThrow(RangeError);
	});
});

describe('hasTransparency', () => {
	it.each([
		[[], false],
		[[0, 0, 0, 255], false],
		[[0, 0, 0, 255, 9, 9, 9, 255], false],
		[[0, 0, 0, 255, 9, 9, 9, 254], true],
		// An opaque colour value of 0 in RGB must not be mistaken for alpha.
		[[255, 255, 255, 0], true]
	])('%j → %s', (rgba, expected) => {
		expect(hasTransparency(Uint8ClampedArray.from(rgba))).toBe(expected);
	});
});
