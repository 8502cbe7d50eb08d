/**
 * The residual lab's training, off the main thread, through the shared training protocol
 * (src/lib/training/): plain and residual MLPs of one depth (engine/residual/) trained side by
 * side from one seed on one batch order, with SGD (momentum 0.9, weight decay 1e-4) on
 * standardized Fashion-MNIST. Training loss and accuracy every step, test accuracy every
 * TEST_EVERY steps with each layer's gradient norm on a fixed probe batch, and when training stops (pause, the step limit, a single step) the lesion
 * study: each block deleted alone on all 10,000 test images, and k random blocks deleted.
 *
 * Created by the page with
 *   new Worker(new URL('$lib/workers/residualTrainer.worker.ts', import.meta.url), { type: 'module' })
 */
import * as tf from '@tensorflow/tfjs-core';
import { BatchSampler } from '$lib/engine/classifierTraining';
import { gatherBatch, type FashionSet } from '$lib/engine/fashionMnistData';
import {
	lesionAccuracy,
	randomLesionCurve,
	singleBlockLesions,
	type TestSet
} from '$lib/engine/residual/lesion';
import { layerGradientNorms } from '$lib/engine/residual/gradientNorms';
import { groupedSgd } from '$lib/engine/residual/groupedSgd';
import {
	disposeNetwork,
	namedWeights,
	residualNetwork,
	trainableVariables,
	trainStep,
	type ResidualConfig,
	type ResidualNetwork
} from '$lib/engine/residual/residualNetwork';
import { pixelMoments, RESIDUAL_RECIPE, standardize } from '$lib/engine/residual/residualTraining';
import { seededRandom } from '$lib/engine/seededRandom';
import { startTrainingBackend } from '$lib/engine/trainingBackend';
import { loadFashionManifest, loadFashionSet } from '$lib/image/decodeSprite';
import { serveTraining, type TrainingHost, type WorkerTask } from '$lib/training/workerHost';
import {
	CURVE_TEST_IMAGES,
	GRADIENT_PROBE,
	LESION_CURVE_IMAGES,
	LESION_DRAWS,
	parseResidualConfig,
	parseResidualTask,
	TEST_EVERY,
	type ResidualReply,
	type ResidualTask
} from './residualProtocol';

type Batch = { x: tf.Tensor2D; labels: tf.Tensor1D };
type Host = TrainingHost<ResidualConfig, ResidualNetwork, Batch, ResidualReply>;

let train: FashionSet | null = null;
let test: TestSet | null = null;
let limit = Infinity;

const firstImages = (set: TestSet, count: number): TestSet => {
	const n = Math.min(count, set.count);
	return { images: set.images.subarray(0, n * 784), labels: set.labels.subarray(0, n), count: n };
};

function postTestAccuracy(host: Host): void {
	const trainer = host.trainer;
	if (!trainer || !test) return;
	const subset = firstImages(test, CURVE_TEST_IMAGES);
	host.postMetrics(
		trainer.variants.map(({ id, model }) => ({
			variant: id,
			series: 'test',
			step: trainer.step,
			epoch: trainer.epoch,
			values: { accuracy: lesionAccuracy(model, subset) }
		}))
	);
}

/** Per-layer gradient norms of each net on a fixed probe batch (the first training images). */
function postGradientNorms(host: Host): void {
	const trainer = host.trainer;
	if (!trainer || !train) return;
	const count = Math.min(GRADIENT_PROBE, train.count);
	const [x, labels] = tf.tidy(() => [
		tf.tensor2d(train!.images.subarray(0, count * 784), [count, 784]),
		tf.tensor1d(Int32Array.from(train!.labels.subarray(0, count)), 'int32')
	]);
	host.postMetrics(
		trainer.variants.map(({ id, model }) => ({
			variant: id,
			series: 'gradients',
			step: trainer.step,
			epoch: trainer.epoch,
			values: Object.fromEntries(
				layerGradientNorms(model, x as tf.Tensor2D, labels as tf.Tensor1D).map((g) => [
					g.name,
					g.norm
				])
			)
		}))
	);
	tf.dispose([x, labels]);
}

function postLesions(host: Host): void {
	const trainer = host.trainer;
	if (!trainer || !test) return;
	const started = performance.now();
	const curveSet = firstImages(test, LESION_CURVE_IMAGES);
	const variants = trainer.variants.map(({ id, model }) => ({
		variant: id,
		config: model.config,
		single: singleBlockLesions(model, test!),
		randomK: randomLesionCurve(model, curveSet, LESION_DRAWS, trainer.seed + 101)
	}));
	host.postTask({
		type: 'lesion',
		step: trainer.step,
		testCount: test.count,
		ms: performance.now() - started,
		variants
	});
}

const task: WorkerTask<ResidualConfig, ResidualNetwork, Batch, ResidualTask, ResidualReply> = {
	parseConfig: parseResidualConfig,
	parseTask: parseResidualTask,
	optimizer: (learningRate) =>
		groupedSgd(learningRate, {
			momentum: RESIDUAL_RECIPE.momentum,
			weightDecay: RESIDUAL_RECIPE.weightDecay
		}),
	build: (config, seed) => residualNetwork(config, seed),
	dispose: disposeNetwork,
	variables: trainableVariables,
	weights: namedWeights,
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
					x: tf.tensor2d(batch.images, [batch.count, 784]),
					labels: tf.tensor1d(Int32Array.from(batch.labels), 'int32')
				};
			}
		};
	},
	async update(model, optimizer, batch) {
		return { ...trainStep(model, optimizer, batch.x, batch.labels) };
	},
	disposeBatch: (batch) => tf.dispose([batch.x, batch.labels]),
	canTrain: () => train !== null,
	afterStep(host, forced) {
		const trainer = host.trainer;
		if (!trainer) return;
		if (trainer.step % TEST_EVERY === 0) {
			postTestAccuracy(host);
			postGradientNorms(host);
		}
		// the loop sees `running` false before its next step and stops (afterStop follows)
		if (!forced && trainer.step >= limit) host.running = false;
		if (forced) postLesions(host);
	},
	afterStop(host) {
		postTestAccuracy(host);
		postLesions(host);
	},
	// untrained nets: test accuracy and gradients at initialisation (the lesion study of
	// chance-level nets waits for training)
	afterFresh(host) {
		postTestAccuracy(host);
		postGradientNorms(host);
	},
	async handleTask(message, host) {
		if (message.type === 'limit') {
			limit = message.steps;
			return;
		}
		if (message.type === 'lesion') return postLesions(host);
		const manifest = await loadFashionManifest(message.dataUrl);
		const [rawTrain, rawTest] = await Promise.all([
			loadFashionSet(message.dataUrl, 'train', undefined, manifest),
			loadFashionSet(message.dataUrl, 'test', undefined, manifest)
		]);
		const { mean, std } = pixelMoments(rawTrain.images);
		train = { ...rawTrain, images: standardize(rawTrain.images, mean, std) };
		test = { ...rawTest, images: standardize(rawTest.images, mean, std) };
		host.postTask({ type: 'data', trainCount: train.count, testCount: test.count });
		postTestAccuracy(host);
		postGradientNorms(host);
	}
};

serveTraining(task, startTrainingBackend);
