/**
 * He et al.'s own argument, measured: with batch norm the plain net's gradients do not vanish.
 * The L2 norm of ∂loss/∂W for every weight layer (input layer, each block's two Linear layers,
 * the head), in forward order, on one batch in training mode (batch statistics, running averages
 * left alone). Names match namedWeights: 'input/W', 'block1/W1', …, 'head/W'.
 */
import * as tf from '@tensorflow/tfjs-core';
import { crossEntropy, forward, namedWeights, type ResidualNetwork } from './residualNetwork';

export function layerGradientNorms(
	net: ResidualNetwork,
	x: tf.Tensor2D,
	labels: tf.Tensor1D
): { name: string; norm: number }[] {
	const named = namedWeights(net);
	const weights = named.map((w) => w.tensor as tf.Variable);
	const norms = tf.tidy(() => {
		const { value, grads } = tf.variableGrads(
			() => crossEntropy(forward(net, x, { training: true }), labels),
			weights
		);
		value.dispose();
		return tf.stack(weights.map((w) => tf.norm(grads[w.name])));
	});
	const values = norms.dataSync();
	norms.dispose();
	return named.map((w, i) => ({ name: w.name, norm: values[i] }));
}
