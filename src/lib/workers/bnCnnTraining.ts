/**
 * Batch norm in a CNN (issue 22, "BN in a CNN"): ConvLab's own Fashion-MNIST classifier (the one
 * /network trains, architectures/fashionClassifier.ts) with and without its batch-norm layers, at
 * the base learning rate and at `multiple` × it (Ioffe & Szegedy's "BN-x5"), four variants side by
 * side in the shared loop on the same seed and batches, Adam as on /network. Test accuracy on the
 * first CNN_TEST_COUNT test images every CNN_TEST_EVERY steps, in inference mode (BN's moving
 * averages, no dropout). No DOM, no Worker: bnCnnTrainer.worker.ts serves `task`; the benchmark and
 * the unit tests drive it in Node.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { buildFashionClassifier } from '../engine/architectures/fashionClassifier';
import { evaluateClassifier, seededBatchStream, trainStep } from '../engine/classifierTraining';
import type { Optimizer } from '../engine/optimizer';
import { gatherBatch, type FashionSet } from '../engine/fashionMnistData';
import type { TrainingHost, WorkerTask } from '../training/workerHost';

/** test images evaluated every CNN_TEST_EVERY steps (the first of the test split) */
export const CNN_TEST_COUNT = 1000;
export const CNN_TEST_EVERY = 50;
/** /network's Adam rate and batch */
export const CNN_BASE_RATE = 0.002;
export const CNN_BATCH = 32;

export interface CnnConfig {
	batchNorm: boolean;
	/** this variant's learning rate as a multiple of the run's (1 or the "×5" of BN-x5) */
	multiple: number;
}

export interface CnnModel {
	network: LayersModel;
	multiple: number;
}

/** The lab's page → worker messages; replies: the data's size. */
export type CnnTask = { type: 'data'; dataUrl: string };
export type CnnReply = { type: 'data'; trainCount: number; testCount: number };

type Batch = { images: tf.Tensor4D; labels: Uint8Array };
type Host = TrainingHost<CnnConfig, CnnModel, Batch, CnnReply>;

/** The variant ids: cnn, cnn-bn, and cnn-x5, cnn-bn-x5 at `multiple` 5. */
export function cnnVariantId(config: CnnConfig): string {
	return `cnn${config.batchNorm ? '-bn' : ''}${config.multiple === 1 ? '' : `-x${config.multiple}`}`;
}

/** The four variants of the comparison at rate multiple `multiple`. */
export function cnnVariants(multiple: number): { id: string; config: CnnConfig }[] {
	return [
		{ batchNorm: false, multiple: 1 },
		{ batchNorm: true, multiple: 1 },
		{ batchNorm: false, multiple },
		{ batchNorm: true, multiple }
	].map((config) => ({ id: cnnVariantId(config), config }));
}

export function parseCnnConfig(value: unknown): CnnConfig | null {
	if (!value || typeof value !== 'object') return null;
	const { batchNorm, multiple } = value as Record<string, unknown>;
	if (typeof batchNorm !== 'boolean') return null;
	if (typeof multiple !== 'number' || !Number.isInteger(multiple) || multiple < 1 || multiple > 20)
		return null;
	return { batchNorm, multiple };
}

export function parseCnnTask(value: unknown): CnnTask | null {
	if (!value || typeof value !== 'object') return null;
	const m = value as Record<string, unknown>;
	return m.type === 'data' && typeof m.dataUrl === 'string' && m.dataUrl.endsWith('/')
		? { type: 'data', dataUrl: m.dataUrl }
		: null;
}

/**
 * One step with the optimizer at `multiple` × its rate (the run's rate is restored after, so a
 * rate change between steps applies to every variant in proportion).
 */
export function scaledStep(
	model: CnnModel,
	optimizer: Optimizer,
	batch: Batch
): Record<string, number> {
	const rate = optimizer.learningRate;
	optimizer.learningRate = rate * model.multiple;
	try {
		return { ...trainStep(model.network, optimizer, batch.images, batch.labels) };
	} finally {
		optimizer.learningRate = rate;
	}
}

export class CnnTraining {
	train: FashionSet | null = null;
	test: FashionSet | null = null;
	readonly task: WorkerTask<CnnConfig, CnnModel, Batch, CnnTask, CnnReply>;

	constructor(load: (dataUrl: string) => Promise<{ train: FashionSet; test: FashionSet }>) {
		this.task = {
			parseConfig: parseCnnConfig,
			parseTask: parseCnnTask,
			build: (config, seed) => ({
				network: buildFashionClassifier({ seed, batchNorm: config.batchNorm }),
				multiple: config.multiple
			}),
			dispose: (model) => model.network.dispose(),
			variables: (model) => model.network.trainableWeights.map((w) => w.read() as tf.Variable),
			weights: (model) =>
				model.network.weights.map((w) => ({ name: w.originalName, tensor: w.read() })),
			batches: (seed) => this.#batches(seed),
			update: async (model, optimizer, batch) => scaledStep(model, optimizer, batch),
			disposeBatch: (batch) => batch.images.dispose(),
			canTrain: () => this.train !== null,
			afterStep: (host) => {
				if ((host.trainer?.step ?? 0) % CNN_TEST_EVERY === 0) this.postTest(host);
			},
			afterFresh: (host) => this.postTest(host),
			handleTask: async (message, host) => {
				const { train, test } = await load(message.dataUrl);
				this.setData(train, test);
				host.postTask({ type: 'data', trainCount: train.count, testCount: this.test!.count });
				this.postTest(host);
			}
		};
	}

	setData(train: FashionSet, test: FashionSet): void {
		this.train = train;
		const n = Math.min(CNN_TEST_COUNT, test.count);
		this.test = {
			images: test.images.subarray(0, n * 784),
			labels: test.labels.subarray(0, n),
			count: n
		};
	}

	#batches(seed: number) {
		return seededBatchStream(
			() => this.train,
			seed + 17,
			(train, indices) => {
				const batch = gatherBatch(train, indices);
				return {
					images: tf.tensor4d(batch.images, [batch.count, 28, 28, 1]),
					labels: batch.labels
				};
			}
		);
	}

	/** Inference-mode loss and accuracy of every variant on the test images. */
	postTest(host: Host): void {
		const trainer = host.trainer;
		const test = this.test;
		if (!trainer || !test) return;
		host.postMetrics(
			trainer.variants.map(({ id, model }) => ({
				variant: id,
				series: 'test',
				step: trainer.step,
				epoch: trainer.epoch,
				values: { ...evaluateClassifier(model.network, test.images, test.labels, [28, 28, 1]) }
			}))
		);
	}
}
