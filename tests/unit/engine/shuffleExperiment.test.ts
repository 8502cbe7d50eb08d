import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { FC_SIDE, fcWeights } from '$lib/engine/fullyConnected';
import { permuteRows, seededPermutation } from '$lib/engine/pixelShuffle';
import { seededRandom } from '$lib/engine/seededRandom';
import { shuffleExperiment } from '$lib/engine/shuffleExperiment';
import {
	naiveAreaResize,
	naiveConvBank,
	naiveDense,
	naiveStandardize,
	plane
} from './invarianceReference';
import { useBackend } from '../tfBackend';

describe.each(['cpu', 'wasm'] as const)('shuffleExperiment on the %s backend', (backend) => {
	beforeAll(async () => {
		await useBackend(backend);
	});

	it('shuffles the standardized grid, convolves both, and the permuted FC gives the same output', async () => {
		const random = seededRandom(5);
		const image = plane(40, 48, 1, (y, x) => Math.sin(x / 5) + Math.cos(y / 7) + 0.2 * random());
		const n = FC_SIDE * FC_SIDE;
		const units = 32;
		const w = fcWeights(n, units, 3);
		const perm = seededPermutation(n, 7);
		const weights = tf.tensor2d(w, [n, units]);
		const permuted = tf.tensor2d(permuteRows(w, perm, units), [n, units]);
		const kernels = [
			Float32Array.from([-1, 0, 1, -2, 0, 2, -1, 0, 1]),
			Float32Array.from([0, 1, 0, 1, -4, 1, 0, 1, 0])
		];
		const before = tf.memory().numTensors;
		const result = await shuffleExperiment(
			Float32Array.from(image.data),
			40,
			48,
			perm,
			weights,
			permuted,
			kernels,
			3
		);
		expect(tf.memory().numTensors).toBe(before);

		const grid = naiveStandardize(naiveAreaResize(image, FC_SIDE).data);
		grid.forEach((v, i) => expect(result.original[i]).toBeCloseTo(v, 4));
		for (let i = 0; i < n; i++) expect(result.shuffled[perm[i]]).toBe(result.original[i]);

		const gridPlane = plane(FC_SIDE, FC_SIDE, 1, (y, x) => result.original[y * FC_SIDE + x]);
		const shuffledPlane = plane(FC_SIDE, FC_SIDE, 1, (y, x) => result.shuffled[y * FC_SIDE + x]);
		const k = kernels.map((kernel) => Array.from(kernel));
		naiveConvBank(gridPlane, k, 3).data.forEach((v, i) =>
			expect(result.mapsOriginal[i]).toBeCloseTo(v, 4)
		);
		naiveConvBank(shuffledPlane, k, 3).data.forEach((v, i) =>
			expect(result.mapsShuffled[i]).toBeCloseTo(v, 4)
		);

		naiveDense(result.original, w, units).forEach((v, u) =>
			expect(result.fcOriginal[u]).toBeCloseTo(v, 4)
		);
		expect(result.maxDifference).toBeLessThan(1e-5);
		expect(result.mismatchDifference).toBeGreaterThan(0.3);
		tf.dispose([weights, permuted]);
	});
});
