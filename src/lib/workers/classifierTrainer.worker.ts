/**
 * Live training of ConvLab's Fashion-MNIST classifier, off the main thread. This Worker runs its
 * own TF.js (WASM with the filter-gradient kernel, or CPU: startTrainingBackend), loads the
 * shipped data, and trains one batch per loop turn, yielding to its message queue between
 * steps so pause, step, reset and setting changes take effect at the next step. It reports
 * per-step loss/accuracy, periodic held-out loss/accuracy, steps/s and weight snapshots (at
 * most ~10 per second, buffers transferred). Protocol: src/lib/engine/trainerProtocol.ts.
 *
 * Created by the page with
 *   new Worker(new URL('$lib/workers/classifierTrainer.worker.ts', import.meta.url), { type: 'module' })
 */
import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import {
	buildFashionClassifier,
	parameterCount
} from '$lib/engine/architectures/fashionClassifier';
import {
	BatchSampler,
	evaluateClassifier,
	setLearningRate,
	trainStep
} from '$lib/engine/classifierTraining';
import { gatherBatch, type FashionSet } from '$lib/engine/fashionMnistData';
import { seededRandom } from '$lib/engine/seededRandom';
import { startTrainingBackend } from '$lib/engine/trainingBackend';
import {
	DEFAULT_BATCH_SIZE,
	DEFAULT_LEARNING_RATE,
	parseCommand,
	RateMeter,
	SnapshotGate,
	type StepReport,
	type TrainerCommand,
	type TrainerEvent,
	type WeightSnapshot
} from './classifierProtocol';
import { loadFashionManifest, loadFashionSet } from '$lib/image/decodeSprite';

interface WorkerScope {
	postMessage(message: TrainerEvent, transfer?: Transferable[]): void;
	onmessage: ((event: MessageEvent) => void) | null;
}
const scope = self as unknown as WorkerScope;

/** Held-out evaluation every this many steps (500 images ≈ the cost of 5 steps at batch 32). */
const HELD_OUT_EVERY = 50;
const DEFAULT_HELD_OUT = 500;
/** Step reports are flushed to the page at most this often (ms), so fast steps don't flood it. */
const STEP_FLUSH_MS = 50;

let model: LayersModel | null = null;
let optimizer: tf.Optimizer | null = null;
let train: FashionSet | null = null;
let heldOut: FashionSet | null = null;
let sampler: BatchSampler | null = null;
let seed = 1;
let batchNorm = true;
let step = 0;
let learningRate = DEFAULT_LEARNING_RATE;
let batchSize = DEFAULT_BATCH_SIZE;
let running = false;
let looping = false;
let pending: StepReport[] = [];
let lastFlush = 0;
const gate = new SnapshotGate();
const meter = new RateMeter();

function post(event: TrainerEvent, transfer: Transferable[] = []): void {
	scope.postMessage(event, transfer);
}

function postState(): void {
	post({ type: 'state', running, step, learningRate, batchSize });
}

function freshModel(): void {
	model?.dispose();
	optimizer?.dispose();
	model = buildFashionClassifier({ seed, batchNorm });
	optimizer = tf.train.adam(learningRate);
	step = 0;
	meter.reset();
	gate.reset();
	pending = [];
}

function snapshot(): WeightSnapshot {
	return {
		step,
		weights: model!.weights.map((w) => ({
			name: w.originalName,
			shape: w.shape.map((d) => d ?? 0),
			// a copy: dataSync may be a view of the WASM heap, which must not be transferred
			values: (w.read().dataSync() as Float32Array).slice()
		}))
	};
}

function postSnapshot(): void {
	const s = snapshot();
	post(
		{ type: 'weights', snapshot: s },
		s.weights.map((w) => w.values.buffer)
	);
}

function postHeldOut(): void {
	const result = evaluateClassifier(model!, heldOut!.images, heldOut!.labels, [28, 28, 1]);
	post({ type: 'heldOut', step, ...result });
}

function flushSteps(force: boolean): void {
	const now = performance.now();
	if (!pending.length || (!force && now - lastFlush < STEP_FLUSH_MS)) return;
	post({ type: 'steps', steps: pending, stepsPerSecond: meter.rate() });
	pending = [];
	lastFlush = now;
}

