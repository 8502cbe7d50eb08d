/**
 * Adam (Kingma & Ba 2015), written out: the default optimizer of ConvLab's models (the classifier,
 * the U-Net, the variants a lab trains side by side; engine/sgd.ts is the other). It takes the same steps as
 * tf.train.adam (tests/unit/engine/adam.test.ts) but owns every tensor it makes, so a lab that
 * resets its networks many times returns to its tensor baseline, and its learning rate is a
 * public field that may change between steps (tf.train's is protected). Built from ops every
 * backend has; the gradients come from tf.variableGrads, so on WASM they use the kernels
 * wasmKernels.ts registers. Moments live in variables created on the first step; the step count
 * is a number.
 *   m ← β1·m + (1 − β1)·g,  v ← β2·v + (1 − β2)·g²,
 *   θ ← θ − lr · (m / (1 − β1^t)) / (√(v / (1 − β2^t)) + ε)
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Optimizer } from './optimizer';

/** Adam is an Optimizer (engine/optimizer.ts); the name stays for the code that trains with it. */
export type Adam = Optimizer;

export function adam(learningRate = 0.01, beta1 = 0.9, beta2 = 0.999, epsilon = 1e-7): Adam {
	const moments = new Map<tf.Variable, { m: tf.Variable; v: tf.Variable }>();
	let t = 0;
	const self: Adam = {
		learningRate,
		minimize(f, vars) {
			const { value, grads } = tf.variableGrads(f, vars);
			t++;
			const c1 = 1 - beta1 ** t;
			const c2 = 1 - beta2 ** t;
			tf.tidy(() => {
				for (const variable of vars) {
					const g = grads[variable.name];
					if (!g) continue;
					let state = moments.get(variable);
					if (!state) {
						state = {
							m: tf.variable(tf.zerosLike(variable), false),
							v: tf.variable(tf.zerosLike(variable), false)
						};
						moments.set(variable, state);
					}
					state.m.assign(tf.add(tf.mul(state.m, beta1), tf.mul(g, 1 - beta1)));
					state.v.assign(tf.add(tf.mul(state.v, beta2), tf.mul(tf.square(g), 1 - beta2)));
					const update = tf.div(tf.div(state.m, c1), tf.add(tf.sqrt(tf.div(state.v, c2)), epsilon));
					variable.assign(tf.sub(variable, tf.mul(update, self.learningRate)));
				}
			});
			tf.dispose(Object.values(grads));
			return value;
		},
		dispose() {
			for (const { m, v } of moments.values()) tf.dispose([m, v]);
			moments.clear();
		}
	};
	return self;
}
