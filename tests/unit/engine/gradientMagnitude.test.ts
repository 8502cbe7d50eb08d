import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ConvGeometry } from '$lib/engine/convArithmetic';
import { gradientMagnitude, transposeKernel } from '$lib/engine/gradientMagnitude';
import { presetKernel } from '$lib/engine/kernelPresets';
import { prepareImage } from '$lib/engine/preparedImage';
import { seededRandom } from '$lib/engine/seededRandom';
import { useBackend } from '../tfBackend';

beforeAll(async () => {
	await useBackend('cpu');
});

/** Independent reference: zero-padded cross-correlation by the definition, in float64. */
function naive(
	plane: Float64Array,
	h: number,
	w: number,
	kernel: ArrayLike<number>,
	k: number,
	pad: number
): Float64Array {
	const outH = h + 2 * pad - k + 1;
	const outW = w + 2 * pad - k + 1;
	const out = new Float64Array(outH * outW);
	for (let y = 0; y < outH; y++)
		for (let x = 0; x < outW; x++) {
			let sum = 0;
			for (let i = 0; i < k; i++)
				for (let j = 0; j < k; j++) {
					const iy = y - pad + i;
					const ix = x - pad + j;
					if (iy >= 0 && iy < h && ix >= 0 && ix < w) sum += kernel[i * k + j] * plane[iy * w + ix];
				}
			out[y * outW + x] = sum;
		}
	return out;
}

function randomImage(h: number, w: number, seed: number): Float32Array {
	const random = seededRandom(seed);
	return Float32Array.from({ length: h * w * 3 }, () => random());
}

describe('transposeKernel', () => {
	it('turns Sobel x into Sobel y', () => {
		expect(Array.from(transposeKernel(presetKernel('sobel-x', 3), 3))).toEqual(
			Array.from(presetKernel('sobel-y', 3))
		);
	});
	it('swaps rows and columns of a non-symmetric kernel', () => {
		expect(Array.from(transposeKernel(Float32Array.from([1, 2, 3, 4]), 2))).toEqual([1, 3, 2, 4]);
	});
	it('rejects a kernel of the wrong length', () => {
		expect(() => transposeKernel(new Float32Array(5), 2)).toThrow(RangeError);
	});
});

describe('gradientMagnitude', () => {
	it.each([
		{ h: 9, w: 13, k: 3, mode: 'gray' as const, pad: 1 },
		{ h: 12, w: 7, k: 5, mode: 'rgb' as const, pad: 0 },
		{ h: 5, w: 5, k: 3, mode: 'gray' as const, pad: 2 }
	])(
		'matches a naive gx, gy, √(gx² + gy²) on $h×$w, k=$k, $mode',
		async ({ h, w, k, mode, pad }) => {
			const rgb = randomImage(h, w, h * 31 + w);
			const random = seededRandom(k);
			const kernel = Float32Array.from({ length: k * k }, () => random() * 2 - 1);
			const g: ConvGeometry = { kernelSize: k, stride: 1, padding: pad, dilation: 1 };
			const image = tf.tensor3d(rgb, [h, w, 3]);
			const result = await gradientMagnitude(image, kernel, g, mode);
			image.dispose();

			// gray: luma plane; rgb: the sum of the three channels' responses (linear, so = response to R+G+B).
			const plane = new Float64Array(h * w);
			for (let i = 0; i < h * w; i++) {
				const [r, gr, b] = [rgb[3 * i], rgb[3 * i + 1], rgb[3 * i + 2]];
				plane[i] = mode === 'gray' ? 0.299 * r + 0.587 * gr + 0.114 * b : r + gr + b;
			}
			const across = Array.from(
				{ length: k * k },
				(_, i) => kernel[(i % k) * k + Math.floor(i / k)]
			);
			const gx = naive(plane, h, w, kernel, k, pad);
			const gy = naive(plane, h, w, across, k, pad);
			expect(result.channels).toBe(3);
			expect(result.channelNames).toEqual(['gx', 'gy', 'magnitude']);
			expect(result.height * result.width).toBe(gx.length);
			for (let i = 0; i < gx.length; i++) {
				expect(result.data[3 * i]).toBeCloseTo(gx[i], 4);
				expect(result.data[3 * i + 1]).toBeCloseTo(gy[i], 4);
				expect(result.data[3 * i + 2]).toBeCloseTo(Math.hypot(gx[i], gy[i]), 4);
			}
			const all = Array.from(result.data);
			expect(result.min).toBeCloseTo(Math.min(...all), 5);
			expect(result.max).toBeCloseTo(Math.max(...all), 5);
		}
	);

	it('a Sobel pair sees a vertical and a horizontal edge equally', async () => {
		// A bright square: Sobel x alone misses its top and bottom edges; the magnitude does not.
		const h = 12;
		const w = 12;
		const rgb = new Float32Array(h * w * 3);
		for (let y = 4; y < 8; y++)
			for (let x = 4; x < 8; x++) rgb.fill(1, (y * w + x) * 3, (y * w + x) * 3 + 3);
		const g: ConvGeometry = { kernelSize: 3, stride: 1, padding: 'same', dilation: 1 };
		const image = tf.tensor3d(rgb, [h, w, 3]);
		const maps = await gradientMagnitude(image, presetKernel('sobel-x', 3), g, 'gray');
		image.dispose();
		const at = (y: number, x: number, c: number) => maps.data[(y * w + x) * 3 + c];
		expect(Math.abs(at(3, 5, 0))).toBeLessThan(1e-5); // top edge: gx ≈ 0
		expect(at(3, 5, 2)).toBeGreaterThan(1); // …but the magnitude sees it
		expect(at(5, 3, 2)).toBeCloseTo(at(3, 5, 2), 5); // left edge, same strength
	});

	it('an empty output gives an empty map', async () => {
		const image = tf.tensor3d(randomImage(2, 2, 1), [2, 2, 3]);
		const g: ConvGeometry = { kernelSize: 5, stride: 1, padding: 'valid', dilation: 1 };
		const maps = await gradientMagnitude(image, presetKernel('sobel-x', 5), g, 'gray');
		image.dispose();
		expect(maps.data.length).toBe(0);
		expect([maps.min, maps.max]).toEqual([0, 0]);
	});

	it('leaves the tensor count where it was', async () => {
		const image = tf.tensor3d(randomImage(10, 10, 3), [10, 10, 3]);
		const prepared = prepareImage(image);
		image.dispose();
		const g: ConvGeometry = { kernelSize: 3, stride: 1, padding: 'same', dilation: 1 };
		// Warm-up: the prepared image makes its luma and colour planes on first use.
		await gradientMagnitude(prepared, presetKernel('sobel-x', 3), g, 'rgb');
		await gradientMagnitude(prepared, presetKernel('sobel-x', 3), g, 'gray');
		const before = tf.memory().numTensors;
		await gradientMagnitude(prepared, presetKernel('sobel-x', 3), g, 'rgb');
		await gradientMagnitude(prepared, presetKernel('prewitt-x', 3), g, 'gray');
		expect(tf.memory().numTensors).toBe(before);
		prepared.dispose();
	});
});
