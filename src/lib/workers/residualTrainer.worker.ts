/**
 * The residual lab's training, off the main thread, through the shared training protocol
 * (src/lib/training/): plain and residual MLPs of one depth (engine/residual/) trained side by
 * side from one seed on one batch order, with SGD (momentum 0.9, weight decay 1e-4) on
 * standardized Fashion-MNIST. Training loss and accuracy every step, test accuracy every
 * TEST_EVERY steps with each layer's gradient norm on a fixed probe batch, and when training stops
 * (pause, the step limit, a single step) the lesion study (each block deleted alone on all 10,000
 * test images, and k random blocks deleted) and then Li et al.'s filter-normalized loss slice,
 * both a piece at a time and dropped when training goes on (startStudy).
 *
 * Created by the page with
 *   new Worker(new URL('$lib/workers/residualTrainer.worker.ts', import.meta.url), { type: 'module' })
 */
import * as tf from '@tensorflow/tfjs-core';
import { BatchSampler } from '$lib/engine/classifierTraining';
import { gatherBatch, type FashionSet } from '$lib/engine/fashionMnistData';
import {
	lesionAccuracy,
	randomLesionCurveSteps,
	singleBlockLesionSteps,
	type TestSet
} from '$lib/engine/residual/lesion';
import {
	filterNormalizedDirection,
	lossSlice,
	sliceAlphas,
	type SlicePoint
} from '$lib/engine/residual/lossSlice';
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
import {
	serveTraining,
	yieldToMessages,
	type TrainingHost,
	type WorkerTask
} from '$lib/training/workerHost';
import {
	CURVE_TEST_IMAGES,
	GRADIENT_PROBE,
	LESION_CURVE_IMAGES,
	LESION_DRAWS,
	parseResidualConfig,
	parseResidualTask,
	SLICE_DIRECTION_SEED,
	SLICE_IMAGES,
	SLICE_POINTS,
	TEST_EVERY,
	type ResidualReply,
	type ResidualTask,
	type VariantLesions,
	type VariantSlice
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

/**
 * What the paused nets are studied with, after training stops: the lesion study (each block deleted
 * alone on all 10,000 test images, k random blocks on the first LESION_CURVE_IMAGES), then Li et al.'s
 * loss slice. It runs a piece at a time (a block pass, an α), answering messages in between, and is
 * dropped as soon as the nets it studies change: Train, Step, Reset or a new depth. Depth 56's
 * study takes seconds: the worker no longer stops listening for them.
 */
let study: { cancelled: boolean } | null = null;
/** Pieces run back to back for at most this long before the worker answers its messages (ms). */
const SLICE_MS = 25;

function startStudy(host: Host): void {
	if (study) study.cancelled = true;
	const trainer = host.trainer;
	if (!trainer || !test) return;
	const token = { cancelled: false };
	study = token;
	const step = trainer.step;
	const models = trainer.variants.map((v) => v.model);
	const stale = () =>
		token.cancelled ||
		host.running ||
		host.trainer !== trainer ||
		trainer.step !== step ||
		trainer.variants.some((v, i) => v.model !== models[i]);
	runStudy(host, trainer, stale)
		.catch((error: unknown) => {
			// a study of nets replaced meanwhile may fail on their freed weights: nothing to report
			if (!stale())
				host.post({
					type: 'error',
					message: error instanceof Error ? error.message : String(error),
					stopped: false
				});
		})
		.finally(() => {
			if (study === token) study = null;
		});
}

/** Runs `steps` to its end, yielding to messages every SLICE_MS; null (and freed) once `stale`. */
async function piecewise<T>(steps: Generator<void, T>, stale: () => boolean): Promise<T | null> {
	let since = performance.now();
	try {
		for (;;) {
			if (stale()) return null;
			const next = steps.next();
			if (next.done) return next.value;
			if (performance.now() - since > SLICE_MS) {
				await yieldToMessages();
				since = performance.now();
			}
		}
	} finally {
		steps.return(undefined as T);
	}
}

async function runStudy(
	host: Host,
	trainer: NonNullable<Host['trainer']>,
	stale: () => boolean
): Promise<void> {
	const testSet = test!;
	const started = performance.now();
	const curveSet = firstImages(testSet, LESION_CURVE_IMAGES);
	const variants: VariantLesions[] = [];
	for (const { id, model } of trainer.variants) {
		const single = await piecewise(singleBlockLesionSteps(model, testSet), stale);
		if (!single) return;
		const randomK = await piecewise(
			randomLesionCurveSteps(model, curveSet, LESION_DRAWS, trainer.seed + 101),
			stale
		);
		if (!randomK) return;
		variants.push({ variant: id, config: model.config, single, randomK });
	}
	host.postTask({
		type: 'lesion',
		step: trainer.step,
		testCount: testSet.count,
		ms: performance.now() - started,
		variants
	});
	if (!train) return;
	const sliceStarted = performance.now();
	const count = Math.min(SLICE_IMAGES, train.count);
	const [x, labels] = tf.tidy(() => [
		tf.tensor2d(train!.images.subarray(0, count * 784), [count, 784]),
		tf.tensor1d(Int32Array.from(train!.labels.subarray(0, count)), 'int32')
	]);
	try {
		const slices: VariantSlice[] = [];
		for (const { id, model } of trainer.variants) {
			const direction = filterNormalizedDirection(model, trainer.seed + SLICE_DIRECTION_SEED);
			const alphas = sliceAlphas(SLICE_POINTS);
			function* points() {
				const out: SlicePoint[] = [];
				for (const alpha of alphas) {
					out.push(
						...lossSlice(model, direction, x as tf.Tensor2D, labels as tf.Tensor1D, [alpha])
					);
					yield;
				}
				return out;
			}
			const done = await piecewise(points(), stale);
			if (!done) return;
			slices.push({ variant: id, config: model.config, points: done });
		}
		host.postTask({
			type: 'slice',
			step: trainer.step,
			images: count,
			ms: performance.now() - sliceStarted,
			variants: slices
		});
	} finally {
		tf.dispose([x, labels]);
	}
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
		if (forced) startStudy(host);
	},
	afterStop(host) {
		postTestAccuracy(host);
		startStudy(host);
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
		if (message.type === 'lesion') return startStudy(host);
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
