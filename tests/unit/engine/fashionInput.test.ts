// The 28×28 preparation of a photo for the Fashion-MNIST classifier, against values worked out
// by hand and a naive 2×2 block mean.
import { describe, expect, it } from 'vitest';
import { areaResize, fashionInput } from '$lib/engine/fashionInput';

/** [h, w, 3] RGB where every pixel is gray g(y, x). */
function grayImage(h: number, w: number, g: (y: number, x: number) => number): Float32Array {
	const rgb = new Float32Array(h * w * 3);
	for (let y = 0; y < h; y++)
		for (let x = 0; x < w; x++) rgb.fill(g(y, x), (y * w + x) * 3, (y * w + x) * 3 + 3);
	return rgb;
}

describe('fashionInput', () => {
	it('inverts a dark object on a light background into white-on-black, stretched to [0, 1]', () => {
		// 56×56: background 0.9, a dark 28×28 square (0.1) in the middle.
		const rgb = grayImage(56, 56, (y, x) => (y >= 14 && y < 42 && x >= 14 && x < 42 ? 0.1 : 0.9));
		const out = fashionInput(rgb, 56, 56);
		expect(out.inverted).toBe(true);
		expect(out.pixels.length).toBe(28 * 28);
		// Each output pixel averages an exact 2×2 block: inside → 1 after the stretch, outside → 0.
		expect(out.pixels[14 * 28 + 14]).toBeCloseTo(1, 6);
		expect(out.pixels[0]).toBeCloseTo(0, 6);
		expect(out.pixels[7 * 28 + 7]).toBeCloseTo(1, 6);
		expect(out.pixels[6 * 28 + 7]).toBeCloseTo(0, 6);
	});

	it('leaves a dark background alone and takes the centred square of a wide image', () => {
		// 28 high × 84 wide: the centre square is columns 28–55; mark its left column bright.
		const rgb = grayImage(28, 84, (_, x) => (x === 28 ? 1 : x === 0 ? 0.7 : 0));
		const out = fashionInput(rgb, 28, 84);
		expect(out.inverted).toBe(false);
		expect(out.crop).toEqual({ top: 0, left: 28, side: 28 });
		for (let y = 0; y < 28; y++) {
			expect(out.pixels[y * 28]).toBeCloseTo(1, 6);
			expect(out.pixels[y * 28 + 1]).toBeCloseTo(0, 6);
		}
	});

	it('uses the luma of colour (0.299 R + 0.587 G + 0.114 B)', () => {
		// Left half pure green, right half pure red, on 2×2 → after the stretch green is 1, red 0.
		const rgb = new Float32Array(2 * 2 * 3);
		for (const i of [0, 2]) rgb[i * 3 + 1] = 1; // green at (0,0) and (1,0)
		for (const i of [1, 3]) rgb[i * 3] = 1; // red at (0,1) and (1,1)
		const out = fashionInput(rgb, 2, 2, 2);
		// Border mean = (0.587 + 0.299) / 2 < 0.5: not inverted.
		expect(out.inverted).toBe(false);
		expect(Array.from(out.pixels)).toEqual([1, 0, 1, 0]);
	});

	it('a flat image becomes all zeros, not noise', () => {
		const out = fashionInput(
			grayImage(10, 10, () => 0.3),
			10,
			10
		);
		expect(out.pixels.every((v) => v === 0)).toBe(true);
	});

	it('rejects empty and wrongly sized input', () => {
		expect(() => fashionInput(new Float32Array(0), 0, 0)).toThrow(RangeError);
		expect(() => fashionInput(new Float32Array(5), 2, 2)).toThrow(RangeError);
	});
});

describe('areaResize', () => {
	it('equals the naive block mean for an integer factor', () => {
		const side = 12;
		const gray = Float32Array.from({ length: side * side }, (_, i) => ((i * 37) % 11) / 10);
		const out = areaResize(gray, side, 4);
		for (let oy = 0; oy < 4; oy++)
			for (let ox = 0; ox < 4; ox++) {
				let sum = 0;
				for (let y = 0; y < 3; y++)
					for (let x = 0; x < 3; x++) sum += gray[(oy * 3 + y) * side + ox * 3 + x];
				expect(out[oy * 4 + ox]).toBeCloseTo(sum / 9, 6);
			}
	});

	it('equals each output pixel’s overlap-weighted mean at ratios that do not divide (17 → 5, 300 → 28)', () => {
		for (const [side, out] of [
			[17, 5],
			[300, 28]
		]) {
			const gray = Float32Array.from({ length: side * side }, (_, i) => Math.sin(i * 0.37) ** 2);
			const result = areaResize(gray, side, out);
			const scale = side / out;
			const overlap = (i: number, a0: number) => Math.min(i + 1, a0 + scale) - Math.max(i, a0);
			for (const [oy, ox] of [
				[0, 0],
				[1, out - 1],
				[Math.floor(out / 2), 2],
				[out - 1, out - 1]
			]) {
				let sum = 0;
				let area = 0;
				for (let y = 0; y < side; y++)
					for (let x = 0; x < side; x++) {
						const w = Math.max(0, overlap(y, oy * scale)) * Math.max(0, overlap(x, ox * scale));
						sum += gray[y * side + x] * w;
						area += w;
					}
				expect(result[oy * out + ox]).toBeCloseTo(sum / area, 5);
			}
		}
	});

	it('weights partial pixels by their overlap (3 → 2)', () => {
		// Row 0 of a 3×3 is [0, 3, 6]: output (0,0) covers x ∈ [0, 1.5), y ∈ [0, 1.5).
		const gray = Float32Array.from([0, 3, 6, 0, 3, 6, 0, 3, 6]);
		const out = areaResize(gray, 3, 2);
		expect(out[0]).toBeCloseTo((0 * 1 + 3 * 0.5) / 1.5, 6);
		expect(out[1]).toBeCloseTo((3 * 0.5 + 6 * 1) / 1.5, 6);
	});
});
