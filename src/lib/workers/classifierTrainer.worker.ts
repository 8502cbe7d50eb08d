/**
 * Live training of ConvLab's Fashion-MNIST classifier, off the main thread, through the shared
 * training protocol (src/lib/training/): this file says what the classifier is to the loop — a
 * LayersModel per variant, batches of the shipped subset in a seeded shuffled order, a
 * cross-entropy step — and adds its own messages (classifierProtocol.ts): load the data, export
 * the trained model. Held-out loss and accuracy every 50 steps, at a pause and after a reset.
 *
 * Created by the page with
 *   new Worker(new URL('$lib/workers/classifierTrainer.worker.ts', import.meta.url), { type: 'module' })
 */
import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { buildFashionClassifier } from '$lib/engine/architectures/fashionClassifier';
import { BatchSampler, evaluateClassifier, trainStep } from '$lib/engine/classifierTraining';
import { gatherBatch, type FashionSet } from '$lib/engine/fashionMnistData';
import { seededRandom } from '$lib/engine/seededRandom';
import { startTrainingBackend } from '$lib/engine/trainingBackend';
import { loadFashionManifest, loadFashionSet } from '$lib/image/decodeSprite';
import { serveTraining, type TrainingHost, type WorkerTask } from '$lib/training/workerHost';
import {
	parseClassifierConfig,
	parseClassifierTask,
	type ClassifierConfig,
	type ClassifierReply,
	type ClassifierTask
} from './classifierProtocol';

type Batch = { images: tf.Tensor4D; labels: Uint8Array };
type Host = TrainingHost<ClassifierConfig, LayersModel, Batch, ClassifierReply>;

/** Held-out evaluation every this many steps (500 images ≈ the cost of 5 steps at batch 32). */
const HELD_OUT_EVERY = 50;

let train: FashionSet | null = null;
let heldOut: FashionSet | null = null;

function postHeldOut(host: Host): void {
	const trainer = host.trainer;
	if (!trainer || !heldOut) return;
	host.postMetrics(
		trainer.variants.map(({ id, model }) => {
			const values = evaluateClassifier(model, heldOut!.images, heldOut!.labels, [28, 28, 1]);
			return {
				variant: id,
				series: 'heldOut',
				step: trainer.step,
				epoch: trainer.epoch,
				values: { ...values }
			};
		})
	);
}

async function exportModel(host: Host): Promise<void> {
	const trainer = host.trainer;
	if (!trainer) return;
	const name = 'convlab-fashion-cnn';
	await trainer.variants[0].model.save(
		tf.io.withSaveHandler(async (artifacts) => {
			const weights = artifacts.weightData as ArrayBuffer;
			const json = {
				format: 'layers-model',
				generatedBy: `ConvLab live training, step ${trainer.step}`,
				convertedBy: null,
				modelTopology: artifacts.modelTopology,
				weightsManifest: [{ paths: [`./${name}.weights.bin`], weights: artifacts.weightSpecs }]
			};
			host.postTask({ type: 'exported', modelJson: JSON.stringify(json), weights }, [weights]);
			return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
		})
	);
}

const task: WorkerTask<ClassifierConfig, LayersModel, Batch, ClassifierTask, ClassifierReply> = {
	parseConfig: parseClassifierConfig,
	parseTask: parseClassifierTask,
	build: (config, seed) => buildFashionClassifier({ seed, batchNorm: config.batchNorm }),
	dispose: (model) => model.dispose(),
	variables: (model) => model.trainableWeights.map((w) => w.read() as tf.Variable),
	weights: (model) => model.weights.map((w) => ({ name: w.originalName, tensor: w.read() })),
	batches(seed) {
		const sampler = train ? new BatchSampler(train.count, seededRandom(seed + 17)) : null;
		return {
			get epoch() {
				return sampler?.epoch ?? 0;
			},
			next(batchSize) {
				if (!sampler || !train) return null;
				const batch = gatherBatch(train, sampler.next(batchSize));
				return {
					images: tf.tensor4d(batch.images, [batch.count, 28, 28, 1]),
					labels: batch.labels
				};
			}
		};
	},
	async update(model, optimizer, batch) {
		return { ...trainStep(model, optimizer, batch.images, batch.labels) };
	},
	disposeBatch: (batch) => batch.images.dispose(),
	canTrain: () => train !== null,
	afterStep(host) {
		if (host.trainer && host.trainer.step % HELD_OUT_EVERY === 0) postHeldOut(host);
	},
	afterStop: postHeldOut,
	afterFresh: postHeldOut,
	async handleTask(message, host) {
		if (message.type === 'export') return exportModel(host);
		const manifest = await loadFashionManifest(message.dataUrl);
		[train, heldOut] = await Promise.all([
			loadFashionSet(message.dataUrl, 'train', undefined, manifest),
			loadFashionSet(message.dataUrl, 'test', message.heldOut, manifest)
		]);
		host.postTask({ type: 'data', trainCount: train.count, heldOutCount: heldOut.count });
	}
};

serveTraining(task, startTrainingBackend);
