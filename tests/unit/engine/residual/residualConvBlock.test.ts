// The image panel's residual conv block against a naive loop: F(x) = α · Laplacian(x) with zero
// padding, output ReLU(x + F(x)), on negative, zero and tied values; tensors back to baseline.
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, expect, it } from 'vitest';
import { residualConvBlock } from '$lib/engine/residual/residualConvBlock';
import { useBackend } from '../../tfBackend';

beforeAll(() => useBackend('cpu'));

it('F(x) is α·(4x − four neighbours), zero outside; the output is ReLU(x + F(x))', () => {
	const width = 4;
	const height = 3;
	const x = Float32Array.from([0, 0, 1, 1, -1, 0.5, 0.5, 2, 0, 0, 0, -3]);
	const at = (r: number, c: number) =>
		r < 0 || c < 0 || r >= height || c >= width ? 0 : x[r * width + c];
	const start = tf.memory().numTensors;
	const p = residualConvBlock(x, width, height, 0.5);
	for (let r = 0; r < height; r++)
		for (let c = 0; c < width; c++) {
			const lap = 4 * at(r, c) - at(r - 1, c) - at(r + 1, c) - at(r, c - 1) - at(r, c + 1);
			const i = r * width + c;
			expect(p.branch[i]).toBeCloseTo(0.5 * lap, 5);
			expect(p.output[i]).toBeCloseTo(Math.max(0, x[i] + 0.5 * lap), 5);
		}
	expect(p.identityRms).toBeCloseTo(Math.sqrt(x.reduce((s, v) => s + v * v, 0) / x.length), 6);
	expect(tf.memory().numTensors).toBe(start);
});
