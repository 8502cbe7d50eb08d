import { describe, expect, it } from 'vitest';
import { colorLut, mapToRgba, NAN_RGBA, type ColorScaleSpec } from '$lib/viz/colorScale';
import { paintMap } from '$lib/viz/heatmap';
import { seededRandom } from '$lib/engine/seededRandom';

const asBytes = (pixels: Uint32Array) => new Uint8ClampedArray(pixels.buffer);

describe('paintMap', () => {
	const random = seededRandom(7);
	const values = Float32Array.from({ length: 5 * 7 * 2 }, () => random() * 4 - 2);
	values[3] = NaN;
	values[8] = Infinity;
	values[9] = -Infinity;
	values[10] = 1; // exactly the top of [-1, 1]
	const map = { data: values, height: 5, width: 7, channels: 2 };

	it.each<ColorScaleSpec>([
		{ kind: 'diverging', domain: [-1, 1] },
		{ kind: 'sequential', domain: [-0.5, 2] },
		{ kind: 'gray', domain: [0, 1] },
		{ kind: 'sequential', domain: [0.3, 0.3] }, // degenerate
		{ kind: 'diverging', domain: [1e-30, 1e-30 + 1e-45] }
	])('gives the same bytes as mapToRgba for %j', (spec) => {
		for (const channel of [0, 1]) {
			const pixels = new Uint32Array(35);
			paintMap(map, channel, spec, pixels);
			expect(Array.from(asBytes(pixels))).toEqual(Array.from(mapToRgba(map, channel, spec)));
		}
	});

	it('looks the ends and the middle up from the ramp, NaN in magenta', () => {
		const data = Float32Array.from([-5, -1, 0, 1, 5, NaN]);
		const pixels = new Uint32Array(6);
		paintMap(
			{ data, height: 1, width: 6, channels: 1 },
			0,
			{ kind: 'diverging', domain: [-1, 1] },
			pixels
		);
		const lut = colorLut('diverging');
		const entry = (i: number) => Array.from(lut.subarray(4 * i, 4 * i + 4));
		const at = (i: number) => Array.from(asBytes(pixels).subarray(4 * i, 4 * i + 4));
		expect(at(0)).toEqual(entry(0));
		expect(at(1)).toEqual(entry(0));
		expect(at(2)).toEqual(entry(128)); // t = 127.5 rounds up
		expect(at(3)).toEqual(entry(255));
		expect(at(4)).toEqual(entry(255));
		expect(at(5)).toEqual([...NAN_RGBA]);
	});

	it('refuses a buffer of the wrong size', () => {
		expect(() => paintMap(map, 0, { kind: 'gray', domain: [0, 1] }, new Uint32Array(34))).toThrow(
			RangeError
		);
	});
});
