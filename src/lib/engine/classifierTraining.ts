/**
 * Training a classifier one batch at a time, the update behind live training (the worker in
 * src/lib/workers/classifierTrainer.worker.ts runs it through the shared training loop,
 * src/lib/training/, which can pause, change the learning rate or batch size between any two
 * steps, and report every step). Works with any
 * LayersModel whose output is a softmax over the classes: batch norm and dropout run in
 * training mode during a step (batch statistics, moving averages updated) and in inference
 * mode during evaluation.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import type { Adam } from './adam';
import { seededRandom } from './seededRandom';
import { trainingForward } from './trainingForward';

export interface BatchResult {
	/** mean categorical cross-entropy of the batch */
	loss: number;
	/** share of the batch classified correctly, in [0, 1] */
	accuracy: number;
}

/** Probabilities are clipped before the log so one confident mistake gives a large, finite loss. */
const EPSILON = 1e-7;

/** Mean cross-entropy of probabilities p [B, K] against integer labels [B]; a scalar tensor. */
function crossEntropy(p: tf.Tensor2D, oneHot: tf.Tensor2D): tf.Scalar {
	return tf.neg(tf.mean(tf.sum(tf.mul(oneHot, tf.log(tf.clipByValue(p, EPSILON, 1))), -1)));
}

/**
 * One optimiser step on one batch.
 * @param images [B, H, W, C] input batch
 * @param labels [B] class indices 0…K−1
 * @returns the batch's loss and accuracy before the update (the forward pass the gradient came from)
 */
export function trainStep(
	model: LayersModel,
	optimizer: Adam,
	images: tf.Tensor4D,
	labels: ArrayLike<number>
): BatchResult {
	const classes = model.outputs[0].shape[1] as number;
	const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
	let probabilities: tf.Tensor2D | undefined;
	const y = tf.tidy(() =>
		tf.oneHot(tf.tensor1d(Array.from(labels), 'int32'), classes)
	) as tf.Tensor2D;
	try {
		const loss = optimizer.minimize(() => {
			const p = trainingForward(model, images) as tf.Tensor2D;
			probabilities = tf.keep(p);
			return crossEntropy(p, y);
		}, variables);
		const lossValue = loss.dataSync()[0];
		loss.dispose();
		return { loss: lossValue, accuracy: accuracyOf(probabilities!, labels) };
	} finally {
		y.dispose();
		probabilities?.dispose();
	}
}

/** Share of rows whose largest score is at the label's index. */
function accuracyOf(scores: tf.Tensor2D, labels: ArrayLike<number>): number {
	const predicted = tf.tidy(() => tf.argMax(scores, -1).dataSync());
	let right = 0;
	for (let i = 0; i < labels.length; i++) if (predicted[i] === labels[i]) right++;
	return labels.length ? right / labels.length : NaN;
}

/**
 * Loss and accuracy on a held-out set, in inference mode, `chunk` images at a time (a few
 * thousand 28² images at once would be a large transient tensor in a phone's tab).
 * @param images [N, H, W, C] row-major floats, N = labels.length
 * @param shape [H, W, C] of one image
 */
export function evaluateClassifier(
	model: LayersModel,
	images: Float32Array,
	labels: ArrayLike<number>,
	shape: [number, number, number],
	chunk = 250
): BatchResult {
	const per = shape[0] * shape[1] * shape[2];
	const classes = model.outputs[0].shape[1] as number;
	let lossSum = 0;
	let right = 0;
	for (let start = 0; start < labels.length; start += chunk) {
		const n = Math.min(chunk, labels.length - start);
		const batchLabels = Array.from({ length: n }, (_, i) => labels[start + i]);
		const [loss, predicted] = tf.tidy(() => {
			const x = tf.tensor4d(images.subarray(start * per, (start + n) * per), [n, ...shape]);
			const p = model.predict(x) as tf.Tensor2D;
			const y = tf.oneHot(tf.tensor1d(batchLabels, 'int32'), classes) as tf.Tensor2D;
			return [crossEntropy(p, y).dataSync()[0], tf.argMax(p, -1).dataSync()] as const;
		});
		lossSum += loss * n;
		for (let i = 0; i < n; i++) if (predicted[i] === batchLabels[i]) right++;
	}
	return labels.length
		? { loss: lossSum / labels.length, accuracy: right / labels.length }
		: { loss: NaN, accuracy: NaN };
}

/**
 * The seeded batch order over a training set that may arrive after the first request: the
 * sampler starts at the first batch asked for once `data()` has the set, drawing with
 * seededRandom(seed); `pick` turns the chosen indices into what the model takes.
 */
export function seededBatchStream<T extends { count: number }, B>(
	data: () => T | null,
	seed: number,
	pick: (train: T, indices: Int32Array) => B
) {
	let sampler: BatchSampler | null = null;
	return {
		get epoch() {
			return sampler?.epoch ?? 0;
		},
		next(batchSize: number): B | null {
			const train = data();
			if (!train) return null;
			sampler ??= new BatchSampler(train.count, seededRandom(seed));
			return pick(train, sampler.next(batchSize));
		}
	};
}

/**
 * Endless stream of shuffled batches over `count` examples: each pass (epoch) visits every index
 * once in a fresh seeded order; a batch never straddles two passes (the tail of a pass is a
 * shorter batch), so an epoch is exactly ⌈count / batchSize⌉ steps at a fixed batch size.
 */
export class BatchSampler {
	private order: Int32Array;
	private position = 0;
	epoch = 0;

	constructor(
		private readonly count: number,
		private readonly random: () => number
	) {
		if (!(count > 0)) throw new Error('BatchSampler needs at least one example');
		this.order = new Int32Array(count);
		this.shuffle();
	}

	private shuffle(): void {
		for (let i = 0; i < this.count; i++) this.order[i] = i;
		// Fisher–Yates
		for (let i = this.count - 1; i > 0; i--) {
			const j = Math.floor(this.random() * (i + 1));
			const t = this.order[i];
			this.order[i] = this.order[j];
			this.order[j] = t;
		}
	}

	/** The next batch's indices (at most batchSize of them). */
	next(batchSize: number): Int32Array {
		if (this.position >= this.count) {
			this.shuffle();
			this.position = 0;
			this.epoch++;
		}
		const end = Math.min(this.count, this.position + Math.max(1, Math.floor(batchSize)));
		const batch = this.order.slice(this.position, end);
		this.position = end;
		return batch;
	}
}
