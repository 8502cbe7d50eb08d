/**
 * The messages between a page and the live-training Worker
 * (src/lib/workers/classifierTrainer.worker.ts), and the pure bookkeeping on each side: command
 * validation, the panel's state reducer, the weight-snapshot throttle and the steps/s meter.
 * Kept apart from the Worker so all of it is unit-tested in Node.
 */

/** Weights of the model after `step` steps, in model.getWeights() order (buffers transferable). */
export interface WeightSnapshot {
	step: number;
	weights: { name: string; shape: number[]; values: Float32Array }[];
}

export const LEARNING_RATE_RANGE = { min: 1e-5, max: 0.1 } as const;
export const BATCH_SIZE_RANGE = { min: 1, max: 256 } as const;
export const DEFAULT_LEARNING_RATE = 0.002;
export const DEFAULT_BATCH_SIZE = 32;
/** Weight snapshots go out at most this often (ms): ~10 per second. */
export const SNAPSHOT_INTERVAL_MS = 100;

/** Page → Worker. */
export type TrainerCommand =
	| {
			type: 'init';
			/** URL of the shipped data folder, ending in '/' */
			dataUrl: string;
			/** held-out images taken from the test split */
			heldOut?: number;
			learningRate?: number;
			batchSize?: number;
			seed?: number;
			/** build the network with batch norm (as shipped; default) or without (fewer ops per step) */
			batchNorm?: boolean;
	  }
	| { type: 'start' }
	| { type: 'pause' }
	| { type: 'step' }
	/** fresh random weights (a new seed each time unless given), step count back to 0 */
	| { type: 'reset'; seed?: number }
	| { type: 'set'; learningRate?: number; batchSize?: number }
	| { type: 'export' };

export interface StepReport {
	step: number;
	epoch: number;
	loss: number;
	accuracy: number;
}

/** Worker → page. */
export type TrainerEvent =
	| { type: 'ready'; backend: string; trainCount: number; heldOutCount: number; parameters: number }
	/** one or more finished steps (batched when steps are faster than the page needs) */
	| { type: 'steps'; steps: StepReport[]; stepsPerSecond: number }
	| { type: 'heldOut'; step: number; loss: number; accuracy: number }
	| { type: 'weights'; snapshot: WeightSnapshot }
	| { type: 'state'; running: boolean; step: number; learningRate: number; batchSize: number }
	| { type: 'reset'; seed: number }
	| { type: 'exported'; modelJson: string; weights: ArrayBuffer }
	| { type: 'error'; message: string };

export function clampLearningRate(value: number): number {
	return Math.min(LEARNING_RATE_RANGE.max, Math.max(LEARNING_RATE_RANGE.min, value));
}

export function clampBatchSize(value: number): number {
	return Math.min(BATCH_SIZE_RANGE.max, Math.max(BATCH_SIZE_RANGE.min, Math.round(value)));
}

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * A message the Worker received, checked: a known command with valid fields (learning rate and
 * batch size clamped to their ranges), or null for anything else, which the Worker ignores.
 */
export function parseCommand(data: unknown): TrainerCommand | null {
	if (!data || typeof data !== 'object') return null;
	const m = data as Record<string, unknown>;
	const optionalNumber = (key: string) => (m[key] === undefined || isNumber(m[key]) ? true : false);
	switch (m.type) {
		case 'start':
		case 'pause':
		case 'step':
		case 'export':
			return { type: m.type };
		case 'reset':
			if (!optionalNumber('seed')) return null;
			return m.seed === undefined ? { type: 'reset' } : { type: 'reset', seed: m.seed as number };
		case 'set': {
			if (!optionalNumber('learningRate') || !optionalNumber('batchSize')) return null;
			if (m.learningRate === undefined && m.batchSize === undefined) return null;
			const command: TrainerCommand = { type: 'set' };
			if (m.learningRate !== undefined)
				command.learningRate = clampLearningRate(m.learningRate as number);
			if (m.batchSize !== undefined) command.batchSize = clampBatchSize(m.batchSize as number);
			return command;
		}
		case 'init': {
			if (typeof m.dataUrl !== 'string' || !m.dataUrl.endsWith('/')) return null;
			for (const key of ['heldOut', 'learningRate', 'batchSize', 'seed'])
				if (!optionalNumber(key)) return null;
			if (m.batchNorm !== undefined && typeof m.batchNorm !== 'boolean') return null;
			return {
				type: 'init',
				dataUrl: m.dataUrl,
				heldOut: m.heldOut === undefined ? undefined : Math.max(1, Math.round(m.heldOut as number)),
				learningRate:
					m.learningRate === undefined ? undefined : clampLearningRate(m.learningRate as number),
				batchSize: m.batchSize === undefined ? undefined : clampBatchSize(m.batchSize as number),
				seed: m.seed as number | undefined,
				batchNorm: m.batchNorm as boolean | undefined
			};
		}
		default:
			return null;
	}
}

