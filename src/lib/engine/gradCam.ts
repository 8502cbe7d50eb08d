/**
 * Grad-CAM (Selvaraju et al., 2017): where in a conv layer's maps the evidence for a class lies.
 * With A the layer's output [h, w, C] and y the class's score before the softmax,
 *   α_c = (1 / hw) Σ_{i,j} ∂y / ∂A[i, j, c]   (how much channel c matters for the class),
 *   CAM = ReLU(Σ_c α_c · A[:, :, c])          ([h, w]: positive evidence only).
 * On WASM the gradient needs the conv filter gradient and the corrected max-pool gradient that
 * wasmKernels.ts registers where the backend starts.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { applyChain } from './networkActivations';

/** The class score y_c of a batch of one: [1, classes] → scalar, by slice (gather has no WASM gradient). */
export function classScore(logits: tf.Tensor2D, classIndex: number): tf.Scalar {
	return tf.sum(tf.slice(logits, [0, classIndex], [1, 1]));
}

/**
 * Grad-CAM at chain layer `layer` (0-based, a layer with a [h, w, C] output) for `classIndex`.
 * input: [H, W, C] → { cam: [h, w] ≥ 0, weights: [C] the α_c }. The caller owns the tensors.
 */
export function gradCam(
	model: LayersModel,
	input: tf.Tensor3D,
	layer: number,
	classIndex: number
): { cam: tf.Tensor2D; weights: tf.Tensor1D } {
	return tf.tidy(() => {
		const activation = applyChain(model, tf.expandDims(input, 0), 0, layer + 1);
		if (activation.rank !== 4) {
			throw new RangeError(
				`Grad-CAM needs a layer with [h, w, C] maps; layer ${layer} has ${activation.shape}`
			);
		}
		const score = (a: tf.Tensor) =>
			classScore(applyChain(model, a, layer + 1) as tf.Tensor2D, classIndex);
		const gradient = tf.grad(score)(activation) as tf.Tensor4D;
		const weights = tf.mean(gradient, [0, 1, 2]) as tf.Tensor1D;
		const cam = tf.relu(tf.sum(tf.mul(tf.squeeze(activation, [0]), weights), -1)) as tf.Tensor2D;
		return { cam, weights };
	});
}

/**
 * The last layer whose output is still a map ([h, w, C]) — the usual Grad-CAM layer: the most
 * class-specific maps that still say where.
 */
export function lastMapLayer(shapes: number[][]): number {
	for (let i = shapes.length - 1; i >= 0; i--) if (shapes[i].length === 3) return i;
	return -1;
}
