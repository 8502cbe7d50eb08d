/**
 * The page's side of a training worker, the same for every model: owns the Worker (started at
 * once or at the first command), sends the protocol's commands (protocol.ts), and keeps what comes
 * back as one reactive view (trainingView.ts). The page that makes a client disposes it when the
 * learner leaves. Model-specific replies go to `onTask`; weight snapshots to `onWeights`.
 *
 * The worker's events are delivered together once per animation frame: each message is a task of
 * its own, and each task that changes the view makes Svelte redraw every chart that reads it, so
 * a metrics message, a lab's reply and a state change arriving in one frame cost three redraws
 * (and a slow frame each) where one shows the same.
 */
import { sendWasmFiles } from '$lib/engine/wasmPaths';
import type { TrainingCommand, TrainingEvent, VariantConfig, WeightSnapshot } from './protocol';
import { curveOf, initialTrainingView, reduceTrainingView, type Curve } from './trainingView';

export interface TrainingClientOptions<R> {
	createWorker: () => Worker;
	/** the sentence shown when the worker cannot start (`why`: the browser's reason) */
	brokenMessage: (why: string) => string;
	/** start the worker at the first command rather than now */
	lazy?: boolean;
	learningRate?: number;
	batchSize?: number;
	onTask?: (reply: R) => void;
	onWeights?: (variant: string, snapshot: WeightSnapshot) => void;
	onReset?: (seed: number) => void;
	onError?: (message: string) => void;
}

/** A hidden tab runs no animation frames: its events are delivered by a timer after this (ms). */
const FRAME_FALLBACK_MS = 100;

export class TrainingClient<C, X = never, R = never> {
	view = $state.raw(initialTrainingView(0, 0));
	/** the worker could not start (or died): nothing can train until the page is reloaded */
	broken = $state(false);
	/** the worker has been asked to start (it may still be loading) */
	started = $state(false);
	/**
	 * The worker's own last word on whether it is stepping. The view can show a pause before the
	 * worker has stopped (showPaused): a Step sent meanwhile would be refused by a shard still on
	 * its way and taken by one already stopped.
	 */
	stepping = $state(false);

	#worker: Worker | null = null;
	/** commands sent before the worker started (lazy), in order */
	#waiting: { command: TrainingCommand<C, X>; transfer: Transferable[] }[] = [];
	#disposed = false;
	/**
	 * Whether the learner last asked to train. After a Pause, a "running" state the worker posted
	 * before it saw the Pause (a step under way) must not turn the button back for a moment.
	 */
	#wanted = false;
	/** events received since the last delivery, in order */
	#inbox: TrainingEvent<R>[] = [];
	#cancelDelivery: (() => void) | null = null;

	constructor(private readonly options: TrainingClientOptions<R>) {
		this.view = initialTrainingView(options.learningRate ?? 0.002, options.batchSize ?? 32);
		if (!options.lazy) this.start();
	}

	get backend() {
		return this.view.backend;
	}
	get running() {
		return this.view.running;
	}
	get step() {
		return this.view.step;
	}
	get stepsPerSecond() {
		return this.view.stepsPerSecond;
	}
	get error() {
		return this.view.error;
	}
	/** the curve of `series` for `variant` */
	curve(variant: string, series = 'train'): Curve {
		return curveOf(this.view, variant, series);
	}

	start(): void {
		if (this.started || this.#disposed) return;
		this.started = true;
		this.view = { ...this.view, status: 'loading' };
		try {
			this.#worker = this.options.createWorker();
		} catch (error) {
			// A browser that forbids workers (a policy, a locked-down kiosk) throws right here.
			this.#breaks(error instanceof Error ? error.message : String(error));
			return;
		}
		void sendWasmFiles(this.#worker);
		this.#worker.onmessage = (event: MessageEvent<TrainingEvent<R>>) => this.#receive(event.data);
		this.#worker.onerror = (event) => {
			event.preventDefault();
			this.#breaks(event.message || 'its script could not be loaded');
		};
		for (const { command, transfer } of this.#waiting) this.#worker.postMessage(command, transfer);
		this.#waiting = [];
	}

	#breaks(why: string): void {
		this.broken = true;
		this.#waiting = [];
		this.view = {
			...reduceTrainingView(this.view, { type: 'error', message: this.options.brokenMessage(why) }),
			status: 'error'
		};
		this.#worker?.terminate();
		this.#worker = null;
	}

	/** Keep `event` for the next animation frame (at once where there are none: Node). */
	#receive(event: TrainingEvent<R>): void {
		this.#inbox.push(event);
		if (this.#cancelDelivery) return;
		if (typeof requestAnimationFrame !== 'function') return this.#deliver();
		const deliver = () => {
			cancelAnimationFrame(frame);
			clearTimeout(timer);
			this.#deliver();
		};
		const frame = requestAnimationFrame(deliver);
		const timer = setTimeout(deliver, FRAME_FALLBACK_MS);
		this.#cancelDelivery = () => {
			cancelAnimationFrame(frame);
			clearTimeout(timer);
		};
	}

