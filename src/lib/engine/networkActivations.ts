/**
 * Every layer's output for one input, for the /network lab: the classifier layer by layer (a
 * chain, applied one layer at a time so each output is kept); the selfie network by graph node
 * name is in selfieModel.ts, so the classifier's code does not load TF.js's graph converter.
 * Both end in `readActivations`, which reads all of them back in ONE transfer (a concat of the
 * flattened outputs): one await per input instead of one per layer.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';

export interface ClassifierForward {
	/** one per layer of classifierLayers(model), batch axis dropped: [h, w, c] or [n] */
	activations: tf.Tensor[];
	/** [classes] the class scores before the softmax */
	logits: tf.Tensor1D;
}

/** The layers to apply in order: everything but a functional model's InputLayer. */
export function chainLayers(model: LayersModel) {
	return model.layers.filter((layer) => layer.getClassName() !== 'InputLayer');
}

/**
 * Applies one layer; a layer whose activation is softmax (or a Softmax/Activation('softmax')
 * layer) is applied up to its pre-activation, so the caller sees the logits.
 * x: [batch, …] → [batch, …].
 */
function applyLayer(
	layer: LayersModel['layers'][number],
	x: tf.Tensor,
	logits: boolean
): tf.Tensor {
	if (logits) {
		const config = layer.getConfig() as Record<string, unknown>;
		const className = layer.getClassName();
		if (className === 'Softmax' || (className === 'Activation' && config.activation === 'softmax'))
			return x;
		if (className === 'Dense' && config.activation === 'softmax') {
			const [kernel, bias] = layer.getWeights();
			const z = tf.matMul(x as tf.Tensor2D, kernel as tf.Tensor2D);
			return bias ? tf.add(z, bias) : z;
		}
	}
	return layer.apply(x) as tf.Tensor;
}

/**
 * The classifier's forward pass, keeping every layer's output. The last layer is shown as its
 * softmax probabilities; `logits` holds the scores under them. The caller owns the result.
 * input: [28, 28, 1] (or any [H, W, C] the model takes).
 */
export function classifierForward(model: LayersModel, input: tf.Tensor3D): ClassifierForward {
	return tf.tidy(() => {
		const layers = chainLayers(model);
		const activations: tf.Tensor[] = [];
		let x: tf.Tensor = tf.expandDims(input, 0);
		let logits: tf.Tensor | null = null;
		layers.forEach((layer, i) => {
			if (i === layers.length - 1) {
				logits = applyLayer(layer, x, true);
				x = tf.softmax(logits as tf.Tensor2D);
			} else {
				x = applyLayer(layer, x, false);
			}
			activations.push(tf.squeeze(x, [0]));
		});
		if (!logits) throw new RangeError('the model has no layers');
		return { activations, logits: tf.squeeze(logits, [0]) as tf.Tensor1D };
	});
}

/**
 * The logits of a batch, for the confusion matrix and the saliency maps.
 * images: [B, H, W, C] → [B, classes]. Call inside tf.tidy (or dispose the result).
 */
export function classifierLogits(model: LayersModel, images: tf.Tensor4D): tf.Tensor2D {
	return applyChain(model, images, 0) as tf.Tensor2D;
}

/**
 * Applies chain layers [from, to) to x (batch axis included); when the range ends at the last
 * layer its output is the logits. Call inside tf.tidy.
 */
export function applyChain(model: LayersModel, x: tf.Tensor, from: number, to?: number): tf.Tensor {
	const layers = chainLayers(model);
	const end = to ?? layers.length;
	for (let i = from; i < end; i++) x = applyLayer(layers[i], x, i === layers.length - 1);
	return x;
}

/**
 * Reads tensors back in one transfer and disposes them. Returns one Float32Array per tensor
 * (views into one buffer), in order.
 */
export async function readActivations(tensors: tf.Tensor[]): Promise<Float32Array[]> {
	if (tensors.length === 0) return [];
	const flat = tf.tidy(() =>
		tf.concat(tensors.map((t) => tf.reshape(tf.cast(t, 'float32'), [-1])))
	);
	tf.dispose(tensors);
	const all = (await flat.data()) as Float32Array;
	flat.dispose();
	const out: Float32Array[] = [];
	let offset = 0;
	for (const t of tensors) {
		out.push(all.subarray(offset, offset + t.size));
		offset += t.size;
	}
	return out;
}
