import { describe, expect, it } from 'vitest';
import type { ConvGeometry } from '$lib/engine/convArithmetic';
import { naiveConvolution } from '$lib/engine/naiveConvolution';

const f32 = (values: number[]) => new Float32Array(values);
const geometry = (
	kernelSize: number,
	stride = 1,
	padding: ConvGeometry['padding'] = 'valid',
	dilation = 1
): ConvGeometry => ({ kernelSize, stride, padding, dilation });
/** [0, 1, 2, …] as an h×w image, so each value names its own position. */
const ramp = (h: number, w: number) => f32(Array.from({ length: h * w }, (_, i) => i));

describe('naiveConvolution: hand-computed cases', () => {
	it.each<
		[string, Float32Array, number, number, Float32Array, ConvGeometry, number[], number, number]
	>([
		[
			'2×2 diagonal difference, valid',
			f32([1, 2, 3, 4, 5, 6, 7, 8, 9]),
			3,
			3,
			f32([1, 0, 0, -1]),
			geometry(2),
			[-4, -4, -4, -4],
			2,
			2
		],
		[
			'no flip: top-right tap reads up-right, padding 1',
			f32([1, 2, 3, 4, 5, 6, 7, 8, 9]),
			3,
			3,
			f32([0, 0, 1, 0, 0, 0, 0, 0, 0]),
			geometry(3, 1, 1),
			[0, 0, 0, 2, 3, 0, 5, 6, 0],
			3,
			3
		],
		[
			'stride 2 with dilation 2',
			ramp(5, 5),
			5,
			5,
			f32([1, 1, 1, 1]),
			geometry(2, 2, 'valid', 2),
			[24, 32, 64, 72],
			2,
			2
		],
		[
			"even kernel 'same': the extra zero goes after",
			f32([1, 2, 3, 4]),
			1,
			4,
			f32([1, 10, 100, 1000]),
			geometry(2, 1, 'same'),
			[21, 32, 43, 4],
			1,
			4
		],
		[
			'stride 2 with padding 2 on a 1×1 image: each window sees one tap',
			f32([7]),
			1,
			1,
			f32([1, 2, 3, 4, 5, 6, 7, 8, 9]),
			geometry(3, 2, 2),
			[63, 49, 21, 7],
			2,
			2
		],
		[
			'kernel wider than the input: empty',
			ramp(2, 2),
			2,
			2,
			f32(new Array(9).fill(1)),
			geometry(3),
			[],
			0,
			0
		]
	])('%s', (_name, input, h, w, kernel, g, expected, outH, outW) => {
		const out = naiveConvolution(input, h, w, kernel, g);
		expect(out.height).toBe(outH);
		expect(out.width).toBe(outW);
		expect(Array.from(out.data)).toEqual(expected);
	});

	it.each<[Float32Array, number, number, Float32Array, ConvGeometry, RegExp]>([
		[ramp(3, 3), 3, 4, f32([1]), geometry(1), /input must have 3×4 values, got 9/],
		[ramp(3, 3), 3, 3, f32([1, 2]), geometry(1), /kernel must have 1×1 = 1 weights, got 2/],
		[ramp(3, 3), 3, 3, f32([1]), geometry(1, 5), /stride must be an integer from 1 to 4/]
	])('rejects bad arguments (%#)', (input, h, w, kernel, g, message) => {
		expect(() => naiveConvolution(input, h, w, kernel, g)).toThrow(RangeError);
		expect(() => naiveConvolution(input, h, w, kernel, g)).toThrow(message);
	});
});