	/** Every kept event, in order, in one task: the page redraws once for all of them. */
	#deliver(): void {
		this.#cancelDelivery = null;
		const events = this.#inbox;
		this.#inbox = [];
		if (!this.#disposed) for (const event of events) this.#apply(event);
	}

	#apply(event: TrainingEvent<R>): void {
		this.view = reduceTrainingView(this.view, event);
		if (event.type === 'state') this.stepping = event.running;
		if (event.type === 'state' && event.running && !this.#wanted)
			this.view = { ...this.view, running: false };
		if (event.type === 'task') this.options.onTask?.(event.task);
		else if (event.type === 'weights') this.options.onWeights?.(event.variant, event.snapshot);
		else if (event.type === 'reset') this.options.onReset?.(event.seed);
		else if (event.type === 'error') this.options.onError?.(event.message);
	}

	/** Send a command; before a lazy worker started it waits (in order) for the start. */
	send(command: TrainingCommand<C, X>, transfer: Transferable[] = []): void {
		if (this.broken || this.#disposed) return;
		if (this.#worker) this.#worker.postMessage(command, transfer);
		else if (!this.started) this.#waiting.push({ command, transfer });
	}

	/** Fresh models for `variants` from `seed`, paused at step 0. */
	configure(
		variants: VariantConfig<C>[],
		seed: number,
		extra: Omit<
			Extract<TrainingCommand<C, X>, { type: 'configure' }>,
			'type' | 'variants' | 'seed'
		> = {}
	): void {
		// The client's learning rate and batch size are the run's unless the call names others: the
		// worker's own defaults (Adam 0.002, batches of 32) would otherwise train a lab that set
		// different ones — /imbalance trained at batch 32 while its view and code said 64.
		const { learningRate, batchSize } = this.options;
		this.send({
			type: 'configure',
			seed,
			variants,
			...(learningRate !== undefined ? { learningRate } : {}),
			...(batchSize !== undefined ? { batchSize } : {}),
			...extra
		});
	}
	// What the learner presses starts a lazy worker.
	play(): void {
		this.#wanted = true;
		this.send({ type: 'play' });
		this.start();
	}
	/** Shown paused at once: the worker stops after the step under way. */
	pause(): void {
		this.showPaused();
		this.send({ type: 'pause' });
	}
	/** Shown paused at once, while the worker runs on to a stop it has been given (a sharded Pause). */
	showPaused(): void {
		this.#wanted = false;
		if (this.view.running) this.view = { ...this.view, running: false };
	}
	stepOnce(): void {
		this.send({ type: 'step' });
		this.start();
	}
	reset(seed?: number): void {
		this.send(seed === undefined ? { type: 'reset' } : { type: 'reset', seed });
		this.start();
	}
	set(settings: { learningRate?: number; batchSize?: number }): void {
		this.send({ type: 'set', ...settings });
	}
	task(task: X, transfer: Transferable[] = []): void {
		this.send({ type: 'task', task }, transfer);
	}
	/** Forget the last training error (a new picture): a broken worker stays broken. */
	clearError(): void {
		if (!this.broken && this.view.error) this.view = { ...this.view, error: null, stopped: false };
	}

	dispose(): void {
		this.#disposed = true;
		this.#cancelDelivery?.();
		this.#cancelDelivery = null;
		this.#inbox = [];
		this.#worker?.terminate();
		this.#worker = null;
		this.#waiting = [];
	}
}
