import { describe, expect, it } from 'vitest';
import {
	chooseColorScale,
	colorFor,
	colorLut,
	mapToRgba,
	NAN_RGBA,
	textColorOn,
	type ColorScaleKind,
	type ColorScaleSpec
} from '$lib/viz/colorScale';
import { contrastRatio } from '$lib/viz/contrast';
import type { MapData } from '$lib/types/mapData';

describe('chooseColorScale', () => {
	it.each([
		{ min: -2, max: 1, kind: 'diverging', domain: [-2, 2] },
		{ min: -1, max: 3, kind: 'diverging', domain: [-3, 3] },
		{ min: 0, max: 5, kind: 'sequential', domain: [0, 5] },
		{ min: 0.2, max: 0.8, kind: 'sequential', domain: [0.2, 0.8] },
		// all-negative data keeps its sign visible
		{ min: -4, max: -1, kind: 'diverging', domain: [-4, 4] },
		// degenerate ranges
		{ min: 0, max: 0, kind: 'sequential', domain: [0, 1] },
		{ min: 0.5, max: 0.5, kind: 'sequential', domain: [0, 0.5] },
		{ min: -3, max: -3, kind: 'diverging', domain: [-3, 3] },
		// round-off negatives are not signed data, real ones are
		{ min: -1e-9, max: 1, kind: 'sequential', domain: [-1e-9, 1] },
		{ min: -1e-3, max: 1, kind: 'diverging', domain: [-1, 1] },
		{ min: -2e-7, max: 1e-7, kind: 'diverging', domain: [-2e-7, 2e-7] },
		// non-finite bounds carry no range
		{ min: NaN, max: NaN, kind: 'sequential', domain: [0, 1] },
		{ min: NaN, max: 2, kind: 'sequential', domain: [0, 2] },
		{ min: -Infinity, max: 3, kind: 'sequential', domain: [0, 3] },
		{ min: -2, max: Infinity, kind: 'diverging', domain: [-2, 2] },
		{ min: Infinity, max: -Infinity, kind: 'sequential', domain: [0, 1] },
		// swapped bounds
		{ min: 3, max: -1, kind: 'diverging', domain: [-3, 3] }
	])('($min, $max) → $kind $domain', ({ min, max, kind, domain }) => {
		const spec = chooseColorScale(min, max);
		expect(spec.kind).toBe(kind);
		expect(spec.domain).toEqual(domain);
		expect(spec.domain[0]).toBeLessThan(spec.domain[1]);
	});
});

function lutEntry(lut: Uint8ClampedArray, i: number): number[] {
	return Array.from(lut.subarray(4 * i, 4 * i + 4));
}

describe('colorLut', () => {
	it.each(['diverging', 'sequential', 'gray'] as const)('%s has 256 opaque entries', (kind) => {
		const lut = colorLut(kind);
		expect(lut).toHaveLength(1024);
		for (let i = 0; i < 256; i++) expect(lut[4 * i + 3]).toBe(255);
	});

	it.each([
		// ColorBrewer RdBu ends #053061 (blue) and #67001f (red); viridis ends #440154 and #fde725
		{ kind: 'diverging', index: 0, rgb: [0x05, 0x30, 0x61] },
		{ kind: 'diverging', index: 255, rgb: [0x67, 0x00, 0x1f] },
		{ kind: 'sequential', index: 0, rgb: [0x44, 0x01, 0x54] },
		{ kind: 'sequential', index: 255, rgb: [0xfd, 0xe7, 0x25] },
		{ kind: 'gray', index: 0, rgb: [0, 0, 0] },
		{ kind: 'gray', index: 100, rgb: [100, 100, 100] },
		{ kind: 'gray', index: 255, rgb: [255, 255, 255] }
	] as { kind: ColorScaleKind; index: number; rgb: number[] }[])(
		'$kind[$index] = $rgb',
		({ kind, index, rgb }) => {
			expect(lutEntry(colorLut(kind), index)).toEqual([...rgb, 255]);
		}
	);

	it('diverging is near white in the middle, blue below and red above', () => {
		const lut = colorLut('diverging');
		for (const i of [127, 128]) {
			for (const channel of lutEntry(lut, i).slice(0, 3)) expect(channel).toBeGreaterThan(230);
		}
		const [r64, , b64] = lutEntry(lut, 64);
		const [r192, , b192] = lutEntry(lut, 192);
		expect(b64).toBeGreaterThan(r64);
		expect(r192).toBeGreaterThan(b192);
	});

	it('returns a copy the caller cannot use to corrupt later maps', () => {
		colorLut('gray').fill(7);
		expect(lutEntry(colorLut('gray'), 200)).toEqual([200, 200, 200, 255]);
	});

	it('rejects an unknown kind', () => {
		expect(() => colorLut('rainbow' as ColorScaleKind)).toThrow(/unknown colour scale/);
	});
});

