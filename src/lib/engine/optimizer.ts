/**
 * What every optimizer in ConvLab offers the training loop: minimise a loss over variables, with
 * a learning rate that may change between steps, and own (and free) every tensor it makes.
 * Two implementations: Adam (engine/adam.ts, the default) and SGD with optional momentum and
 * weight decay (engine/sgd.ts, the optimizer of the published experiments the labs reproduce).
 */
import type * as tf from '@tensorflow/tfjs-core';

export interface Optimizer {
	/** read on every step, so it can change between steps with the optimizer's state kept */
	learningRate: number;
	/**
	 * Minimise f over vars: computes the gradients, updates, returns f's value (the caller owns
	 * it) — f is evaluated before the update.
	 */
	minimize(f: () => tf.Scalar, vars: tf.Variable[]): tf.Scalar;
	dispose(): void;
}

/**
 * Makes a fresh optimizer for a learning rate (one per variant a lab trains), given the variant's
 * config: a task whose variants train differently (/imbalance's recipes) reads it, the others
 * take the rate alone.
 */
export type OptimizerFactory<C = unknown> = (learningRate: number, config: C) => Optimizer;
