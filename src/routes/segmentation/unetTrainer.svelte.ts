/**
 * The segmentation lab's trainer: the shared TrainingClient (src/lib/training/) on the U-Net's
 * worker, one variant ('main'), plus the lab's own replies kept as reactive state (the latest
 * mask, feature maps, the checkerboard demo, the skip comparison).
 */
import type { UNetConfig } from '$lib/engine/segmentation/unet';
import { TrainingClient } from '$lib/training/trainingClient.svelte';
import type {
	Prediction,
	SegmentationReply,
	SegmentationTask
} from '$lib/workers/segmentationProtocol';
import TrainerWorker from '$lib/workers/segmentationTrainer.worker.ts?worker';
import type { MapData } from '$lib/types/mapData';

type Compare = Extract<SegmentationReply, { type: 'compare-result' }>;
type Checker = Extract<SegmentationReply, { type: 'checkerboard' }>;

const LEARNING_RATE = 0.01;
/** crops per step (trainingStep.ts DEFAULT_STEP) */
const BATCH_SIZE = 4;
const VARIANT = 'main';

export class UNetTrainer {
	prediction = $state.raw<Prediction | null>(null);
	features = $state.raw<{ level: number; encoder: MapData; decoder: MapData | null } | null>(null);
	checkerboard = $state.raw<Checker | null>(null);
	comparison = $state.raw<Compare | null>(null);
	compareProgress = $state<{ done: number; total: number } | null>(null);

	readonly #client = new TrainingClient<UNetConfig, SegmentationTask, SegmentationReply>({
		createWorker: () => new TrainerWorker(),
		brokenMessage: (why) =>
			`The training worker could not start (${why}): training is unavailable in this browser. The pretrained modes still work.`,
		learningRate: LEARNING_RATE,
		batchSize: BATCH_SIZE,
		onTask: (reply) => this.#receive(reply),
		onError: () => (this.compareProgress = null)
	});

	get backend() {
		return this.#client.backend;
	}
	get running() {
		return this.#client.running;
	}
	get step() {
		return this.#client.step;
	}
	/** 0 while paused, as the lab shows it */
	get stepsPerSecond() {
		const rate = this.#client.stepsPerSecond;
		return this.running && Number.isFinite(rate) ? rate : 0;
	}
	/** the loss of every step since the last configure (thinned past 2,000 steps) */
	get losses(): number[] {
		return this.#client.curve(VARIANT).values.loss ?? [];
	}
	/** the step of each entry of `losses` */
	get lossSteps(): number[] {
		return this.#client.curve(VARIANT).step;
	}
	get error() {
		return this.#client.error;
	}
	/** the worker could not start (or died): nothing can train until the page is reloaded */
	get broken() {
		return this.#client.broken;
	}

	#receive(reply: SegmentationReply) {
		switch (reply.type) {
			case 'prediction': {
				const { type: _, ...prediction } = reply;
				this.prediction = prediction;
				break;
			}
			case 'features':
				this.features = reply;
				break;
			case 'checkerboard':
				this.checkerboard = reply;
				break;
			case 'compare-progress':
				this.compareProgress = { done: reply.done, total: reply.total };
				break;
			case 'compare-result':
				this.comparison = reply;
				this.compareProgress = null;
				break;
		}
	}

	/** Forget the last error of a training run (a new picture): a broken worker stays broken. */
	clearError() {
		this.#client.clearError();
	}
	/** A fresh network (paused, step 0); keeps picture and scribbles. */
	configure(config: UNetConfig, seed: number) {
		this.#client.configure([{ id: VARIANT, config }], seed, {
			learningRate: LEARNING_RATE,
			batchSize: BATCH_SIZE
		});
	}
	picture(rgb: Float32Array, height: number, width: number) {
		this.#client.task({ type: 'picture', rgb: rgb.slice(), height, width });
	}
	scribbles(labels: Uint8Array) {
		const copy = labels.slice();
		this.#client.task({ type: 'scribbles', labels: copy }, [copy.buffer]);
	}
	train() {
		this.#client.play();
	}
	pause() {
		this.#client.pause();
	}
	requestFeatures(level: number, channels = 8) {
		this.#client.task({ type: 'features', level, channels });
	}
	requestCheckerboard(upKernel: number) {
		this.#client.task({ type: 'checkerboard', upKernel });
	}
	compare(steps: number, reference: Uint8Array | null) {
		this.comparison = null;
		this.compareProgress = { done: 0, total: 2 * steps };
		this.#client.task({ type: 'compare', steps, reference: reference ? reference.slice() : null });
	}
	dispose() {
		this.#client.dispose();
	}
}