describe('mapToRgba', () => {
	const seq: ColorScaleSpec = { kind: 'sequential', domain: [0, 2] };

	// value → LUT index by hand: round(255 · (v − 0) / 2), clamped
	const cases: [number, number | 'nan'][] = [
		[0, 0],
		[0.5, 64], // 63.75
		[1, 128], // 127.5 rounds up
		[2, 255],
		[-5, 0],
		[7, 255],
		[Infinity, 255],
		[-Infinity, 0],
		[NaN, 'nan'],
		[0.01, 1] // 1.275
	];

	it('maps one channel of a 4-channel map through the LUT, clamping to the domain', () => {
		const h = 2;
		const w = 5;
		const channels = 4;
		const data = new Float32Array(h * w * channels).fill(NaN);
		// The other channels hold 1.0, which would paint index 128 everywhere if read by mistake.
		for (let p = 0; p < h * w; p++) {
			data[p * channels] = 1;
			data[p * channels + 1] = 1;
			data[p * channels + 3] = 1;
			data[p * channels + 2] = cases[p][0];
		}
		const map: MapData = { data, height: h, width: w, channels };
		const rgba = mapToRgba(map, 2, seq);
		const lut = colorLut('sequential');
		expect(rgba).toHaveLength(h * w * 4);
		cases.forEach(([, index], p) => {
			const expected = index === 'nan' ? [...NAN_RGBA] : lutEntry(lut, index);
			expect(Array.from(rgba.subarray(4 * p, 4 * p + 4)), `pixel ${p}`).toEqual(expected);
		});
	});

	it('puts 0 of a symmetric diverging domain at the middle entry', () => {
		const map: MapData = { data: new Float32Array([-1, 0, 1]), height: 1, width: 3, channels: 1 };
		const rgba = mapToRgba(map, 0, { kind: 'diverging', domain: [-1, 1] });
		const lut = colorLut('diverging');
		expect(Array.from(rgba)).toEqual([
			...lutEntry(lut, 0),
			...lutEntry(lut, 128),
			...lutEntry(lut, 255)
		]);
	});

	it('splits a degenerate domain into below / at / above', () => {
		const map: MapData = { data: new Float32Array([0, 1, 2]), height: 3, width: 1, channels: 1 };
		const rgba = mapToRgba(map, 0, { kind: 'gray', domain: [1, 1] });
		expect(Array.from(rgba)).toEqual([0, 0, 0, 255, 128, 128, 128, 255, 255, 255, 255, 255]);
	});

	it('writes into and returns the given buffer', () => {
		const map: MapData = { data: new Float32Array([0, 2]), height: 1, width: 2, channels: 1 };
		const out = new Uint8ClampedArray(8).fill(9);
		expect(mapToRgba(map, 0, seq, out)).toBe(out);
		expect(Array.from(out)).toEqual([0x44, 0x01, 0x54, 255, 0xfd, 0xe7, 0x25, 255]);
	});

	const small: MapData = { data: new Float32Array(6), height: 1, width: 3, channels: 2 };
	it.each([
		{ name: 'channel past the end', run: () => mapToRgba(small, 2, seq), error: /channel 2/ },
		{ name: 'negative channel', run: () => mapToRgba(small, -1, seq), error: /channel -1/ },
		{ name: 'fractional channel', run: () => mapToRgba(small, 0.5, seq), error: /channel 0.5/ },
		{
			name: 'data length vs shape',
			run: () => mapToRgba({ ...small, width: 4 }, 0, seq),
			error: /holds 6 values/
		},
		{
			name: 'out of the wrong size',
			run: () => mapToRgba(small, 0, seq, new Uint8ClampedArray(8)),
			error: /expected 12/
		}
	])('throws on $name', ({ run, error }) => {
		expect(run).toThrow(error);
	});

	it('colours 512×512 without per-pixel overhead', () => {
		const n = 512 * 512;
		const data = new Float32Array(n);
		for (let i = 0; i < n; i++) data[i] = Math.sin(i) * 3;
		const map: MapData = { data, height: 512, width: 512, channels: 1 };
		const out = new Uint8ClampedArray(n * 4);
		const spec: ColorScaleSpec = { kind: 'diverging', domain: [-3, 3] };
		let best = Infinity;
		for (let run = 0; run < 5; run++) {
			const start = performance.now();
			mapToRgba(map, 0, spec, out);
			best = Math.min(best, performance.now() - start);
		}
		// ~1–3 ms in practice; a d3 call or allocation per pixel costs 100+ ms.
		expect(best).toBeLessThan(40);
	});
});

