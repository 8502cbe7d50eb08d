import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
	assertGeometry,
	axisPadding,
	effectiveKernelSize,
	outputSize,
	type ConvGeometry,
	type Padding
} from '$lib/engine/convArithmetic';
import { useBackend } from '../tfBackend';

const geometry = (kernelSize: number, stride = 1, padding: Padding = 'valid', dilation = 1) => ({
	kernelSize,
	stride,
	padding,
	dilation
});

beforeAll(async () => {
	await useBackend('cpu');
});

describe('effectiveKernelSize', () => {
	it.each([
		[1, 1, 1],
		[3, 1, 3],
		[3, 2, 5],
		[2, 3, 4],
		[11, 4, 41]
	])('k=%i d=%i spans %i', (k, d, expected) => {
		expect(effectiveKernelSize(k, d)).toBe(expected);
	});
});

describe('axisPadding: hand-computed table', () => {
	it.each<[number, ConvGeometry, { before: number; after: number; out: number }]>([
		[5, geometry(3), { before: 0, after: 0, out: 3 }],
		[5, geometry(3, 1, 'same'), { before: 1, after: 1, out: 5 }],
		[5, geometry(3, 2, 'same'), { before: 1, after: 1, out: 3 }],
		[6, geometry(3, 2, 'same'), { before: 0, after: 1, out: 3 }],
		[5, geometry(2, 1, 'same'), { before: 0, after: 1, out: 5 }],
		[5, geometry(4, 1, 'same'), { before: 1, after: 2, out: 5 }],
		[7, geometry(3, 1, 'same', 2), { before: 2, after: 2, out: 7 }],
		[10, geometry(3, 3, 'same'), { before: 1, after: 1, out: 4 }],
		[10, geometry(1, 3, 'same'), { before: 0, after: 0, out: 4 }],
		[1, geometry(11, 4, 'same', 4), { before: 20, after: 20, out: 1 }],
		[7, geometry(3, 2, 1), { before: 1, after: 1, out: 4 }],
		[8, geometry(3, 2, 1), { before: 1, after: 1, out: 4 }],
		[12, geometry(4, 3), { before: 0, after: 0, out: 3 }],
		[5, geometry(5, 1, 2, 2), { before: 2, after: 2, out: 1 }],
		[5, geometry(5, 1, 1, 2), { before: 1, after: 1, out: 0 }],
		[3, geometry(5), { before: 0, after: 0, out: 0 }],
		[4, geometry(3, 2, 0, 2), { before: 0, after: 0, out: 0 }],
		[5, geometry(3, 2, 0, 2), { before: 0, after: 0, out: 1 }],
		[0, geometry(1), { before: 0, after: 0, out: 0 }]
	])('n=%i %o → %o', (n, g, expected) => {
		expect(axisPadding(n, g)).toEqual(expected);
	});
});

/** Counts window positions 0, s, 2s, … whose dilated span fits inside the padded axis. */
function countWindows(paddedLength: number, span: number, stride: number): number {
	let count = 0;
	for (let start = 0; start + span <= paddedLength; start += stride) count++;
	return count;
}

describe('axisPadding: against brute-force window counting', () => {
	const ns = [1, 2, 3, 4, 5, 7, 8, 12, 17, 20];
	const ks = [1, 2, 3, 4, 5, 7, 10, 11];
	const strides = [1, 2, 3, 4];
	const dilations = [1, 2, 3, 4];

	it('integer padding follows floor((n + 2p − d(k−1) − 1)/s) + 1, clamped at 0', () => {
		for (const n of ns)
			for (const k of ks)
				for (const s of strides)
					for (const d of dilations)
						for (const p of [0, 1, 2, 5]) {
							const span = d * (k - 1) + 1;
							const got = axisPadding(n, geometry(k, s, p, d));
							expect(got.out).toBe(countWindows(n + 2 * p, span, s));
							expect(got.out).toBe(Math.max(Math.floor((n + 2 * p - d * (k - 1) - 1) / s) + 1, 0));
							expect([got.before, got.after]).toEqual([p, p]);
						}
	});

	it("'valid' is integer padding 0", () => {
		for (const n of ns)
			for (const k of ks)
				for (const s of strides)
					for (const d of dilations)
						expect(axisPadding(n, geometry(k, s, 'valid', d))).toEqual(
							axisPadding(n, geometry(k, s, 0, d))
						);
	});

	it("'same' gives ceil(n/s) windows with the least padding, extra zero after", () => {
		for (const n of ns)
			for (const k of ks)
				for (const s of strides)
					for (const d of dilations) {
						const span = d * (k - 1) + 1;
						const { before, after, out } = axisPadding(n, geometry(k, s, 'same', d));
						expect(out).toBe(Math.ceil(n / s));
						const total = before + after;
						// Every window of the ceil(n/s) fits, and one zero less would not be enough.
						expect(countWindows(n + total, span, s)).toBeGreaterThanOrEqual(out);
						if (total > 0) expect(countWindows(n + total - 1, span, s)).toBeLessThan(out);
						expect(before).toBe(Math.floor(total / 2));
						expect(after - before).toBeGreaterThanOrEqual(0);
						expect(after - before).toBeLessThanOrEqual(1);
					}
	});
});

