import { describe, expect, it } from 'vitest';
import { windowPixels } from '$lib/viz/windowPixels';

// A 3×4 image whose luma at (y, x) is (10y + x) / 100 and whose RGB channels are distinct.
const width = 4;
const height = 3;
const luma = Float32Array.from({ length: 12 }, (_, i) => (10 * Math.floor(i / 4) + (i % 4)) / 100);
const rgb = Float32Array.from({ length: 36 }, (_, j) => (j % 3 === 0 ? 1 : j % 3 === 1 ? 0.5 : 0));
const image = { width, height, luma, rgb };

/** Taps of a k×k window with dilation d whose top-left tap reads (y0, x0). */
function tapsAt(y0: number, x0: number, k: number, d: number) {
	const taps = [];
	for (let ky = 0; ky < k; ky++)
		for (let kx = 0; kx < k; kx++) {
			const iy = y0 + ky * d;
			const ix = x0 + kx * d;
			taps.push({ iy, ix, inPadding: iy < 0 || iy >= height || ix < 0 || ix >= width });
		}
	return taps;
}

describe('windowPixels', () => {
	it('reads the luma under each tap, row-major, with dilation gaps skipped', () => {
		const { size, pixels } = windowPixels(tapsAt(0, 0, 2, 2), image, 'gray');
		expect(size).toBe(2);
		expect(pixels.map((p) => [p.ky, p.kx, p.iy, p.ix])).toEqual([
			[0, 0, 0, 0],
			[0, 1, 0, 2],
			[1, 0, 2, 0],
			[1, 1, 2, 2]
		]);
		expect(pixels.map((p) => p.values[0])).toEqual([0, 0.02, 0.2, 0.22].map(Math.fround));
		expect(pixels[3].color).toBe(`rgb(${Math.round(Math.fround(0.22) * 255)}, 56, 56)`);
	});

	it('gives zeros in the padding and marks it', () => {
		const { pixels } = windowPixels(tapsAt(-1, 2, 3, 1), image, 'gray');
		expect(pixels.filter((p) => p.inPadding).map((p) => [p.iy, p.ix])).toEqual([
			[-1, 2],
			[-1, 3],
			[-1, 4],
			[0, 4],
			[1, 4]
		]);
		for (const p of pixels.filter((p) => p.inPadding)) expect(p.values).toEqual([0]);
		expect(pixels[4].values).toEqual([Math.fround(0.03)]); // (0, 3)
	});

	it('reads R, G, B in RGB mode', () => {
		const { pixels } = windowPixels(tapsAt(1, 1, 1, 1), image, 'rgb');
		expect(pixels[0].values).toEqual([1, 0.5, 0]);
		expect(pixels[0].color).toBe('rgb(255, 128, 0)');
	});

	it('rejects a tap count that is not a square', () => {
		expect(() => windowPixels(tapsAt(0, 0, 2, 1).slice(0, 3), image, 'gray')).toThrow(/k² taps/);
	});
});
