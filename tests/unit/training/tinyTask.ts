// A training task small enough for the Node CPU backend: a linear model (3 inputs → 2 outputs)
// on 12 fixed examples, mean squared error, batches from a seeded shuffle. Each model records the
// example indices of every batch it trained on, so tests can see the batch order each variant got.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { BatchSampler } from '$lib/engine/classifierTraining';
import { seededRandom } from '$lib/engine/seededRandom';
import type { TrainingTask } from '$lib/training/variantTrainer';

export interface TinyConfig {
	/** scales the initial weights: variants that differ by it train differently */
	scale: number;
}

export interface TinyModel {
	w: tf.Variable;
	b: tf.Variable;
	/** the indices of every batch this model trained on, in order */
	seen: number[][];
}

export interface TinyBatch {
	indices: number[];
	x: tf.Tensor2D;
	y: tf.Tensor2D;
}

export const EXAMPLES = 12;
const random = seededRandom(99);
const INPUTS = Array.from({ length: EXAMPLES * 3 }, () => random() * 2 - 1);
const TARGETS = Array.from({ length: EXAMPLES }, (_, i) => [
	INPUTS[3 * i] - 2 * INPUTS[3 * i + 1],
	INPUTS[3 * i + 2] + 0.5
]).flat();

function variableOf(values: number[], shape: number[]): tf.Variable {
	const t = tf.tensor(values, shape);
	const v = tf.variable(t);
	t.dispose();
	return v;
}

export const tinyTask: TrainingTask<TinyConfig, TinyModel, TinyBatch> = {
	build(config, seed) {
		const r = seededRandom(seed);
		return {
			w: variableOf(
				Array.from({ length: 6 }, () => (r() - 0.5) * config.scale),
				[3, 2]
			),
			b: variableOf([0, 0], [2]),
			seen: []
		};
	},
	dispose: (model) => tf.dispose([model.w, model.b]),
	variables: (model) => [model.w, model.b],
	weights: (model) => [
		{ name: 'w', tensor: model.w },
		{ name: 'b', tensor: model.b }
	],
	batches(seed) {
		const sampler = new BatchSampler(EXAMPLES, seededRandom(seed + 1000));
		return {
			get epoch() {
				return sampler.epoch;
			},
			next(batchSize) {
				const indices = Array.from(sampler.next(batchSize));
				return {
					indices,
					x: tf.tensor2d(
						indices.flatMap((i) => INPUTS.slice(3 * i, 3 * i + 3)),
						[indices.length, 3]
					),
					y: tf.tensor2d(
						indices.flatMap((i) => TARGETS.slice(2 * i, 2 * i + 2)),
						[indices.length, 2]
					)
				};
			}
		};
	},
	async update(model, optimizer, batch) {
		model.seen.push(batch.indices);
		const loss = optimizer.minimize(
			() => tf.mean(tf.square(tf.sub(tf.add(tf.matMul(batch.x, model.w), model.b), batch.y))),
			[model.w, model.b]
		);
		const value = (await loss.data())[0];
		loss.dispose();
		return { loss: value };
	},
	disposeBatch: (batch) => tf.dispose([batch.x, batch.y])
};

/** The order a fresh sampler for `seed` deals batches in: the reference the tests hold to. */
export function expectedBatches(seed: number, batchSize: number, steps: number): number[][] {
	const sampler = new BatchSampler(EXAMPLES, seededRandom(seed + 1000));
	return Array.from({ length: steps }, () => Array.from(sampler.next(batchSize)));
}