/** Lets a snapshot through when at least `intervalMs` passed since the last one let through. */
export class SnapshotGate {
	private last = -Infinity;
	constructor(private readonly intervalMs = SNAPSHOT_INTERVAL_MS) {}
	/** true (and the clock restarts) when a snapshot may go out at `now` ms */
	ready(now: number): boolean {
		if (now - this.last < this.intervalMs) return false;
		this.last = now;
		return true;
	}
	reset(): void {
		this.last = -Infinity;
	}
}

/** Steps per second over the last `windowMs` of step end times. */
export class RateMeter {
	private times: number[] = [];
	constructor(private readonly windowMs = 2000) {}
	tick(now: number): void {
		this.times.push(now);
		while (this.times.length > 2 && now - this.times[0] > this.windowMs) this.times.shift();
	}
	/** NaN until two steps were seen */
	rate(): number {
		const n = this.times.length;
		if (n < 2) return NaN;
		const span = this.times[n - 1] - this.times[0];
		return span > 0 ? ((n - 1) * 1000) / span : NaN;
	}
	reset(): void {
		this.times = [];
	}
}

/** What the training panel shows, built from Worker events only. */
export interface TrainerView {
	status: 'loading' | 'ready' | 'error';
	backend: string | null;
	running: boolean;
	step: number;
	epoch: number;
	stepsPerSecond: number;
	learningRate: number;
	batchSize: number;
	trainCount: number;
	heldOutCount: number;
	parameters: number;
	/** per-step training loss and accuracy, against the step number */
	train: { step: number[]; loss: number[]; accuracy: number[] };
	/** periodic held-out loss and accuracy */
	heldOut: { step: number[]; loss: number[]; accuracy: number[] };
	error: string | null;
}

/** Longest training curve kept; beyond it every other point is dropped (the chart stays cheap). */
export const MAX_CURVE_POINTS = 2000;

export function initialTrainerView(learningRate: number, batchSize: number): TrainerView {
	return {
		status: 'loading',
		backend: null,
		running: false,
		step: 0,
		epoch: 0,
		stepsPerSecond: NaN,
		learningRate,
		batchSize,
		trainCount: 0,
		heldOutCount: 0,
		parameters: 0,
		train: { step: [], loss: [], accuracy: [] },
		heldOut: { step: [], loss: [], accuracy: [] },
		error: null
	};
}

function halve(curve: { step: number[]; loss: number[]; accuracy: number[] }) {
	const keep = <T>(a: T[]) => a.filter((_, i) => i % 2 === 1 || i === a.length - 1);
	return { step: keep(curve.step), loss: keep(curve.loss), accuracy: keep(curve.accuracy) };
}

/** The next view after one Worker event (pure; the curves are new arrays when they change). */
export function reduceTrainerView(view: TrainerView, event: TrainerEvent): TrainerView {
	switch (event.type) {
		case 'ready':
			return {
				...view,
				status: 'ready',
				backend: event.backend,
				trainCount: event.trainCount,
				heldOutCount: event.heldOutCount,
				parameters: event.parameters,
				error: null
			};
		case 'steps': {
			if (event.steps.length === 0) return view;
			let train = {
				step: [...view.train.step, ...event.steps.map((s) => s.step)],
				loss: [...view.train.loss, ...event.steps.map((s) => s.loss)],
				accuracy: [...view.train.accuracy, ...event.steps.map((s) => s.accuracy)]
			};
			while (train.step.length > MAX_CURVE_POINTS) train = halve(train);
			const last = event.steps[event.steps.length - 1];
			return {
				...view,
				train,
				step: last.step,
				epoch: last.epoch,
				stepsPerSecond: event.stepsPerSecond
			};
		}
		case 'heldOut':
			return {
				...view,
				heldOut: {
					step: [...view.heldOut.step, event.step],
					loss: [...view.heldOut.loss, event.loss],
					accuracy: [...view.heldOut.accuracy, event.accuracy]
				}
			};
		case 'state':
			return {
				...view,
				running: event.running,
				step: event.step,
				learningRate: event.learningRate,
				batchSize: event.batchSize
			};
		case 'reset':
			return {
				...initialTrainerView(view.learningRate, view.batchSize),
				status: view.status,
				backend: view.backend,
				trainCount: view.trainCount,
				heldOutCount: view.heldOutCount,
				parameters: view.parameters
			};
		case 'error':
			return { ...view, status: 'error', running: false, error: event.message };
		default:
			return view;
	}
}
