/**
 * Stochastic gradient descent as PyTorch's torch.optim.SGD defines it (dampening 0, not
 * Nesterov), written out so that it owns its tensors and its learning rate may change between
 * steps, like engine/adam.ts:
 *   g ← ∇f(θ) + λ·θ            (weight decay λ, L2 added to the gradient)
 *   v ← μ·v + g                (momentum μ; v starts as the first g; with μ = 0 there is no v)
 *   θ ← θ − lr·v
 * Plain SGD (μ = 0, λ = 0) is Ioffe & Szegedy's optimizer; μ = 0.9, λ = 1e-4 is He et al.'s.
 * tf.train.momentum starts its accumulator at 0 instead of g, which gives the same steps (μ·0 + g).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Optimizer } from './optimizer';

export interface SgdOptions {
	momentum?: number;
	weightDecay?: number;
}

export function sgd(
	learningRate = 0.01,
	{ momentum = 0, weightDecay = 0 }: SgdOptions = {}
): Optimizer {
	if (!(momentum >= 0 && momentum < 1))
		throw new Error(`momentum must be in [0, 1), got ${momentum}`);
	if (!(weightDecay >= 0)) throw new Error(`weight decay must be ≥ 0, got ${weightDecay}`);
	const velocities = new Map<tf.Variable, tf.Variable>();
	const self: Optimizer = {
		learningRate,
		minimize(f, vars) {
			const { value, grads } = tf.variableGrads(f, vars);
			tf.tidy(() => {
				for (const variable of vars) {
					let g: tf.Tensor = grads[variable.name];
					if (!g) continue;
					if (weightDecay > 0) g = tf.add(g, tf.mul(variable, weightDecay));
					if (momentum > 0) {
						let v = velocities.get(variable);
						if (!v) {
							v = tf.variable(tf.zerosLike(variable), false);
							velocities.set(variable, v);
						}
						v.assign(tf.add(tf.mul(v, momentum), g));
						g = v;
					}
					variable.assign(tf.sub(variable, tf.mul(g, self.learningRate)));
				}
			});
			tf.dispose(Object.values(grads));
			return value;
		},
		dispose() {
			tf.dispose([...velocities.values()]);
			velocities.clear();
		}
	};
	return self;
}
