import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { blurKernel, blurPool } from '$lib/engine/blurPool';
import { seededRandom } from '$lib/engine/seededRandom';
import { naiveBlurPool, plane } from './invarianceReference';
import { useBackend } from '../tfBackend';

beforeAll(async () => {
	await useBackend('cpu');
});

describe('blurKernel', () => {
	it('is [1, 2, 1] ⊗ [1, 2, 1] / 16', () => {
		expect(Array.from(blurKernel())).toEqual([1, 2, 1, 2, 4, 2, 1, 2, 1].map((v) => v / 16));
	});
});

describe.each([
	[6, 8, 2],
	[7, 5, 3],
	[1, 4, 1],
	[9, 9, 2]
])('on a %i×%i×%i map', (height, width, channels) => {
	const random = seededRandom(height * 31 + width);
	const map = plane(height, width, channels, () => random() * 2 - 1);
	const input = () => tf.tensor4d(Float32Array.from(map.data), [1, height, width, channels]);

	it('blurPool is max (2×2, stride 1), then the blur at stride 2', async () => {
		const x = input();
		const out = tf.tidy(() => blurPool(x));
		const expected = naiveBlurPool(map);
		expect(out.shape).toEqual([1, expected.height, expected.width, channels]);
		const got = await out.data();
		expected.data.forEach((v, i) => expect(got[i]).toBeCloseTo(v, 5));
		tf.dispose([x, out]);
	});
});

it('leaves no tensor behind', () => {
	const x = tf.randomNormal([2, 6, 6, 3]) as tf.Tensor4D;
	const before = tf.memory().numTensors;
	tf.tidy(() => blurPool(x)).dispose();
	expect(tf.memory().numTensors).toBe(before);
	x.dispose();
});