describe('colorFor', () => {
	it.each([
		{ spec: { kind: 'sequential', domain: [0, 1] }, value: 0, css: 'rgb(68, 1, 84)' },
		{ spec: { kind: 'sequential', domain: [0, 1] }, value: 5, css: 'rgb(253, 231, 37)' },
		{ spec: { kind: 'diverging', domain: [-2, 2] }, value: 2, css: 'rgb(103, 0, 31)' },
		{ spec: { kind: 'diverging', domain: [-2, 2] }, value: -9, css: 'rgb(5, 48, 97)' },
		{ spec: { kind: 'gray', domain: [0, 10] }, value: 4, css: 'rgb(102, 102, 102)' } // 102.0
	] as { spec: ColorScaleSpec; value: number; css: string }[])(
		'$spec.kind $spec.domain at $value → $css',
		({ spec, value, css }) => {
			expect(colorFor(spec, value)).toBe(css);
		}
	);

	it('agrees with mapToRgba at every LUT entry', () => {
		const spec: ColorScaleSpec = { kind: 'diverging', domain: [-1, 1] };
		const values = Float32Array.from({ length: 256 }, (_, i) => -1 + (2 * i) / 255);
		const rgba = mapToRgba({ data: values, height: 1, width: 256, channels: 1 }, 0, spec);
		values.forEach((v, i) => {
			expect(colorFor(spec, v)).toBe(`rgb(${rgba[4 * i]}, ${rgba[4 * i + 1]}, ${rgba[4 * i + 2]})`);
		});
	});

	it('marks NaN in magenta', () => {
		expect(colorFor({ kind: 'gray', domain: [0, 1] }, NaN)).toMatch(/^rgba\(255, 0, 255,/);
	});
});

describe('textColorOn', () => {
	it.each([
		['#ffffff', '#000'],
		['#000000', '#fff'],
		['rgb(68, 1, 84)', '#fff'], // viridis low
		['rgb(253, 231, 37)', '#000'], // viridis high
		['rgb(5, 48, 97)', '#fff'], // RdBu blue end
		['#787878', '#000'], // mid grey: black 4.8:1, white only 4.4:1
		['#757575', '#fff'] // a shade darker: white 4.6:1 wins
	])('on %s writes %s', (background, text) => {
		expect(textColorOn(background)).toBe(text);
	});
	it('always reaches 4.5:1 against any grey', () => {
		for (let v = 0; v < 256; v++) {
			const grey = `rgb(${v}, ${v}, ${v})`;
			expect(contrastRatio(textColorOn(grey), grey)).toBeGreaterThanOrEqual(4.5);
		}
	});
});
