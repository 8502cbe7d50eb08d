import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { lumaTensor } from '$lib/engine/luma';
import { useBackend } from '../tfBackend';

beforeAll(async () => {
	await useBackend('cpu');
});

describe('lumaTensor', () => {
	it.each([
		[[1, 0, 0], 0.299],
		[[0, 1, 0], 0.587],
		[[0, 0, 1], 0.114],
		[[1, 1, 1], 1],
		[[0, 0, 0], 0],
		[[0.5, 0.2, 0.1], 0.2783]
	])('rgb %j → %f', (rgb, expected) => {
		const out = tf.tidy(() => lumaTensor(tf.tensor3d([[rgb]])).arraySync());
		expect(out).toHaveLength(1);
		expect(out[0][0]).toHaveLength(1);
		expect(out[0][0][0]).toBeCloseTo(expected, 6);
	});

	it('keeps the [H, W] layout and adds a single channel', () => {
		const image = tf.tensor3d(
			[
				[
					[1, 0, 0],
					[0, 1, 0],
					[0, 0, 1]
				],
				[
					[1, 1, 1],
					[0, 0, 0],
					[0.5, 0.5, 0.5]
				]
			],
			[2, 3, 3]
		);
		const out = tf.tidy(() => lumaTensor(image));
		expect(out.shape).toEqual([2, 3, 1]);
		const values = Array.from(out.dataSync());
		[0.299, 0.587, 0.114, 1, 0, 0.5].forEach((v, i) => expect(values[i]).toBeCloseTo(v, 6));
		tf.dispose([image, out]);
	});

	it('leaves no intermediate tensor behind inside tidy', () => {
		const image = tf.ones([4, 5, 3]) as tf.Tensor3D;
		const before = tf.memory().numTensors;
		tf.tidy(() => {
			lumaTensor(image);
		});
		expect(tf.memory().numTensors).toBe(before);
		image.dispose();
	});
});
