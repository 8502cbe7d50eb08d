// The nearest-neighbour resize's gradient on the CPU backend, started as the app starts it,
// against a reference read off the forward pass itself: resize an image whose values are their
// own indices, and each output names the input it copied; the gradient of sum(resize(x) · r)
// is r added up at those inputs. TF.js 4.22's CPU kernel fails every batch > 1 case.
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { maxDiff } from './gradientCheck';
import { useBackend } from '../tfBackend';

type Case = [string, [number, number, number, number], [number, number], boolean, boolean];

describe('nearest-neighbour resize gradient on CPU', () => {
	it.each<Case>([
		['batch 2, ×2', [2, 3, 4, 3], [6, 8], false, false],
		['batch 3, uneven scale', [3, 3, 3, 2], [7, 5], false, false],
		['batch 2, align corners', [2, 4, 3, 1], [7, 8], true, false],
		['batch 2, half-pixel centres', [2, 5, 4, 2], [8, 9], false, true],
		['batch 2, shrinking', [2, 6, 6, 1], [4, 3], false, false],
		['batch 1', [1, 4, 4, 2], [8, 8], false, false]
	])('%s equals the forward pass’s own routing', async (_, shape, size, align, half) => {
		await useBackend('cpu');
		const before = tf.memory().numTensors;
		const n = shape.reduce((a, b) => a * b);
		const { routes, weights, got } = tf.tidy(() => {
			const indices = tf.reshape(tf.range(0, n), shape) as tf.Tensor4D;
			const routed = tf.image.resizeNearestNeighbor(indices, size, align, half);
			const r = tf.reshape(tf.range(1, routed.size + 1), routed.shape);
			const g = tf.grad((x: tf.Tensor) =>
				tf.sum(tf.mul(tf.image.resizeNearestNeighbor(x as tf.Tensor4D, size, align, half), r))
			)(tf.zeros(shape));
			return {
				routes: routed.dataSync(),
				weights: r.dataSync(),
				got: g.dataSync() as Float32Array
			};
		});
		const expected = new Float32Array(n);
		routes.forEach((from, i) => (expected[from] += weights[i]));
		expect(maxDiff(got, expected)).toBe(0);
		expect(tf.memory().numTensors).toBe(before);
	});
});
