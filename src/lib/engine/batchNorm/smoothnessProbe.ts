/**
 * Santurkar et al.'s Fig. 4 probe of the loss landscape along the training path: at the current
 * weights w with gradient g, step to w − k·η·g for several multiples k of the learning rate η and
 * measure the loss there and how far the gradient moved, ‖∇L(w − k·η·g) − g‖. A smooth landscape
 * (BN's, they argue) keeps both small and steady; that, not covariate shift, is what BN changes.
 * Evaluated on one fixed batch in training mode, with the running averages left alone and noisy
 * BN's noise drawn from a probe-only stream, so probing does not change the run itself.
 */
import * as tf from '@tensorflow/tfjs-core';
import { seededNormal, seededRandom } from '../seededRandom';
import { crossEntropy, forward, trainable, type IoffeNetwork } from './ioffeNetwork';

export const PROBE_MULTIPLES = [0.5, 1, 2, 3, 4] as const;

export interface ProbePoint {
	/** k: the step taken, in multiples of the learning rate */
	multiple: number;
	loss: number;
	/** ‖∇L(w − k·η·g) − ∇L(w)‖₂ */
	gradientChange: number;
}

function lossAndGradients(net: IoffeNetwork, x: tf.Tensor2D, labels: tf.Tensor1D) {
	return tf.variableGrads(
		() => crossEntropy(forward(net, x, true, false).logits, labels),
		trainable(net)
	);
}

export function smoothnessProbe(
	net: IoffeNetwork,
	x: tf.Tensor2D,
	labels: tf.Tensor1D,
	learningRate: number,
	multiples: readonly number[] = PROBE_MULTIPLES
): ProbePoint[] {
	const vars = trainable(net);
	const noise = net.noise;
	const probeNoise = () => ({ random: seededRandom(7), normal: seededNormal(8) });
	net.noise = probeNoise();
	const start = lossAndGradients(net, x, labels);
	const saved = vars.map((v) => tf.clone(v));
	const points: ProbePoint[] = [];
	try {
		for (const multiple of multiples) {
			tf.tidy(() => {
				vars.forEach((v, i) =>
					v.assign(tf.sub(saved[i], tf.mul(start.grads[v.name], multiple * learningRate)))
				);
			});
			net.noise = probeNoise();
			const there = lossAndGradients(net, x, labels);
			const change = tf.tidy(() =>
				tf.sqrt(
					tf.addN(
						vars.map((v) => tf.sum(tf.square(tf.sub(there.grads[v.name], start.grads[v.name]))))
					)
				)
			);
			points.push({
				multiple,
				loss: there.value.dataSync()[0],
				gradientChange: change.dataSync()[0]
			});
			tf.dispose([there.value, change, ...Object.values(there.grads)]);
		}
	} finally {
		vars.forEach((v, i) => v.assign(saved[i]));
		tf.dispose([start.value, ...Object.values(start.grads), ...saved]);
		net.noise = noise;
	}
	return points;
}
