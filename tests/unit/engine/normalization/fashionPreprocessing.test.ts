// Per-pixel statistics (TF.js matMul) against plain loops, and the 784-pixel transforms
// against their definitions: raw255 = 255·x, per-pixel standardisation with σ = 0 left
// unscaled, a full matrix applied as D(x − m).
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '$lib/engine/seededRandom';
import {
	applyFashionTransform,
	fashionTransform,
	pixelStatistics
} from '$lib/engine/normalization/fashionPreprocessing';

const D = 784;
const N = 24;
const random = seededRandom(21);
// pixel 0 is black in every image (σ = 0), as Fashion-MNIST's corners are
const images = Float32Array.from({ length: N * D }, (_, i) => (i % D === 0 ? 0 : random()));

beforeAll(async () => {
	expect(await tf.setBackend('cpu')).toBe(true);
});

describe('Fashion-MNIST preprocessing', () => {
	let stats: ReturnType<typeof pixelStatistics>;
	beforeAll(() => {
		stats = pixelStatistics(images, N);
	});

	it('mean and covariance equal the plain loops', () => {
		const mean = new Float64Array(D);
		for (let n = 0; n < N; n++) for (let j = 0; j < D; j++) mean[j] += images[n * D + j] / N;
		for (let j = 0; j < D; j += 37) expect(stats.mean[j]).toBeCloseTo(mean[j], 6);
		for (let i = 0; i < D; i += 53)
			for (let j = 0; j < D; j += 41) {
				let c = 0;
				for (let n = 0; n < N; n++)
					c += ((images[n * D + i] - mean[i]) * (images[n * D + j] - mean[j])) / N;
				expect(stats.covariance[i * D + j]).toBeCloseTo(c, 5);
			}
		expect(stats.covariance[0]).toBe(0);
	});

	it('raw255, centred and per-pixel standardised as defined; σ = 0 pixels are not scaled', () => {
		const out = (p: 'raw255' | 'centred' | 'standardised') => {
			const t = tf.tidy(() =>
				applyFashionTransform(tf.tensor2d(images, [N, D]), fashionTransform(p, stats))
			);
			const values = t.dataSync();
			t.dispose();
			return values;
		};
		out('raw255');
		const before = tf.memory().numTensors;
		const raw255 = out('raw255');
		const centred = out('centred');
		const standardised = out('standardised');
		for (let k = 0; k < N * D; k += 97) {
			const j = k % D;
			const sigma = Math.sqrt(stats.covariance[j * D + j]);
			if (sigma === 0) continue;
			expect(raw255[k]).toBeCloseTo(255 * images[k], 3);
			expect(centred[k]).toBeCloseTo(images[k] - stats.mean[j], 5);
			expect(standardised[k]).toBeCloseTo((images[k] - stats.mean[j]) / sigma, 4);
		}
		for (let n = 0; n < N; n++) expect(standardised[n * D]).toBe(0);
		// a test image lit where every training image is black: passed through, not blown up
		const lit = Float32Array.from(images.subarray(0, D));
		lit[0] = 0.7;
		const t = tf.tidy(() =>
			applyFashionTransform(tf.tensor2d(lit, [1, D]), fashionTransform('standardised', stats))
		);
		expect(t.dataSync()[0]).toBeCloseTo(0.7, 6);
		t.dispose();
		expect(tf.memory().numTensors).toBe(before);
	});

	it('a full symmetric matrix (ZCA) is applied as D(x − m)', () => {
		const matrix = new Float32Array(D * D);
		for (let i = 0; i < D; i++)
			for (let j = 0; j <= i; j++) matrix[i * D + j] = matrix[j * D + i] = random() - 0.5;
		const t = {
			preprocessing: 'whitened' as const,
			offset: Float32Array.from({ length: D }, random),
			scale: null,
			matrix
		};
		const x = images.subarray(0, 2 * D);
		const result = tf.tidy(() => applyFashionTransform(tf.tensor2d(x, [2, D]), t));
		const got = result.dataSync();
		result.dispose();
		for (let n = 0; n < 2; n++)
			for (let i = 0; i < D; i += 61) {
				let s = 0;
				for (let j = 0; j < D; j++) s += t.matrix[i * D + j] * (x[n * D + j] - t.offset[j]);
				expect(got[n * D + i]).toBeCloseTo(s, 2);
			}
	});

	it('whitened needs the eigen-decomposition', () => {
		expect(() => fashionTransform('whitened', stats)).toThrow(/eigen/);
	});
});
