// Checkerboard score on hand-made maps, and a fresh transposed conv (k = 3, stride 2) scores
// higher than resize + conv on the same input — the Distill article's observation.
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import {
	checkerboardScore,
	overlapScore,
	transposedConvOverlap
} from '../../../../src/lib/engine/segmentation/checkerboard';
import { fitLonger, resizeArea } from '../../../../src/lib/engine/segmentation/labPicture';
import { conv2dTransposeUp } from '../../../../src/lib/engine/segmentation/fastConv';
import { useBackend } from '../../tfBackend';

describe('checkerboard score', () => {
	it('0 for a smooth ramp or a constant, 1 for a pure period-2 pattern', () => {
		const n = 8;
		// a ramp's phases differ by one row's step: small once the map is large
		const m = 64;
		const ramp = Float32Array.from({ length: m * m }, (_, i) => Math.floor(i / m) / m);
		const board = Float32Array.from({ length: n * n }, (_, i) =>
			(Math.floor(i / n) + (i % n)) % 2 ? 1 : 0
		);
		expect(checkerboardScore(ramp, m, m, 1)).toBeLessThan(0.05);
		expect(checkerboardScore(new Float32Array(n * n).fill(3), n, n, 1)).toBe(0);
		expect(checkerboardScore(board, n, n, 1)).toBeCloseTo(1, 6);
		// stripes on every other column: phases 0,1 differ, spread/std = 1 as well
		const stripes = Float32Array.from({ length: n * n }, (_, i) => i % 2);
		expect(checkerboardScore(stripes, n, n, 1)).toBeCloseTo(1, 6);
	});

	it('a transposed conv with k = 3, stride 2 on a constant input checkerboards; k = 4 much less', async () => {
		await useBackend('cpu');
		const score = (k: number) =>
			tf.tidy(() => {
				const x = tf.ones([1, 8, 8, 1]) as tf.Tensor4D;
				const w = tf.ones([k, k, 1, 1]) as tf.Tensor4D;
				const y = conv2dTransposeUp(x, w);
				// inner part: away from the border, where only the overlap pattern is left
				const inner = tf.slice(y, [0, 2, 2, 0], [1, 12, 12, 1]);
				return checkerboardScore(inner.dataSync() as Float32Array, 12, 12, 1);
			});
		expect(score(3)).toBeGreaterThan(0.9);
		expect(score(4)).toBeLessThan(0.01);
	});
});

describe('transposed conv overlap (taps per output pixel)', () => {
	it('equals the transposed conv of an all-ones input with an all-ones kernel, k = 1…5, odd and even n', async () => {
		await useBackend('cpu');
		for (const n of [1, 4, 7])
			for (let k = 1; k <= 5; k++) {
				const reference = tf.tidy(
					() =>
						conv2dTransposeUp(
							tf.ones([1, n, n, 1]) as tf.Tensor4D,
							tf.ones([k, k, 1, 1]) as tf.Tensor4D
						).dataSync() as Float32Array
				);
				expect(Array.from(transposedConvOverlap(k, n)), `k ${k}, n ${n}`).toEqual(
					Array.from(reference)
				);
			}
	});

	it('k = 3 stride 2: the 4·2·2·1 grid (score ≈ 1 inside); k = 2 and 4: even (score 0)', () => {
		const c = transposedConvOverlap(3, 4);
		// rows 2 and 3, columns 2 and 3 (inside): 4, 2 / 2, 1
		expect([c[2 * 8 + 2], c[2 * 8 + 3], c[3 * 8 + 2], c[3 * 8 + 3]]).toEqual([4, 2, 2, 1]);
		expect(overlapScore(3, 8)).toBeGreaterThan(0.9);
		expect(overlapScore(5, 8)).toBeGreaterThan(0.5);
		expect(overlapScore(4, 8)).toBe(0);
		expect(overlapScore(2, 8)).toBe(0);
	});
});

describe('lab picture', () => {
	it('fits the longer side without upscaling, averaging by area', () => {
		expect(fitLonger(512, 384, 128)).toEqual([128, 96]);
		expect(fitLonger(50, 40, 128)).toEqual([50, 40]);
		// 2×2 → 1×1: the mean; 4×1 → 2×1: pairwise means
		const rgb = Float32Array.from([0, 0, 0, 1, 1, 1, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5]);
		expect(Array.from(resizeArea({ rgb, height: 2, width: 2 }, 1, 1).rgb)).toEqual([0.5, 0.5, 0.5]);
		const col = Float32Array.from([0, 0, 0, 1, 1, 1, 0.2, 0.2, 0.2, 0.4, 0.4, 0.4]);
		const r = resizeArea({ rgb: col, height: 4, width: 1 }, 2, 1).rgb;
		expect(r[0]).toBeCloseTo(0.5, 6);
		expect(r[3]).toBeCloseTo(0.3, 6);
	});
});
