/**
 * The normalization lab's classifier runs, off the main thread, through the shared training
 * protocol (src/lib/training/): softmax regression from zero weights on the first 2,000 shipped
 * Fashion-MNIST training images under each of the five preprocessings (per-pixel statistics and
 * the ZCA matrix from those training images), one variant each, every step one full-batch update
 * by plain gradient descent (engine/sgd.ts) at the run's own η = rate · 20/λmax. Test accuracy on
 * every shipped test image every 25 steps and at each stop; the runs stop at the step limit.
 *
 * Created by the page with
 *   new Worker(new URL('$lib/workers/normalizationTrainer.worker.ts', import.meta.url), { type: 'module' })
 */
import * as tf from '@tensorflow/tfjs-core';
import {
	applyFashionTransform,
	covarianceEigen,
	FASHION_DIM,
	fashionTransform,
	pixelStatistics,
	rawClassifier,
	type FashionTransform
} from '$lib/engine/normalization/fashionPreprocessing';
import { PREPROCESSINGS, type Preprocessing } from '$lib/engine/normalization/preprocessing';
import { CLASSES, inputSecondMomentTopTwo } from '$lib/engine/normalization/softmaxRegression';
import {
	buildSoftmaxModel,
	disposeSoftmaxModel,
	linearAccuracy,
	softmaxUpdate,
	type SoftmaxModel
} from '$lib/engine/normalization/softmaxVariant';
import { sgd } from '$lib/engine/sgd';
import { startTrainingBackend } from '$lib/engine/trainingBackend';
import { loadFashionManifest, loadFashionSet } from '$lib/image/decodeSprite';
import { serveTraining, type TrainingHost, type WorkerTask } from '$lib/training/workerHost';
import {
	parseNormalizationTask,
	parseRunConfig,
	TEST_EVERY,
	type InputSpectrum,
	type NormalizationReply,
	type NormalizationRunConfig,
	type NormalizationTask
} from './normalizationProtocol';

/** The whole training set is every step's batch: nothing to carry. */
type FullBatch = true;
type Host = TrainingHost<NormalizationRunConfig, SoftmaxModel, FullBatch, NormalizationReply>;

interface Prepared {
	transform: FashionTransform;
	/** [N, 784] preprocessed training inputs, and [784, N] their transpose */
	inputs: tf.Tensor2D;
	transposed: tf.Tensor2D;
	/** the top two eigenvalues of E[x̃x̃ᵀ] */
	lambdaMax: number;
	lambda2: number;
}

interface Data {
	/** [N, 10] */
	targets: tf.Tensor2D;
	/** [M, 784] raw test images in [0, 1] (scored with the weights folded back onto raw pixels) */
	test: tf.Tensor2D;
	testLabels: Uint8Array;
	runs: Map<Preprocessing, Prepared>;
}

let data: Data | null = null;
let limit = 100;
/** the preprocessing of each model, for scoring */
const prepared = new WeakMap<SoftmaxModel, Prepared>();

async function load(message: Extract<NormalizationTask, { type: 'data' }>): Promise<Data> {
	const manifest = await loadFashionManifest(message.dataUrl);
	const [train, test] = await Promise.all([
		loadFashionSet(message.dataUrl, 'train', message.train, manifest),
		loadFashionSet(message.dataUrl, 'test', undefined, manifest)
	]);
	const stats = pixelStatistics(train.images, train.count);
	const eigen = covarianceEigen(stats);
	const raw = tf.tensor2d(train.images, [train.count, FASHION_DIM]);
	const runs = new Map<Preprocessing, Prepared>();
	for (const p of PREPROCESSINGS) {
		const transform = fashionTransform(p, stats, eigen);
		const inputs = tf.tidy(() => applyFashionTransform(raw, transform));
		const [lambdaMax, lambda2] = inputSecondMomentTopTwo(inputs, 50);
		runs.set(p, { transform, inputs, transposed: tf.transpose(inputs), lambdaMax, lambda2 });
	}
	raw.dispose();
	return {
		targets: tf.tidy(() => tf.oneHot(tf.tensor1d(train.labels, 'int32'), CLASSES) as tf.Tensor2D),
		test: tf.tensor2d(test.images, [test.count, FASHION_DIM]),
		testLabels: test.labels,
		runs
	};
}

function postTest(host: Host): void {
	const trainer = host.trainer;
	if (!trainer || !data) return;
	const d = data;
	host.postMetrics(
		trainer.variants.map(({ id, model }) => {
			const run = prepared.get(model)!;
			const folded = rawClassifier(
				run.transform,
				Float32Array.from(model.weights.dataSync()),
				Float32Array.from(model.bias.dataSync())
			);
			return {
				variant: id,
				series: 'test',
				step: trainer.step,
				epoch: trainer.epoch,
				values: { accuracy: linearAccuracy(d.test, d.testLabels, folded.weights, folded.bias) }
			};
		})
	);
}

const task: WorkerTask<
	NormalizationRunConfig,
	SoftmaxModel,
	FullBatch,
	NormalizationTask,
	NormalizationReply
> = {
	parseConfig: parseRunConfig,
	parseTask: parseNormalizationTask,
	optimizer: (learningRate) => sgd(learningRate),
	build(config) {
		const run = data?.runs.get(config.preprocessing);
		if (!data || !run) throw new Error('the Fashion-MNIST images are not loaded yet');
		const rate = (config.rate * 20) / run.lambdaMax;
		const model = buildSoftmaxModel(run.inputs, run.transposed, data.targets, rate);
		prepared.set(model, run);
		return model;
	},
	dispose: disposeSoftmaxModel,
	variables: (model) => [model.weights, model.bias],
	weights: (model) => [
		{ name: 'weights', tensor: model.weights },
		{ name: 'bias', tensor: model.bias }
	],
	batches() {
		let epoch = 0;
		return {
			get epoch() {
				return epoch;
			},
			next: () => (data ? (epoch++, true) : null)
		};
	},
	async update(model, optimizer) {
		return { loss: await softmaxUpdate(model, optimizer) };
	},
	canTrain: () => data !== null && (host.trainer?.step ?? 0) < limit,
	afterStep(h) {
		if (h.trainer && h.trainer.step % TEST_EVERY === 0) postTest(h);
	},
	// (not after fresh models: zero weights score every image as class 0)
	afterStop: postTest,
	async handleTask(message, h) {
		limit = message.steps;
		if (message.type === 'limit') return h.postState();
		data ??= await load(message);
		const spectra: InputSpectrum[] = PREPROCESSINGS.map((p) => {
			const { lambdaMax, lambda2 } = data!.runs.get(p)!;
			return { preprocessing: p, lambdaMax, lambda2 };
		});
		h.postTask({
			type: 'data',
			trainCount: data.targets.shape[0],
			testCount: data.testLabels.length,
			spectra
		});
	}
};

const host: Host = serveTraining(task, startTrainingBackend);
