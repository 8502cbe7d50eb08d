/**
 * The worker's side of the training protocol (protocol.ts), the same for every model: starts
 * the backend (trainingBackend.ts: WASM with ConvLab's kernels, else CPU), runs commands one
 * after another, trains the configured variants (variantTrainer.ts) one batch per loop turn,
 * yielding to the message queue between steps so pause, step, reset and settings take effect at
 * the next step, and streams metrics (≤ every 50 ms), weight snapshots and statistics (≤ ~10/s).
 * A model's worker is its `WorkerTask` and one `serveTraining(task)` call.
 */
import type { OptimizerFactory } from '$lib/engine/optimizer';
import {
	parseCommand,
	RateMeter,
	SnapshotGate,
	type LearningRateRange,
	type MetricPoint,
	type TrainingCommand,
	type TrainingEvent
} from './protocol';
import { VariantTrainer, type TrainingTask } from './variantTrainer';

export interface WorkerTask<C, M, B, X, R> extends TrainingTask<C, M, B> {
	/** a variant's config as received, checked (null: the command is ignored) */
	parseConfig(config: unknown): C | null;
	/** a fresh optimizer per variant (engine/sgd.ts…), from the rate and its config; Adam when absent */
	optimizer?: OptimizerFactory<C>;
	/** the model's own messages, checked */
	parseTask?(task: unknown): X | null;
	handleTask?(task: X, host: TrainingHost<C, M, B, R>): Promise<void> | void;
	/** the learning rates the model accepts; default protocol.ts LEARNING_RATE_RANGE (Adam's) */
	learningRates?: LearningRateRange;
	/** whether a step can run now (data loaded, scribbles painted…); default: yes */
	canTrain?(): boolean;
	/** after every step (`forced`: a single step the learner asked for) */
	afterStep?(host: TrainingHost<C, M, B, R>, forced: boolean): Promise<void> | void;
	/** the training loop stopped (pause, or nothing left to train on) */
	afterStop?(host: TrainingHost<C, M, B, R>): Promise<void> | void;
	/** fresh models (configure, reset) */
	afterFresh?(host: TrainingHost<C, M, B, R>): Promise<void> | void;
}

/** The part of a worker's global scope the host uses (a fake one in tests). */
export interface WorkerScope {
	postMessage(message: unknown, transfer?: Transferable[]): void;
	onmessage: ((event: MessageEvent) => void) | null;
}

/** Metrics are flushed to the page at most this often (ms), so fast steps don't flood it. */
const FLUSH_MS = 50;
const DEFAULT_LEARNING_RATE = 0.002;
const DEFAULT_BATCH_SIZE = 32;

/** Resolves after the worker's queued messages had their turn (a 0 ms setTimeout is clamped). */
export function yieldToMessages(): Promise<void> {
	return new Promise((resolve) => {
		const channel = new MessageChannel();
		channel.port1.onmessage = () => {
			channel.port1.close();
			resolve();
		};
		channel.port2.postMessage(null);
	});
}

export class TrainingHost<C, M, B, R> {
	trainer: VariantTrainer<C, M, B> | null = null;
	running = false;
	#looping: Promise<void> | null = null;
	/** the step now running, so a command that replaces or reads the models waits for it */
	#inFlight: Promise<unknown> = Promise.resolve();
	#pending: MetricPoint[] = [];
	#lastFlush = -Infinity;
	#snapshots = false;
	#statistics = false;
	#learningRate = DEFAULT_LEARNING_RATE;
	#batchSize = DEFAULT_BATCH_SIZE;
	readonly #meter = new RateMeter();
	readonly #snapshotGate = new SnapshotGate();
	readonly #statisticsGate = new SnapshotGate();
	#queue: Promise<void> = Promise.resolve();
	readonly #ready: Promise<unknown>;

