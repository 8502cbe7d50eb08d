/**
 * What Ioffe & Szegedy's §4.1 experiment is to the shared training loop (src/lib/training/): a
 * model per variant (plain, BN, noisy BN; ioffeNetwork.ts), batches of the shipped Fashion-MNIST
 * training images in one seeded shuffled order, one optimizer step of cross-entropy per batch.
 * On top of the loop: test accuracy of every variant on the whole test split every TEST_EVERY
 * steps (inference mode: BN on its running averages, as PyTorch's model.eval(); for the BN variants
 * also on population statistics of the training images with the weights of that step, Ioffe &
 * Szegedy's Algorithm 2 — populationStatistics.ts), and the percentile bands of every hidden
 * sigmoid input (percentileHistory.ts), posted for the unit the learner follows.
 * No DOM, no Worker: the worker (batchNormTrainer.worker.ts) serves `task`; the benchmark and the
 * unit tests drive it in Node.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Optimizer } from '../engine/optimizer';
import { sgd } from '../engine/sgd';
import {
	accuracy,
	crossEntropy,
	disposeNetwork,
	forward,
	ioffeNetwork,
	trainable,
	type IoffeNetwork
} from '../engine/batchNorm/ioffeNetwork';
import { isLoggedStep, PercentileHistory } from '../engine/batchNorm/percentileHistory';
import type { BatchStatistics } from '../engine/batchNorm/batchNorm';
import { populationStatistics } from '../engine/batchNorm/populationStatistics';
import { smoothnessProbe } from '../engine/batchNorm/smoothnessProbe';
import { seededBatchStream } from '../engine/classifierTraining';
import { FASHION_PIXELS, gatherBatch, type FashionSet } from '../engine/fashionMnistData';
import { SnapshotGate } from '../training/protocol';
import type { TrainingHost, WorkerTask } from '../training/workerHost';
import {
	parseBatchNormConfig,
	LEARNING_RATES,
	parseBatchNormTask,
	TEST_EVERY,
	type BatchNormConfig,
	type BatchNormReply,
	type BatchNormTask,
	type FollowedUnit,
	type UnitParameters
} from './batchNormProtocol';

export type IoffeBatch = { x: tf.Tensor2D; y: tf.Tensor1D };
type Host = TrainingHost<BatchNormConfig, IoffeNetwork, IoffeBatch, BatchNormReply>;
export type BatchNormWorkerTask = WorkerTask<
	BatchNormConfig,
	IoffeNetwork,
	IoffeBatch,
	BatchNormTask,
	BatchNormReply
>;

/** images of the smoothness probe's fixed batch */
export const PROBE_BATCH = 60;
/** test images evaluated per forward pass (bounds the activations held at once) */
const TEST_CHUNK = 2500;

/** γ, β and the running averages of unit `unit` of hidden layer `layer` (0-based); null without BN. */
export function unitParameters(
	net: IoffeNetwork,
	layer: number,
	unit: number
): UnitParameters | null {
	const l = net.hidden[layer];
	if (!l?.gamma) return null;
	const at = (t: tf.Tensor) => t.dataSync()[unit];
	return {
		gamma: at(l.gamma),
		beta: at(l.shift),
		runningMean: at(l.runningMean!),
		runningVariance: at(l.runningVariance!)
	};
}

export class BatchNormTraining {
	train: FashionSet | null = null;
	/** [N, 784] the training images, for the population statistics */
	#trainImages: tf.Tensor2D | null = null;
	#test: { x: tf.Tensor2D; labels: Uint8Array }[] = [];
	testCount = 0;
	/** the smoothness probe's fixed batch: the first PROBE_BATCH training images */
	#probe: IoffeBatch | null = null;
	followed: FollowedUnit = { layer: 3, unit: 0 };
	readonly history = new PercentileHistory();
	/** this step's sigmoid inputs per variant, logged after every variant took the step */
	#pending: Record<string, Float32Array[]> = {};
	/** logged steps already posted for the followed unit */
	#sent = 0;
	readonly #gate = new SnapshotGate(150);
	readonly task: BatchNormWorkerTask;

