/**
 * MediaPipe Selfie segmentation, the real-photo network that ships offline
 * (static/models/selfie/, extracted by scripts/extract-selfie.mjs; Apache-2.0, Google).
 * A MobileNetV3-style encoder (16→24→32 channels while 256² shrinks to 16²,
 * squeeze-and-excitation blocks), a 128-channel bottleneck, and a decoder that upsamples
 * bilinearly with skip connections from the encoder back to 128², then a transposed conv to
 * the 256² mask.
 *
 * Its intermediate activations are read by graph node name: `SELFIE_LEVELS` is the
 * readable selection a lab shows, level by level, with shapes measured from the graph
 * (tests/unit/engine/selfieModel.test.ts checks them).
 */
import * as tf from '@tensorflow/tfjs-core';
import { loadGraphModel, type GraphModel } from '@tensorflow/tfjs-converter';

export const SELFIE_INPUT_SIZE = 256;
export const SELFIE_INPUT_NODE = 'input_1';
export const SELFIE_OUTPUT_NODE = 'activation_10';

export interface SelfieLevel {
	/** graph node whose output this level shows */
	node: string;
	label: string;
	part: 'encoder' | 'bottleneck' | 'decoder' | 'output';
	/** [height, width, channels] for the 256² input */
	shape: [number, number, number];
}

export const SELFIE_LEVELS: readonly SelfieLevel[] = [
	{ node: 're_lu', label: 'Stem conv 3×3, stride 2', part: 'encoder', shape: [128, 128, 16] },
	{ node: 'conv2d_4_1', label: 'Block 1 (depthwise, SE)', part: 'encoder', shape: [64, 64, 16] },
	{
		node: 'ArithmeticOptimizer/AddOpsRewrite_add__xeno_compat__1',
		label: 'Block 2 (inverted residual)',
		part: 'encoder',
		shape: [32, 32, 24]
	},
	{
		node: 'add_4__xeno_compat__1',
		label: 'Block 3 (5 inverted residuals)',
		part: 'encoder',
		shape: [16, 16, 32]
	},
	{ node: 're_lu_12', label: 'Bottleneck 1×1 conv', part: 'bottleneck', shape: [16, 16, 128] },
	{
		node: 'add_7__xeno_compat__1',
		label: 'Up 1 + skip from block 2',
		part: 'decoder',
		shape: [32, 32, 24]
	},
	{
		node: 'add_10__xeno_compat__1',
		label: 'Up 2 + skip from block 1',
		part: 'decoder',
		shape: [64, 64, 16]
	},
	{
		node: 'add_13__xeno_compat__1',
		label: 'Up 3 + skip from the stem',
		part: 'decoder',
		shape: [128, 128, 16]
	},
	{ node: SELFIE_OUTPUT_NODE, label: 'Person mask (sigmoid)', part: 'output', shape: [256, 256, 1] }
];

/** Load the graph model from the app's own static folder (or any IOHandler, e.g. in tests). */
export function loadSelfieModel(
	source: string | tf.io.IOHandler = 'models/selfie/selfie.json'
): Promise<GraphModel> {
	return loadGraphModel(source);
}

/**
 * Run the model on an RGB image in [0, 1] (any size; resized to 256² bilinearly) and return
 * the output of each requested node, batch dimension dropped. The caller owns the tensors.
 * image: [H, W, 3] → { node: [h, w, c] }.
 */
export function runSelfie(
	model: GraphModel,
	image: tf.Tensor3D,
	nodes: readonly string[] = [SELFIE_OUTPUT_NODE]
): Record<string, tf.Tensor3D> {
	return tf.tidy(() => {
		const input = tf.expandDims(
			tf.image.resizeBilinear(image, [SELFIE_INPUT_SIZE, SELFIE_INPUT_SIZE], true),
			0
		);
		const outputs = model.execute({ [SELFIE_INPUT_NODE]: input }, [...nodes]);
		const list = Array.isArray(outputs) ? outputs : [outputs];
		const result: Record<string, tf.Tensor3D> = {};
		nodes.forEach((node, i) => {
			result[node] = tf.squeeze(list[i], [0]) as tf.Tensor3D;
		});
		return result;
	});
}
