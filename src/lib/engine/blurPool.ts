import * as tf from '@tensorflow/tfjs-core';

/**
 * The anti-aliased max-pool of Zhang (2019), "Making Convolutional Networks Shift-Invariant
 * Again": a strided max-pool keeps only every other position, so a 1-pixel shift can change
 * its output completely (aliasing). MaxBlurPool takes the max densely (stride 1), low-passes
 * it with a binomial blur, and only then subsamples by 2 — a small shift now changes the
 * output only a little.
 */

/** The 1-D binomial taps; the 2-D blur is their outer product / 16. */
export const BLUR_TAPS = [1, 2, 1] as const;

/** [3, 3] row-major: [1, 2, 1] ⊗ [1, 2, 1] / 16, which sums to 1. */
export function blurKernel(): Float32Array {
	const kernel = new Float32Array(9);
	for (let r = 0; r < 3; r++)
		for (let c = 0; c < 3; c++) kernel[r * 3 + c] = (BLUR_TAPS[r] * BLUR_TAPS[c]) / 16;
	return kernel;
}

/**
 * Max over 2×2 windows at stride 1 (TensorFlow 'same': each window reaches one pixel right and
 * down; the last row / column sees only what is inside), then the 3×3 blur per channel at
 * stride 2 with TensorFlow's 'same' zero padding (on an even side, output i is the blur
 * centred on max position 2i + 1).
 * A TF.js op: call it inside `tf.tidy`.
 * @param x [B, H, W, C]
 * @returns [B, ceil(H / 2), ceil(W / 2), C]
 */
export function blurPool(x: tf.Tensor4D): tf.Tensor4D {
	const channels = x.shape[3];
	const dense = tf.maxPool(x, 2, 1, 'same');
	const taps = blurKernel();
	const filter = tf.tile(tf.tensor4d(taps, [3, 3, 1, 1]), [1, 1, channels, 1]) as tf.Tensor4D;
	return tf.depthwiseConv2d(dense, filter, 2, 'same');
}