	/** `load` fetches the shipped set (the worker's decoder; the tests' and benchmark's own) */
	constructor(
		load: (dataUrl: string, testCount?: number) => Promise<{ train: FashionSet; test: FashionSet }>
	) {
		this.task = {
			parseConfig: parseBatchNormConfig,
			parseTask: parseBatchNormTask,
			// Ioffe & Szegedy's §4.1: plain SGD (no momentum, no weight decay), at rates up to 10
			optimizer: (lr) => sgd(lr),
			learningRates: LEARNING_RATES,
			build: (config, seed) => ioffeNetwork(config.variant, seed, config.initSd),
			dispose: disposeNetwork,
			variables: trainable,
			weights: (net) => [
				...net.hidden.flatMap((layer, i) => [
					{ name: `hidden${i + 1}/kernel`, tensor: layer.weights as tf.Tensor },
					{ name: `hidden${i + 1}/${layer.gamma ? 'beta' : 'bias'}`, tensor: layer.shift },
					...(layer.gamma
						? [
								{ name: `hidden${i + 1}/gamma`, tensor: layer.gamma as tf.Tensor },
								{ name: `hidden${i + 1}/moving_mean`, tensor: layer.runningMean! },
								{ name: `hidden${i + 1}/moving_variance`, tensor: layer.runningVariance! }
							]
						: [])
				]),
				{ name: 'output/kernel', tensor: net.output.weights },
				{ name: 'output/bias', tensor: net.output.bias }
			],
			batches: (seed) => this.#batches(seed),
			update: async (net, optimizer, batch) => this.update(net, optimizer, batch),
			disposeBatch: (batch) => tf.dispose([batch.x, batch.y]),
			canTrain: () => this.train !== null,
			afterStep: (host, forced) => this.afterStep(host, forced),
			afterStop: (host) => this.postBands(host, false, true),
			afterFresh: (host) => {
				this.history.clear();
				this.#pending = {};
				this.#sent = 0;
				this.#gate.reset();
				this.postTest(host);
				this.postBands(host, true, true);
			},
			handleTask: async (message, host) => {
				if (message.type === 'follow') {
					this.followed = { layer: message.layer, unit: message.unit };
					return this.postBands(host, true, true);
				}
				if (message.type === 'weights') return this.postWeights(host);
				const { train, test } = await load(message.dataUrl, message.testCount);
				this.setData(train, test);
				host.postTask({ type: 'data', trainCount: train.count, testCount: test.count });
				// the models exist before the data: their step-0 accuracy is measured now
				this.postTest(host);
			}
		};
	}