/** One batch: update, report, and (throttled) a weight snapshot and the held-out figures. */
function oneStep(forceReports: boolean): void {
	const indices = sampler!.next(batchSize);
	const batch = gatherBatch(train!, indices);
	const x = tf.tensor4d(batch.images, [batch.count, 28, 28, 1]);
	let result;
	try {
		result = trainStep(model!, optimizer!, x, batch.labels);
	} finally {
		x.dispose();
	}
	step++;
	meter.tick(performance.now());
	pending.push({ step, epoch: sampler!.epoch, ...result });
	flushSteps(forceReports);
	if (forceReports || gate.ready(performance.now())) postSnapshot();
	if (step % HELD_OUT_EVERY === 0) postHeldOut();
}

/** Resolves after the Worker's queued messages had their turn (a 0 ms setTimeout is clamped). */
function yieldToMessages(): Promise<void> {
	return new Promise((resolve) => {
		const channel = new MessageChannel();
		channel.port1.onmessage = () => {
			channel.port1.close();
			resolve();
		};
		channel.port2.postMessage(null);
	});
}

async function loop(): Promise<void> {
	if (looping) return;
	looping = true;
	try {
		while (running) {
			oneStep(false);
			await yieldToMessages();
		}
	} catch (error) {
		running = false;
		post({ type: 'error', message: `Training stopped: ${(error as Error).message}` });
	} finally {
		looping = false;
		flushSteps(true);
		postState();
	}
}

async function init(command: Extract<TrainerCommand, { type: 'init' }>): Promise<void> {
	learningRate = command.learningRate ?? learningRate;
	batchSize = command.batchSize ?? batchSize;
	seed = command.seed ?? seed;
	batchNorm = command.batchNorm ?? batchNorm;
	const [backend, manifest] = await Promise.all([
		startTrainingBackend(),
		loadFashionManifest(command.dataUrl)
	]);
	[train, heldOut] = await Promise.all([
		loadFashionSet(command.dataUrl, 'train', undefined, manifest),
		loadFashionSet(command.dataUrl, 'test', command.heldOut ?? DEFAULT_HELD_OUT, manifest)
	]);
	sampler = new BatchSampler(train.count, seededRandom(seed + 17));
	freshModel();
	post({
		type: 'ready',
		backend,
		trainCount: train.count,
		heldOutCount: heldOut.count,
		parameters: parameterCount(model!)
	});
	postState();
	postSnapshot();
	postHeldOut();
}

async function exportModel(): Promise<void> {
	const name = 'convlab-fashion-cnn';
	await model!.save(
		tf.io.withSaveHandler(async (artifacts) => {
			const weights = artifacts.weightData as ArrayBuffer;
			const json = {
				format: 'layers-model',
				generatedBy: `ConvLab live training, step ${step}`,
				convertedBy: null,
				modelTopology: artifacts.modelTopology,
				weightsManifest: [{ paths: [`./${name}.weights.bin`], weights: artifacts.weightSpecs }]
			};
			post({ type: 'exported', modelJson: JSON.stringify(json), weights }, [weights]);
			return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
		})
	);
}

async function handle(command: TrainerCommand): Promise<void> {
	if (command.type === 'init') return init(command);
	if (!model) return; // not initialised yet: nothing to act on
	switch (command.type) {
		case 'start':
			if (!running) {
				running = true;
				postState();
				void loop();
			}
			return;
		case 'pause':
			if (running) {
				running = false; // the loop ends after its current step and posts the state
				postHeldOut();
			}
			return;
		case 'step':
			if (!running) {
				oneStep(true);
				postState();
			}
			return;
		case 'reset':
			seed = command.seed ?? seed + 1;
			running = false;
			while (looping) await yieldToMessages();
			freshModel();
			post({ type: 'reset', seed });
			postState();
			postSnapshot();
			postHeldOut();
			return;
		case 'set':
			if (command.learningRate !== undefined) {
				learningRate = command.learningRate;
				setLearningRate(optimizer!, learningRate);
			}
			if (command.batchSize !== undefined) batchSize = command.batchSize;
			postState();
			return;
		case 'export':
			return exportModel();
	}
}

// Commands run one after another: an async one (init, reset, export) finishes before the next.
let queue: Promise<void> = Promise.resolve();
scope.onmessage = (event: MessageEvent) => {
	const command = parseCommand(event.data);
	if (!command) return;
	queue = queue.then(() =>
		handle(command).catch((error: unknown) =>
			post({ type: 'error', message: (error as Error).message ?? String(error) })
		)
	);
};