	constructor(
		private readonly task: WorkerTask<C, M, B, unknown, R>,
		private readonly scope: WorkerScope,
		startBackend: () => Promise<string>
	) {
		this.#ready = startBackend().then(
			(backend) => this.post({ type: 'ready', backend }),
			(error: unknown) => this.#fail(error, false)
		);
		scope.onmessage = (event: MessageEvent) => {
			const command = parseCommand(
				event.data,
				task.parseConfig,
				task.parseTask,
				task.learningRates
			);
			if (!command) return;
			this.#queue = this.#queue.then(() =>
				this.#handle(command).catch((error: unknown) => this.#fail(error, false))
			);
		};
	}

	/** Resolves when every command received so far was handled (tests). */
	idle(): Promise<void> {
		return this.#queue;
	}

	post(event: TrainingEvent<R>, transfer: Transferable[] = []): void {
		this.scope.postMessage(event, transfer);
	}

	postTask(reply: R, transfer: Transferable[] = []): void {
		this.post({ type: 'task', task: reply }, transfer);
	}

	/** Figures outside the per-step stream (a held-out evaluation), in order after the steps. */
	postMetrics(points: MetricPoint[]): void {
		this.#flush(true);
		this.post({ type: 'metrics', points, stepsPerSecond: this.#meter.rate() });
	}

	postState(): void {
		this.post({
			type: 'state',
			running: this.running,
			step: this.trainer?.step ?? 0,
			learningRate: this.#learningRate,
			batchSize: this.#batchSize
		});
	}

	#fail(error: unknown, stopped: boolean): void {
		this.running = false;
		const message = error instanceof Error ? error.message : String(error);
		this.post({ type: 'error', message, stopped });
	}

	#canTrain(): boolean {
		return !!this.trainer && (this.task.canTrain?.() ?? true);
	}

	#flush(force: boolean): void {
		const now = performance.now();
		if (!this.#pending.length || (!force && now - this.#lastFlush < FLUSH_MS)) return;
		this.post({ type: 'metrics', points: this.#pending, stepsPerSecond: this.#meter.rate() });
		this.#pending = [];
		this.#lastFlush = now;
	}

	#postSnapshots(force: boolean): void {
		const trainer = this.trainer;
		if (!trainer) return;
		const now = performance.now();
		if (this.#snapshots && (force || this.#snapshotGate.ready(now)))
			for (const { id } of trainer.variants) {
				const snapshot = trainer.snapshot(id);
				this.post(
					{ type: 'weights', variant: id, snapshot },
					snapshot.weights.map((w) => w.values.buffer)
				);
			}
		if (this.#statistics && (force || this.#statisticsGate.ready(now)))
			for (const { id } of trainer.variants)
				this.post({
					type: 'statistics',
					variant: id,
					step: trainer.step,
					layers: trainer.statistics(id)
				});
	}

	/** One batch for every variant, then its reports. */
	async #oneStep(forced: boolean): Promise<void> {
		const trainer = this.trainer!;
		const result = await trainer.trainStep();
		if (!result) return;
		this.#meter.tick(performance.now());
		for (const [variant, values] of Object.entries(result.metrics))
			this.#pending.push({
				variant,
				series: 'train',
				step: result.step,
				epoch: result.epoch,
				values
			});
		this.#flush(forced);
		this.#postSnapshots(forced);
		await this.task.afterStep?.(this, forced);
	}

	/** Start training (after any loop still finishing: two loops must never share the models). */
	async play(): Promise<void> {
		if (this.running) return;
		await this.#looping;
		if (!this.#canTrain()) return this.postState();
		this.running = true;
		this.postState();
		this.#looping = this.#loop().finally(() => (this.#looping = null));
	}

	/** Stop after the current step; resolves when the loop (and its afterStop) ended. */
	async pause(): Promise<void> {
		if (this.running) {
			this.running = false;
			this.postState();
		}
		await this.#looping;
	}

	async #loop(): Promise<void> {
		try {
			while (this.running && this.#canTrain()) {
				const step = this.#oneStep(false);
				this.#inFlight = step.catch(() => undefined);
				await step;
				await yieldToMessages();
			}
			this.running = false;
			this.#flush(true);
			await this.task.afterStop?.(this);
		} catch (error) {
			this.#fail(error, true);
		} finally {
			this.running = false;
			this.#flush(true);
			this.postState();
		}
	}

	async #fresh(): Promise<void> {
		this.#meter.reset();
		this.#snapshotGate.reset();
		this.#statisticsGate.reset();
		this.#pending = [];
		this.postState();
		this.#postSnapshots(true);
		await this.task.afterFresh?.(this);
	}

	async #handle(command: TrainingCommand<C, unknown>): Promise<void> {
		if (command.type === 'task') {
			// the model's own messages may not need the backend (decoding data): no wait for it
			await this.#inFlight;
			await this.task.handleTask?.(command.task, this);
			return;
		}
		await this.#ready;
		if (command.type === 'pause') return this.pause();
		if (command.type === 'play') return this.play();
		await this.#inFlight;
		switch (command.type) {
			case 'configure':
				await this.pause();
				this.trainer?.dispose();
				this.trainer = null;
				this.#learningRate = command.learningRate ?? this.#learningRate;
				this.#batchSize = command.batchSize ?? this.#batchSize;
				this.#snapshots = command.snapshots ?? false;
				this.#statistics = command.statistics ?? false;
				this.trainer = new VariantTrainer(this.task, {
					seed: command.seed,
					variants: command.variants,
					learningRate: this.#learningRate,
					batchSize: this.#batchSize,
					optimizer: this.task.optimizer
				});
				this.post({
					type: 'configured',
					seed: command.seed,
					variants: this.trainer.parameters()
				});
				return this.#fresh();
			case 'reset': {
				if (!this.trainer) return;
				await this.pause();
				const seed = command.seed ?? this.trainer.seed + 1;
				this.trainer.reset(seed);
				this.post({ type: 'reset', seed });
				return this.#fresh();
			}
			case 'step':
				if (this.running || !this.#canTrain()) return this.postState();
				await this.#oneStep(true);
				this.#flush(true);
				return this.postState();
			case 'set':
				if (command.learningRate !== undefined) {
					this.#learningRate = command.learningRate;
					if (this.trainer) this.trainer.learningRate = command.learningRate;
				}
				if (command.batchSize !== undefined) {
					this.#batchSize = command.batchSize;
					if (this.trainer) this.trainer.batchSize = command.batchSize;
				}
				return this.postState();
		}
	}
}

/** Serve the training protocol in this worker for `task`. */
export function serveTraining<C, M, B, X, R>(
	task: WorkerTask<C, M, B, X, R>,
	startBackend: () => Promise<string>,
	scope: WorkerScope = self as unknown as WorkerScope
): TrainingHost<C, M, B, R> {
	return new TrainingHost(task as WorkerTask<C, M, B, unknown, R>, scope, startBackend);
}