	/** Use `train` for the batches and `test` for the accuracy (its tensors made once here). */
	setData(train: FashionSet, test: FashionSet): void {
		this.train = train;
		tf.dispose(this.#test.map((t) => t.x));
		this.#test = [];
		for (let start = 0; start < test.count; start += TEST_CHUNK) {
			const end = Math.min(test.count, start + TEST_CHUNK);
			this.#test.push({
				x: tf.tensor2d(test.images.subarray(start * FASHION_PIXELS, end * FASHION_PIXELS), [
					end - start,
					FASHION_PIXELS
				]),
				labels: test.labels.subarray(start, end)
			});
		}
		this.testCount = test.count;
		this.#trainImages?.dispose();
		this.#trainImages = tf.tensor2d(train.images.subarray(0, train.count * FASHION_PIXELS), [
			train.count,
			FASHION_PIXELS
		]);
		if (this.#probe) tf.dispose([this.#probe.x, this.#probe.y]);
		const n = Math.min(PROBE_BATCH, train.count);
		this.#probe = {
			x: tf.tensor2d(train.images.subarray(0, n * FASHION_PIXELS), [n, FASHION_PIXELS]),
			y: tf.tensor1d(Int32Array.from(train.labels.subarray(0, n)), 'int32')
		};
	}

	/** The seeded batch order over the training images (from the first batch: the data may come later). */
	#batches(seed: number) {
		return seededBatchStream(
			() => this.train,
			seed + 17,
			(train, indices) => {
				const batch = gatherBatch(train, indices);
				return {
					x: tf.tensor2d(batch.images, [batch.count, FASHION_PIXELS]),
					y: tf.tensor1d(Int32Array.from(batch.labels), 'int32')
				};
			}
		);
	}

	/** One optimizer step of `net` on `batch`; its sigmoid inputs wait for afterStep's log. */
	update(
		net: IoffeNetwork,
		optimizer: Pick<Optimizer, 'minimize'>,
		batch: IoffeBatch
	): Record<string, number> {
		let inputs: tf.Tensor[] = [];
		const value = optimizer.minimize(() => {
			const out = forward(net, batch.x, true, true);
			inputs = out.inputs.map((t) => tf.keep(t));
			return crossEntropy(out.logits, batch.y);
		}, trainable(net));
		const loss = value.dataSync()[0];
		this.#pending[net.variant] = inputs.map((t) => t.dataSync() as Float32Array);
		tf.dispose([value, ...inputs]);
		return { loss };
	}

	afterStep(host: Host, forced: boolean): void {
		const step = host.trainer?.step ?? 0;
		if (isLoggedStep(step)) this.history.record(step, this.#pending);
		this.#pending = {};
		if (step % TEST_EVERY === 0) this.postTest(host);
		this.postBands(host, false, forced);
	}

	/**
	 * Inference-mode accuracy of `net` on the test split (NaN before the data): BN on its running
	 * averages, or on `statistics` (one per hidden layer).
	 */
	testAccuracy(net: IoffeNetwork, statistics?: readonly BatchStatistics[]): number {
		if (!this.testCount) return NaN;
		let right = 0;
		for (const chunk of this.#test)
			right += accuracy(net, chunk.x, chunk.labels, false, statistics) * chunk.labels.length;
		return right / this.testCount;
	}

	/**
	 * Test accuracy of a BN network on Algorithm 2's population statistics: those of the training
	 * images in mini-batches of `batchSize`, with the weights as they are now (NaN before the data).
	 */
	populationAccuracy(net: IoffeNetwork, batchSize: number): number {
		if (!this.#trainImages || !this.testCount) return NaN;
		const statistics = populationStatistics(net, this.#trainImages, batchSize);
		const result = this.testAccuracy(net, statistics);
		tf.dispose(statistics.flatMap((s) => [s.mean, s.variance]));
		return result;
	}

	/**
	 * Test accuracy, and Santurkar et al.'s smoothness probe on the fixed probe batch: the loss and
	 * the gradient's change at 0.5–4 × the step along the gradient (min, at 1×, max).
	 */
	postTest(host: Host): void {
		const trainer = host.trainer;
		if (!trainer || !this.testCount) return;
		const at = { step: trainer.step, epoch: trainer.epoch };
		host.postMetrics(
			trainer.variants.flatMap(({ id, model }) => {
				const test = {
					variant: id,
					series: 'test',
					...at,
					values: {
						accuracy: this.testAccuracy(model),
						...(model.variant === 'plain'
							? {}
							: { populationAccuracy: this.populationAccuracy(model, trainer.batchSize) })
					}
				};
				if (!this.#probe) return [test];
				const points = smoothnessProbe(model, this.#probe.x, this.#probe.y, trainer.learningRate);
				const loss = points.map((p) => p.loss);
				const change = points.map((p) => p.gradientChange);
				const one = points.find((p) => p.multiple === 1);
				const probe = {
					variant: id,
					series: 'probe',
					...at,
					values: {
						lossMin: Math.min(...loss),
						loss: one?.loss ?? NaN,
						lossMax: Math.max(...loss),
						gradientChangeMin: Math.min(...change),
						gradientChange: one?.gradientChange ?? NaN,
						gradientChangeMax: Math.max(...change)
					}
				};
				return [test, probe];
			})
		);
	}

	/** The followed unit's band since the last post (all of it with `replace`), ≤ ~7 per second. */
	postBands(host: Host, replace: boolean, force: boolean): void {
		if (!force && !this.#gate.ready(performance.now())) return;
		const from = replace ? 0 : this.#sent;
		if (!replace && from >= this.history.steps.length) return;
		const { layer, unit } = this.followed;
		const bands = Object.fromEntries(
			(host.trainer?.variants ?? []).map(({ id, model }) => [
				id,
				this.history.band(model.variant, layer - 1, unit, from)
			])
		);
		const parameters = Object.fromEntries(
			(host.trainer?.variants ?? []).map(({ id, model }) => [
				id,
				unitParameters(model, layer - 1, unit)
			])
		);
		this.#sent = this.history.steps.length;
		host.postTask({ type: 'bands', replace, layer, unit, bands, parameters });
	}

	/** Every variant's weights now (copies, their buffers transferred to the page). */
	postWeights(host: Host): void {
		const trainer = host.trainer;
		if (!trainer) return;
		const variants = Object.fromEntries(
			trainer.variants.map(({ id }) => [id, trainer.snapshot(id)])
		);
		const buffers = Object.values(variants).flatMap((s) => s.weights.map((w) => w.values.buffer));
		host.postTask(
			{ type: 'weights', step: trainer.step, lr: trainer.learningRate, variants },
			buffers
		);
	}

	dispose(): void {
		if (this.#probe) tf.dispose([this.#probe.x, this.#probe.y]);
		this.#probe = null;
		tf.dispose(this.#test.map((t) => t.x));
		this.#test = [];
		this.#trainImages?.dispose();
		this.#trainImages = null;
	}
}
