import { describe, expect, it } from 'vitest';
import type { ConvGeometry, Padding } from '$lib/engine/convArithmetic';
import { dotProductAt } from '$lib/engine/dotProduct';
import { naiveConvolution } from '$lib/engine/naiveConvolution';
import { seededRandom } from '$lib/engine/seededRandom';

const f32 = (values: number[]) => new Float32Array(values);

describe('dotProductAt: hand-computed window', () => {
	const input = f32([1, 2, 3, 4, 5, 6, 7, 8, 9]);
	const ones = f32(new Array(9).fill(1));
	const g: ConvGeometry = { kernelSize: 3, stride: 1, padding: 1, dilation: 1 };

	it('corner pixel with padding 1: five taps in the padding, sum 1 + 2 + 4 + 5', () => {
		const { taps, sum } = dotProductAt(input, 3, 3, ones, g, 0, 0);
		expect(sum).toBe(12);
		expect(taps).toHaveLength(9);
		expect(taps.filter((t) => t.inPadding).map((t) => [t.iy, t.ix])).toEqual([
			[-1, -1],
			[-1, 0],
			[-1, 1],
			[0, -1],
			[1, -1]
		]);
		expect(taps[4]).toEqual({
			ky: 1,
			kx: 1,
			iy: 0,
			ix: 0,
			inPadding: false,
			weight: 1,
			value: 1,
			product: 1
		});
		expect(taps[0]).toMatchObject({ inPadding: true, value: 0, product: 0 });
	});

	it('weights, values and products line up with the kernel in row-major order', () => {
		const kernel = f32([1, 2, 3, 4, 5, 6, 7, 8, 9]);
		const { taps, sum } = dotProductAt(input, 3, 3, kernel, { ...g, padding: 'valid' }, 0, 0);
		expect(taps.map((t) => t.weight)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
		expect(taps.map((t) => t.value)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
		expect(taps.map((t) => t.product)).toEqual([1, 4, 9, 16, 25, 36, 49, 64, 81]);
		expect(sum).toBe(285);
	});

	it('stride and dilation move the window: (1, 1) with s=2 d=2 on a 7×7 ramp', () => {
		const ramp = f32(Array.from({ length: 49 }, (_, i) => i));
		const { taps } = dotProductAt(
			ramp,
			7,
			7,
			ones,
			{ kernelSize: 3, stride: 2, padding: 'valid', dilation: 2 },
			1,
			1
		);
		expect(taps.map((t) => [t.iy, t.ix])).toEqual([
			[2, 2],
			[2, 4],
			[2, 6],
			[4, 2],
			[4, 4],
			[4, 6],
			[6, 2],
			[6, 4],
			[6, 6]
		]);
		expect(taps.map((t) => t.value)).toEqual([16, 18, 20, 30, 32, 34, 44, 46, 48]);
	});

	it.each<[number, number, Float32Array, ConvGeometry, number, number, RegExp]>([
		[3, 3, ones, g, 3, 0, /output pixel \(3, 0\) is outside the 3×3 output map/],
		[3, 3, ones, g, 0, -1, /outside/],
		[3, 3, ones, g, 0.5, 0, /outside/],
		[3, 3, ones, { ...g, padding: 'valid' }, 0, 1, /outside the 1×1 output map/],
		[3, 3, f32([1]), g, 0, 0, /kernel must have 3×3 = 9 weights, got 1/],
		[3, 2, ones, g, 0, 0, /input must have 3×2 values, got 9/],
		[3, 3, ones, { ...g, dilation: 0 }, 0, 0, /dilation/]
	])('rejects bad arguments (%#)', (h, w, kernel, geom, y, x, message) => {
		expect(() => dotProductAt(input, h, w, kernel, geom, y, x)).toThrow(RangeError);
		expect(() => dotProductAt(input, h, w, kernel, geom, y, x)).toThrow(message);
	});
});

describe('dotProductAt: agrees with the naive map', () => {
	const random = seededRandom(2024);
	const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
	const paddings: Padding[] = ['valid', 'same', 0, 1, 2, 3, 5];
	const cases: { h: number; w: number; g: ConvGeometry }[] = [];
	while (cases.length < 40) {
		const g: ConvGeometry = {
			kernelSize: 1 + Math.floor(random() * 11),
			stride: pick([1, 2, 3, 4]),
			padding: pick(paddings),
			dilation: pick([1, 2, 3, 4])
		};
		const h = pick([1, 2, 5, 9, 16]);
		const w = pick([1, 3, 8, 13]);
		if (
			naiveConvolution(new Float32Array(h * w), h, w, new Float32Array(g.kernelSize ** 2), g).data
				.length
		)
			cases.push({ h, w, g });
	}

	it.each(cases)('%o: every sampled pixel, taps flagged iff outside the image', ({ h, w, g }) => {
		const input = Float32Array.from({ length: h * w }, () => random());
		const kernel = Float32Array.from({ length: g.kernelSize ** 2 }, () => random() * 2 - 1);
		const map = naiveConvolution(input, h, w, kernel, g);
		for (let n = 0; n < 5; n++) {
			const y = Math.floor(random() * map.height);
			const x = Math.floor(random() * map.width);
			const { taps, sum } = dotProductAt(input, h, w, kernel, g, y, x);
			expect(sum).toBeCloseTo(map.data[y * map.width + x], 4);
			expect(taps).toHaveLength(g.kernelSize ** 2);
			for (const t of taps) {
				const outside = t.iy < 0 || t.iy >= h || t.ix < 0 || t.ix >= w;
				expect(t.inPadding).toBe(outside);
				expect(t.value).toBe(outside ? 0 : input[t.iy * w + t.ix]);
				expect(t.product).toBe(t.weight * t.value);
			}
		}
	});

	it("padding taps appear with 'same' and never with 'valid'", () => {
		const input = new Float32Array(25).fill(1);
		const kernel = new Float32Array(9).fill(1);
		const base = { kernelSize: 3, stride: 1, dilation: 1 };
		const same = dotProductAt(input, 5, 5, kernel, { ...base, padding: 'same' }, 0, 4);
		expect(same.taps.filter((t) => t.inPadding)).toHaveLength(5);
		const valid = dotProductAt(input, 5, 5, kernel, { ...base, padding: 'valid' }, 0, 2);
		expect(valid.taps.some((t) => t.inPadding)).toBe(false);
	});
});
