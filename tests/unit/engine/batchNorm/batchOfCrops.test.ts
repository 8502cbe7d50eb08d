// The image panel's batch norm on a conv layer: sample 0's maps against a naive 3×3
// cross-correlation of its own pixels, training mode standardised with the batch's per-channel
// statistics, inference mode with the running ones, the batch dependence shrinking from 2 to 60
// samples, and no tensor left behind.
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { BN_EPSILON } from '$lib/engine/batchNorm/batchNorm';
import { batchOfCrops, SIZE } from '$lib/engine/batchNorm/batchOfCrops';
import { seededRandom } from '$lib/engine/seededRandom';
import { useBackend } from '../../tfBackend';

beforeAll(() => useBackend('wasm'));

/** a 96×80 image: an edge, a bright square and seeded texture, so crops differ */
function picture(): tf.Tensor2D {
	const h = 96;
	const w = 80;
	const v = new Float32Array(h * w);
	const random = seededRandom(11);
	for (let y = 0; y < h; y++)
		for (let x = 0; x < w; x++)
			v[y * w + x] = (x > 40 ? 0.6 : 0.1) + (y > 60 && x < 20 ? 0.3 : 0) + 0.1 * random();
	return tf.tensor2d(v, [h, w]);
}

describe('batchOfCrops', () => {
	it('conv maps, training and inference BN of sample 0 as written out by hand', () => {
		const image = picture();
		const start = tf.memory().numTensors;
		const r = batchOfCrops(image, 2, 3);
		expect(tf.memory().numTensors).toBe(start);
		image.dispose();
		const at = (y: number, x: number) =>
			y < 0 || x < 0 || y >= SIZE || x >= SIZE ? 0 : r.image[y * SIZE + x];
		const sobelX = [-1, 0, 1, -2, 0, 2, -1, 0, 1];
		for (const [y, x] of [
			[0, 0],
			[10, 20],
			[31, 32],
			[63, 63]
		]) {
			let sum = 0;
			for (let dy = -1; dy <= 1; dy++)
				for (let dx = -1; dx <= 1; dx++) sum += sobelX[(dy + 1) * 3 + dx + 1] * at(y + dy, x + dx);
			const i = (y * SIZE + x) * 4;
			expect(r.before[i]).toBeCloseTo(sum, 4);
			for (let c = 0; c < 4; c++) {
				const b = r.before[i + c];
				expect(r.training[i + c]).toBeCloseTo(
					(b - r.batch.mean[c]) / Math.sqrt(r.batch.variance[c] + BN_EPSILON),
					3
				);
				expect(r.inference[i + c]).toBeCloseTo(
					(b - r.running.mean[c]) / Math.sqrt(r.running.variance[c] + BN_EPSILON),
					3
				);
			}
		}
	});

	it('sample 0’s training-mode output depends on its partners, much less in a batch of 60', () => {
		const image = picture();
		const sum = (v: number[]) => v.reduce((a, b) => a + b, 0);
		let two = 0;
		let sixty = 0;
		for (const seed of [5, 6, 7]) {
			two += sum(batchOfCrops(image, 2, seed, 0).partnerChange);
			sixty += sum(batchOfCrops(image, 60, seed, 0).partnerChange);
		}
		image.dispose();
		expect(two).toBeGreaterThan(2 * sixty);
	});
});
