/**
 * The page's side of the training worker: sends typed requests, keeps what comes back as
 * reactive state (steps, loss curve, steps/s, the latest mask, feature maps, comparisons).
 */
import type { UNetConfig } from '$lib/engine/segmentation/unet';
import type { Prediction, TrainerReply, TrainerRequest } from '$lib/workers/segmentationProtocol';
import { sendWasmFiles } from '$lib/engine/wasmPaths';
import TrainerWorker from '$lib/workers/segmentationTrainer.worker.ts?worker';
import type { MapData } from '$lib/types/mapData';

type Compare = Extract<TrainerReply, { type: 'compare-result' }>;
type Checker = Extract<TrainerReply, { type: 'checkerboard' }>;

export class TrainerClient {
	backend = $state<string | null>(null);
	running = $state(false);
	step = $state(0);
	stepsPerSecond = $state(0);
	/** the loss of every step since the last reset */
	losses = $state.raw<number[]>([]);
	prediction = $state.raw<Prediction | null>(null);
	features = $state.raw<{ level: number; encoder: MapData; decoder: MapData | null } | null>(null);
	checkerboard = $state.raw<Checker | null>(null);
	comparison = $state.raw<Compare | null>(null);
	compareProgress = $state<{ done: number; total: number } | null>(null);
	error = $state<string | null>(null);
	/** when the first step of the current run started (performance.now()), for time-to-mask */
	trainingSince = $state<number | null>(null);

	/** the worker could not start (or died): nothing can train until the page is reloaded */
	broken = $state(false);

	#worker: Worker | null = null;
	/**
	 * What the learner last asked for. A step that was under way when Pause was pressed still
	 * reports "running" as it ends: that must not turn the button back to Pause (nor announce a
	 * new start) for a moment.
	 */
	#wanted = false;
	#onPrediction: ((p: Prediction) => void) | null = null;

	constructor() {
		try {
			this.#worker = new TrainerWorker();
		} catch (error) {
			// A browser that forbids workers (a policy, a locked-down kiosk) throws right here.
			this.#breaks(error instanceof Error ? error.message : String(error));
			return;
		}
		void sendWasmFiles(this.#worker);
		this.#worker.onmessage = (event: MessageEvent<TrainerReply>) => this.#receive(event.data);
		this.#worker.onerror = (event) => {
			event.preventDefault();
			this.#breaks(event.message || 'its script could not be loaded');
		};
	}

	#breaks(why: string) {
		this.broken = true;
		this.running = false;
		this.error = `The training worker could not start (${why}): training is unavailable in this browser. The pretrained modes still work.`;
	}

	/** Forget the last error of a training run (a new picture): a broken worker stays broken. */
	clearError() {
		if (!this.broken) this.error = null;
	}

	onPrediction(callback: (p: Prediction) => void) {
		this.#onPrediction = callback;
	}

	#send(message: TrainerRequest, transfer: Transferable[] = []) {
		this.#worker?.postMessage(message, transfer);
	}

	#receive(message: TrainerReply) {
		switch (message.type) {
			case 'ready':
				this.backend = message.backend;
				break;
			case 'progress':
				this.running = message.running && this.#wanted;
				if (message.step < this.step || message.step === 0) this.losses = [];
				if (message.step > this.step && Number.isFinite(message.loss))
					this.losses = [...this.losses, message.loss];
				this.step = message.step;
				this.stepsPerSecond = message.stepsPerSecond;
				break;
			case 'prediction': {
				const { type: _, ...prediction } = message;
				this.prediction = prediction;
				this.#onPrediction?.(prediction);
				break;
			}
			case 'features':
				this.features = message;
				break;
			case 'checkerboard':
				this.checkerboard = message;
				break;
			case 'compare-progress':
				this.compareProgress = { done: message.done, total: message.total };
				break;
			case 'compare-result':
				this.comparison = message;
				this.compareProgress = null;
				break;
			case 'error':
				this.error = message.message;
				this.#wanted = false;
				this.running = false;
				this.compareProgress = null;
				break;
		}
	}

	configure(config: UNetConfig, seed: number) {
		this.step = 0;
		this.losses = [];
		this.trainingSince = null;
		// A new network starts paused (the worker's rule).
		this.#wanted = false;
		this.running = false;
		this.#send({ type: 'configure', config, seed });
	}
	picture(rgb: Float32Array, height: number, width: number) {
		this.#send({ type: 'picture', rgb: rgb.slice(), height, width });
	}
	scribbles(labels: Uint8Array) {
		const copy = labels.slice();
		this.#send({ type: 'scribbles', labels: copy }, [copy.buffer]);
	}
	train() {
		if (this.broken) return;
		this.trainingSince ??= performance.now();
		this.#wanted = true;
		this.running = true;
		this.#send({ type: 'train' });
	}
	pause() {
		this.#wanted = false;
		this.running = false;
		this.#send({ type: 'pause' });
	}
	requestFeatures(level: number, channels = 8) {
		this.#send({ type: 'features', level, channels });
	}
	requestCheckerboard(upKernel: number) {
		this.#send({ type: 'checkerboard', upKernel });
	}
	compare(steps: number, reference: Uint8Array | null) {
		this.comparison = null;
		this.compareProgress = { done: 0, total: 2 * steps };
		this.#send({ type: 'compare', steps, reference: reference ? reference.slice() : null });
	}
	dispose() {
		this.#worker?.terminate();
	}
}
