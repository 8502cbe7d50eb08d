/**
 * The selfie network, unit by unit and for saliency, read from its graph by node name:
 *   - `graphConvStep`: for a level whose node is "conv (+ bias) (+ activation)" — the stem's
 *     3×3 stride-2 conv on RGB with its hard-swish, x·ReLU6(x + 3)·⅙, or a 1×1 conv with a ReLU
 *     — which conv node, filter and bias weights, input node, stride, padding and activation
 *     (with the graph's own constants), so a lab shows the real kernels and the dot product;
 *   - `selfieUnitGradient`: |∂ unit / ∂ input pixel|, the unit's measured receptive field
 *     (effective receptive field, Luo et al. 2016) through every path of the graph;
 *   - `selfieSaliency`: the person score — the mean of the mask's logits (before the sigmoid)
 *     — explained by the plain input gradient or by Grad-CAM at a chosen level.
 * Gradients through the graph need the conv filter and depthwise gradients WASM lacks: they are
 * registered where the backend starts (wasmKernels.ts).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { GraphModel } from '@tensorflow/tfjs-converter';
import { SELFIE_INPUT_NODE, SELFIE_INPUT_SIZE } from './selfieLevels';

/** The node before the mask's sigmoid: the person logits, [1, 256, 256, 1]. */
export const SELFIE_LOGIT_NODE = 'segment_add';

const batch = (image: tf.Tensor3D) =>
	tf.expandDims(
		tf.image.resizeBilinear(image, [SELFIE_INPUT_SIZE, SELFIE_INPUT_SIZE], true),
		0
	) as tf.Tensor4D;

/** |g| summed over RGB → [256, 256] as an array. */
async function magnitude(gradient: tf.Tensor): Promise<Float32Array> {
	const summed = tf.tidy(() => tf.sum(tf.abs(gradient), [0, 3]));
	gradient.dispose();
	const data = (await summed.data()) as Float32Array;
	summed.dispose();
	return data;
}

/**
 * The measured receptive field of unit (channel, y, x) of `node`: |∂ unit / ∂ input| summed over
 * RGB, [256, 256] row-major, for the input `image` [256, 256, 3] in [0, 1] (the gradient is taken
 * at this image: with ReLUs and squeeze-and-excitation it depends on it).
 */
export async function selfieUnitGradient(
	model: GraphModel,
	image: tf.Tensor3D,
	node: string,
	channel: number,
	y: number,
	x: number
): Promise<Float32Array> {
	const gradient = tf.tidy(() => {
		const unit = (input: tf.Tensor) => {
			const out = model.execute({ [SELFIE_INPUT_NODE]: input }, node) as tf.Tensor4D;
			const [, h, w, c] = out.shape;
			if (y < 0 || x < 0 || channel < 0 || y >= h || x >= w || channel >= c)
				throw new RangeError(`unit (${channel}, ${y}, ${x}) is outside ${node} (${h}×${w}×${c})`);
			return tf.sum(tf.slice(out, [0, y, x, channel], [1, 1, 1, 1]));
		};
		return tf.grad(unit)(batch(image));
	});
	return magnitude(gradient);
}

/** The person score of a batch of one: the mean of the mask's logits. */
function personScore(logits: tf.Tensor): tf.Scalar {
	return tf.mean(logits);
}

export interface SelfieSaliency {
	values: Float32Array;
	height: number;
	width: number;
}

/**
 * Saliency of the person score for `image` [H, W, 3] in [0, 1] (resized to 256²): the input
 * gradient's magnitude |∂score/∂pixel| summed over RGB ([256, 256]), or Grad-CAM at `level`
 * (α_c = mean over positions of ∂score/∂A_c; CAM = ReLU(Σ_c α_c A_c), at the level's size).
 * Grad-CAM feeds the level's activation A back into the graph beside the input, so paths that
 * skip the level (the decoder's skip connections) stay as they are and only A varies.
 */
export async function selfieSaliency(
	model: GraphModel,
	image: tf.Tensor3D,
	method: 'grad' | 'gradcam',
	level: string
): Promise<SelfieSaliency> {
	if (method === 'grad') {
		const gradient = tf.tidy(() =>
			tf.grad((input: tf.Tensor) =>
				personScore(model.execute({ [SELFIE_INPUT_NODE]: input }, SELFIE_LOGIT_NODE) as tf.Tensor)
			)(batch(image))
		);
		return {
			values: await magnitude(gradient),
			height: SELFIE_INPUT_SIZE,
			width: SELFIE_INPUT_SIZE
		};
	}
	const cam = tf.tidy(() => {
		const input = batch(image);
		const activation = model.execute({ [SELFIE_INPUT_NODE]: input }, level) as tf.Tensor4D;
		const score = (a: tf.Tensor) =>
			personScore(
				model.execute({ [SELFIE_INPUT_NODE]: input, [level]: a }, SELFIE_LOGIT_NODE) as tf.Tensor
			);
		const gradient = tf.grad(score)(activation);
		const weights = tf.mean(gradient, [0, 1, 2]);
		return tf.relu(tf.sum(tf.mul(tf.squeeze(activation, [0]), weights), -1)) as tf.Tensor2D;
	});
	const [height, width] = cam.shape;
	const values = (await cam.data()) as Float32Array;
	cam.dispose();
	return { values, height, width };
}
