import * as tf from '@tensorflow/tfjs-core';

import { LUMA_WEIGHTS } from '$lib/image/pixelsToFloat';

/** Rec. 601 weights, the product contract's grayscale; one definition, in the image pipeline. */
export { LUMA_WEIGHTS };

/**
 * Grayscale of an RGB image: [H, W, 3] in [0, 1] → [H, W, 1], 0.299 R + 0.587 G + 0.114 B.
 * A TF.js op: call it inside `tf.tidy` (it creates an intermediate product tensor).
 */
export function lumaTensor(rgb: tf.Tensor3D): tf.Tensor3D {
	return tf.sum(tf.mul(rgb, tf.tensor1d([...LUMA_WEIGHTS])), -1, true);
}
