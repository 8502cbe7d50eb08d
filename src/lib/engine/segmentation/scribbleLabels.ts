/**
 * Scribbles as training labels. The learner paints on a label plane: one byte per pixel,
 * 0 = not painted, c + 1 = painted with class c (class 0 is Foreground, 1 Background, …).
 * Only painted pixels teach the network: the loss is the cross-entropy averaged over them
 * alone (a "partial" or masked cross-entropy), so the unpainted majority of the image is
 * left for the network to decide.
 */
import * as tf from '@tensorflow/tfjs-core';

export const UNLABELLED = 0;

export interface EncodedLabels {
	/** [H, W, K] one-hot of the painted class, 0 where unpainted */
	oneHot: Float32Array;
	/** [H, W] 1 where painted, else 0 */
	mask: Float32Array;
	/** how many pixels are painted */
	count: number;
}

/** Label plane (0 = none, c + 1 = class c) → one-hot targets and the painted-pixel mask. */
export function encodeScribbles(labels: Uint8Array, classes: number): EncodedLabels {
	const oneHot = new Float32Array(labels.length * classes);
	const mask = new Float32Array(labels.length);
	let count = 0;
	for (let i = 0; i < labels.length; i++) {
		const c = labels[i] - 1;
		if (c < 0 || c >= classes) continue;
		oneHot[i * classes + c] = 1;
		mask[i] = 1;
		count++;
	}
	return { oneHot, mask, count };
}

/** Pixels painted per class: counts[c] for c = 0 … K−1. */
export function scribbleCounts(labels: Uint8Array, classes: number): number[] {
	const counts = new Array<number>(classes).fill(0);
	for (const value of labels) if (value > 0 && value <= classes) counts[value - 1]++;
	return counts;
}

/**
 * Cross-entropy over the painted pixels only:
 *   L = −Σ_p m_p Σ_k y_pk log softmax(z_p)_k / max(1, Σ_p m_p).
 * logits, oneHot: [B, H, W, K]; mask: [B, H, W] → scalar. No painted pixel → 0.
 */
export function maskedCrossEntropy(
	logits: tf.Tensor4D,
	oneHot: tf.Tensor4D,
	mask: tf.Tensor3D
): tf.Scalar {
	return tf.tidy(() => {
		const perPixel = tf.neg(tf.sum(tf.mul(oneHot, tf.logSoftmax(logits)), 3));
		const total = tf.sum(tf.mul(perPixel, mask));
		return tf.div(total, tf.maximum(tf.sum(mask), 1)) as tf.Scalar;
	});
}
