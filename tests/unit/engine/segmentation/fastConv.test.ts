// The U-Net's fast conv gradients must equal TF.js's own conv2d / conv2dTranspose and their
// gradients (an independent implementation), on the CPU backend and on WASM.
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { conv2dSame, conv2dTransposeUp } from '../../../../src/lib/engine/segmentation/fastConv';
import { TEST_BACKENDS, useBackend } from '../../tfBackend';

function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
	expect(a.length).toBe(b.length);
	let worst = 0;
	for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
	return worst;
}

type Op = (x: tf.Tensor4D, w: tf.Tensor4D) => tf.Tensor4D;

function valueAndGrads(op: Op, x: tf.Tensor4D, w: tf.Tensor4D, r: tf.Tensor) {
	return tf.tidy(() => {
		const value = op(x, w).dataSync();
		const [dx, dw] = tf.grads((a: tf.Tensor, b: tf.Tensor) =>
			tf.sum(tf.mul(op(a as tf.Tensor4D, b as tf.Tensor4D), r))
		)([x, w]);
		return { value, dx: dx.dataSync(), dw: dw.dataSync() };
	});
}

describe.each(TEST_BACKENDS)('fast conv on %s', (backend) => {
	it.each([
		[1, 6, 6, 2, 3, 3],
		[2, 7, 5, 3, 4, 3],
		[1, 8, 8, 2, 2, 5],
		[2, 5, 9, 1, 3, 1]
	])(
		'conv2dSame b=%i %i×%i %i→%i k=%i equals tf.conv2d and its gradients',
		async (b, h, w, ci, co, k) => {
			await useBackend(backend);
			const x = tf.randomNormal([b, h, w, ci], 0, 1, 'float32', 1) as tf.Tensor4D;
			const f = tf.randomNormal([k, k, ci, co], 0, 1, 'float32', 2) as tf.Tensor4D;
			const r = tf.randomNormal([b, h, w, co], 0, 1, 'float32', 3);
			const before = tf.memory().numTensors;
			const fast = valueAndGrads(conv2dSame, x, f, r);
			const ref = valueAndGrads((a, c) => tf.conv2d(a, c, 1, 'same'), x, f, r);
			expect(tf.memory().numTensors).toBe(before);
			expect(maxDiff(fast.value, ref.value)).toBeLessThan(1e-4);
			expect(maxDiff(fast.dx, ref.dx)).toBeLessThan(1e-4);
			expect(maxDiff(fast.dw, ref.dw)).toBeLessThan(1e-3);
			tf.dispose([x, f, r]);
		}
	);

	it.each([
		[1, 3, 3, 2, 3, 3],
		[2, 4, 5, 3, 2, 3],
		[1, 4, 4, 2, 2, 4],
		[2, 3, 4, 2, 3, 2],
		[1, 5, 3, 1, 2, 1]
	])(
		'conv2dTransposeUp b=%i %i×%i %i→%i k=%i equals tf.conv2dTranspose and its gradients',
		async (b, h, w, ci, co, k) => {
			await useBackend(backend);
			const x = tf.randomNormal([b, h, w, ci], 0, 1, 'float32', 4) as tf.Tensor4D;
			const f = tf.randomNormal([k, k, co, ci], 0, 1, 'float32', 5) as tf.Tensor4D;
			const r = tf.randomNormal([b, 2 * h, 2 * w, co], 0, 1, 'float32', 6);
			const fast = valueAndGrads(conv2dTransposeUp, x, f, r);
			const ref = valueAndGrads(
				(a, c) => tf.conv2dTranspose(a, c, [b, 2 * h, 2 * w, co], 2, 'same'),
				x,
				f,
				r
			);
			expect(maxDiff(fast.value, ref.value)).toBeLessThan(1e-4);
			expect(maxDiff(fast.dx, ref.dx)).toBeLessThan(1e-4);
			expect(maxDiff(fast.dw, ref.dw)).toBeLessThan(1e-3);
			tf.dispose([x, f, r]);
		}
	);
});
