import { describe, expect, it } from 'vitest';
import { rgbToRgba } from '$lib/viz/rgbToRgba';

describe('rgbToRgba', () => {
	it('converts RGB in [0, 1] to opaque bytes, clamping and zeroing NaN', () => {
		const rgb = new Float32Array([0, 0.5, 1, 1.2, -0.1, NaN, 0.2, 0.4, 0.6]);
		// 0.5·255 = 127.5 → 128 (Uint8ClampedArray rounds half to even); 0.2·255 = 51
		expect(Array.from(rgbToRgba(rgb, 1, 3))).toEqual([
			0, 128, 255, 255, 255, 0, 0, 255, 51, 102, 153, 255
		]);
	});

	it('repeats a single gray channel into R, G and B', () => {
		expect(Array.from(rgbToRgba(new Float32Array([0.2, 1]), 2, 1))).toEqual([
			51, 51, 51, 255, 255, 255, 255, 255
		]);
	});

	it('writes into the given buffer', () => {
		const out = new Uint8ClampedArray(4);
		expect(rgbToRgba(new Float32Array([1, 0, 0]), 1, 1, out)).toBe(out);
		expect(Array.from(out)).toEqual([255, 0, 0, 255]);
	});

	it.each([
		{ name: '2 channels', run: () => rgbToRgba(new Float32Array(4), 1, 2), error: /neither/ },
		{ name: 'bad size', run: () => rgbToRgba(new Float32Array(3), 1.5, 2), error: /size/ },
		{
			name: 'wrong out length',
			run: () => rgbToRgba(new Float32Array(3), 1, 1, new Uint8ClampedArray(3)),
			error: /expected 4/
		}
	])('throws on $name', ({ run, error }) => {
		expect(run).toThrow(error);
	});
});