describe("axisPadding: 'same' agrees with tf.conv2d", () => {
	it('output shape equals tf.conv2d(…, "same") for many sizes', () => {
		const cases: [number, number, number, number, number][] = [];
		for (const h of [1, 2, 3, 5, 8, 13])
			for (const w of [1, 4, 7, 12])
				for (const k of [1, 2, 3, 4, 5, 8, 11]) {
					for (const s of [1, 2, 3, 4]) cases.push([h, w, k, s, 1]);
					for (const d of [2, 3, 4]) cases.push([h, w, k, 1, d]);
				}
		for (const [h, w, k, s, d] of cases) {
			const shape = tf.tidy(
				() =>
					tf.conv2d(
						tf.zeros([h, w, 1]) as tf.Tensor3D,
						tf.zeros([k, k, 1, 1]) as tf.Tensor4D,
						s,
						'same',
						'NHWC',
						d
					).shape
			);
			expect(outputSize(h, w, geometry(k, s, 'same', d)), `${h}×${w} k${k} s${s} d${d}`).toEqual({
				height: shape[0],
				width: shape[1]
			});
		}
	});

	it.each([
		[6, 5, 2, 1, 1],
		[6, 5, 4, 2, 1],
		[7, 4, 3, 3, 1],
		[5, 8, 2, 1, 3],
		[9, 9, 4, 1, 2]
	])(
		'explicit zero pad (before, after) + valid equals TF same: %i×%i k%i s%i d%i',
		(h, w, k, s, d) => {
			const g = geometry(k, s, 'same', d);
			const rows = axisPadding(h, g);
			const cols = axisPadding(w, g);
			const [ours, theirs] = tf.tidy(() => {
				const image = tf.randomUniform([h, w, 1], 0, 1, 'float32', 7) as tf.Tensor3D;
				const filter = tf.randomUniform([k, k, 1, 1], -1, 1, 'float32', 8) as tf.Tensor4D;
				const padded = tf.pad(image, [
					[rows.before, rows.after],
					[cols.before, cols.after],
					[0, 0]
				]);
				return [
					tf.conv2d(padded, filter, s, 'valid', 'NHWC', d).arraySync(),
					tf.conv2d(image, filter, s, 'same', 'NHWC', d).arraySync()
				];
			});
			expect(ours).toEqual(theirs);
		}
	);
});

describe('outputSize', () => {
	it.each<[number, number, ConvGeometry, { height: number; width: number }]>([
		[512, 384, geometry(3, 1, 'same'), { height: 512, width: 384 }],
		[512, 384, geometry(3), { height: 510, width: 382 }],
		[224, 224, geometry(7, 2, 3), { height: 112, width: 112 }],
		[5, 20, geometry(7), { height: 0, width: 14 }],
		[9, 10, geometry(3, 2, 'same', 2), { height: 5, width: 5 }]
	])('%i×%i %o → %o', (h, w, g, expected) => {
		expect(outputSize(h, w, g)).toEqual(expected);
	});
});

describe('assertGeometry', () => {
	it.each<ConvGeometry>([
		geometry(1),
		geometry(11, 4, 32, 4),
		geometry(2, 1, 'same'),
		geometry(3, 2, 0, 3)
	])('accepts %o', (g) => {
		expect(() => assertGeometry(g)).not.toThrow();
	});

	it.each<[ConvGeometry, RegExp]>([
		[geometry(0), /kernelSize must be an integer from 1 to 11, got 0/],
		[geometry(12), /kernelSize must be an integer from 1 to 11, got 12/],
		[geometry(2.5), /kernelSize .* got 2\.5/],
		[geometry(NaN), /kernelSize .* got NaN/],
		[geometry(3, 0), /stride must be an integer from 1 to 4, got 0/],
		[geometry(3, 5), /stride must be an integer from 1 to 4, got 5/],
		[geometry(3, 1.5), /stride .* got 1\.5/],
		[geometry(3, 1, 'valid', 0), /dilation must be an integer from 1 to 4, got 0/],
		[geometry(3, 1, 'valid', 5), /dilation must be an integer from 1 to 4, got 5/],
		[geometry(3, 1, -1), /padding must be an integer from 0 to 32, got -1/],
		[geometry(3, 1, 33), /padding must be an integer from 0 to 32, got 33/],
		[geometry(3, 1, 0.5), /padding .* got 0\.5/],
		[geometry(3, 1, 'full' as Padding), /padding must be 'valid', 'same' or a number, got full/]
	])('rejects %o with a RangeError', (g, message) => {
		expect(() => assertGeometry(g)).toThrow(RangeError);
		expect(() => assertGeometry(g)).toThrow(message);
	});

	it('axisPadding rejects malformed input but not sizes beyond the labs', () => {
		expect(() => axisPadding(-1, geometry(3))).toThrow(/input length must be an integer ≥ 0/);
		expect(() => axisPadding(2.5, geometry(3))).toThrow(RangeError);
		expect(() => axisPadding(5, geometry(0))).toThrow(/kernelSize must be an integer ≥ 1/);
		expect(() => axisPadding(5, geometry(3, 1, -2))).toThrow(/padding/);
		expect(axisPadding(100, geometry(13, 8, 40))).toEqual({ before: 40, after: 40, out: 21 });
	});
});
