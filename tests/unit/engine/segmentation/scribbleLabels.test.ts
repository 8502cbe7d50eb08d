// Scribbles → one-hot targets and mask, and the masked cross-entropy against a hand-computed value.
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import {
	encodeScribbles,
	maskedCrossEntropy,
	scribbleCounts
} from '../../../../src/lib/engine/segmentation/scribbleLabels';
import { useBackend } from '../../tfBackend';

describe('scribble encoding', () => {
	it('one-hot of the painted class, mask 1 where painted, unknown classes ignored', () => {
		const labels = Uint8Array.from([0, 1, 2, 3, 0, 9]);
		const { oneHot, mask, count } = encodeScribbles(labels, 3);
		expect(Array.from(mask)).toEqual([0, 1, 1, 1, 0, 0]);
		expect(count).toBe(3);
		expect(Array.from(oneHot)).toEqual([0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0]);
		expect(scribbleCounts(labels, 3)).toEqual([1, 1, 1]);
	});
});

describe('masked cross-entropy', () => {
	it('averages −log p(painted class) over painted pixels only', async () => {
		await useBackend('cpu');
		// 1×1×3 pixels, K = 2. Pixel 0 painted class 0, pixel 1 unpainted, pixel 2 painted class 1.
		const logits = tf.tensor4d([2, 0, 5, -5, 0, 1], [1, 1, 3, 2]);
		const oneHot = tf.tensor4d([1, 0, 0, 0, 0, 1], [1, 1, 3, 2]);
		const mask = tf.tensor3d([1, 0, 1], [1, 1, 3]);
		// −log softmax: pixel 0 class 0: log(1 + e^−2); pixel 2 class 1: log(1 + e^−1)
		const expected = (Math.log(1 + Math.exp(-2)) + Math.log(1 + Math.exp(-1))) / 2;
		const loss = maskedCrossEntropy(logits, oneHot, mask);
		expect((await loss.data())[0]).toBeCloseTo(expected, 5);
		// nothing painted → 0, not NaN
		const none = maskedCrossEntropy(logits, oneHot, tf.zeros([1, 1, 3]) as tf.Tensor3D);
		expect((await none.data())[0]).toBe(0);
		tf.dispose([logits, oneHot, mask, loss, none]);
	});
});
