/**
 * The plain input gradient ("vanilla saliency", Simonyan et al., 2014): ∂y_c / ∂x, how much the
 * class score before the softmax changes per unit change of each input pixel. Noisy but honest:
 * no smoothing, no clipping; the lab shows its magnitude.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { classScore } from './gradCam';
import { applyChain } from './networkActivations';

/** input: [H, W, C] → ∂y_class / ∂input, [H, W, C]. The caller owns the result. */
export function inputGradient(
	model: LayersModel,
	input: tf.Tensor3D,
	classIndex: number
): tf.Tensor3D {
	return tf.tidy(() => {
		const score = (x: tf.Tensor) =>
			classScore(applyChain(model, tf.expandDims(x, 0), 0) as tf.Tensor2D, classIndex);
		return tf.grad(score)(input) as tf.Tensor3D;
	});
}
