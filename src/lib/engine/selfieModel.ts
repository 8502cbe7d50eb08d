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
import { readActivations } from './networkActivations';
import { SELFIE_INPUT_NODE, SELFIE_INPUT_SIZE, SELFIE_OUTPUT_NODE } from './selfieLevels';
import { timedFetch } from './timedFetch';

export {
	SELFIE_INPUT_NODE,
	SELFIE_INPUT_SIZE,
	SELFIE_LEVELS,
	SELFIE_OUTPUT_NODE,
	type SelfieLevel
} from './selfieLevels';

/** Load the graph model from the app's own static folder (or any IOHandler, e.g. in tests). */
export function loadSelfieModel(
	source: string | tf.io.IOHandler = 'models/selfie/selfie.json'
): Promise<GraphModel> {
	return typeof source === 'string'
		? loadGraphModel(source, { fetchFunc: timedFetch })
		: loadGraphModel(source);
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

/**
 * The selfie network's levels for one RGB image: runSelfie, then one read-back.
 * image: [H, W, 3] in [0, 1] → one [h·w·c] array per node, in the order asked for.
 */
export async function selfieActivations(
	model: GraphModel,
	image: tf.Tensor3D,
	nodes: readonly string[]
): Promise<Float32Array[]> {
	const outputs = runSelfie(model, image, nodes);
	return readActivations(nodes.map((node) => outputs[node]));
}
