/**
 * The one protocol between a page and a training Worker (workerHost.ts on the worker's side,
 * trainingClient.svelte.ts on the page's). Every model trains through it: configure a list of
 * variants (each an id and a model config) from one seed, then play / pause / step one / reset,
 * change the learning rate or batch size between steps; the worker streams metrics per variant,
 * per-layer weight statistics and weight snapshots. What is particular to one model (the data it
 * loads, a picture and scribbles, an export) travels as a `task` message the model's own worker
 * parses. Pure: unit-tested in Node.
 */

/** One model a worker trains: the lab names it (`id`) and says how to build it (`config`). */
export interface VariantConfig<C = unknown> {
	id: string;
	config: C;
}

export const LEARNING_RATE_RANGE = { min: 1e-5, max: 0.1 } as const;
export const BATCH_SIZE_RANGE = { min: 1, max: 256 } as const;
/** A lab compares a handful of variants side by side, never dozens. */
export const MAX_VARIANTS = 8;

/** Page → worker. `C` is the model config, `X` the model's own messages. */
export type TrainingCommand<C = unknown, X = unknown> =
	| {
			/** fresh models for every variant from `seed` (paused, step 0); replaces any earlier set */
			type: 'configure';
			seed: number;
			variants: VariantConfig<C>[];
			learningRate?: number;
			batchSize?: number;
			/** stream weight snapshots (≤ ~10/s per variant) */
			snapshots?: boolean;
			/** stream per-layer weight statistics (≤ ~10/s per variant) */
			statistics?: boolean;
	  }
	| { type: 'play' }
	| { type: 'pause' }
	/** one batch, when paused */
	| { type: 'step' }
	/** fresh models from `seed` (the next seed when none is given), step count back to 0 */
	| { type: 'reset'; seed?: number }
	| { type: 'set'; learningRate?: number; batchSize?: number }
	| { type: 'task'; task: X };

/** One variant's figures after one step (or one evaluation): series 'train', 'heldOut'… */
export interface MetricPoint {
	variant: string;
	series: string;
	step: number;
	epoch: number;
	values: Record<string, number>;
}

/** Weights of one model after `step` steps, in a fixed order (buffers transferable). */
export interface WeightSnapshot {
	step: number;
	weights: { name: string; shape: number[]; values: Float32Array }[];
}

/** Summary of one weight tensor. */
export interface LayerStatistics {
	name: string;
	size: number;
	mean: number;
	/** population standard deviation */
	std: number;
	min: number;
	max: number;
}

/** Worker → page. `R` is the model's own replies. */
export type TrainingEvent<R = unknown> =
	| { type: 'ready'; backend: string }
	| { type: 'configured'; seed: number; variants: { id: string; parameters: number }[] }
	/** finished steps (batched when steps are faster than the page needs), all variants */
	| { type: 'metrics'; points: MetricPoint[]; stepsPerSecond: number }
	| { type: 'statistics'; variant: string; step: number; layers: LayerStatistics[] }
	| { type: 'weights'; variant: string; snapshot: WeightSnapshot }
	| { type: 'state'; running: boolean; step: number; learningRate: number; batchSize: number }
	| { type: 'reset'; seed: number }
	| { type: 'task'; task: R }
	/** `stopped`: a step failed, and the training with it */
	| { type: 'error'; message: string; stopped?: boolean };

/** The learning rates a model accepts (a worker task may widen the default: plain SGD's 0.5–10). */
export interface LearningRateRange {
	min: number;
	max: number;
}

export function clampLearningRate(
	value: number,
	range: LearningRateRange = LEARNING_RATE_RANGE
): number {
	return Math.min(range.max, Math.max(range.min, value));
}

export function clampBatchSize(value: number): number {
	return Math.min(BATCH_SIZE_RANGE.max, Math.max(BATCH_SIZE_RANGE.min, Math.round(value)));
}

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** Variants with distinct, non-empty ids and configs the model accepts; null otherwise. */
function parseVariants<C>(
	value: unknown,
	parseConfig: (config: unknown) => C | null
): VariantConfig<C>[] | null {
	if (!Array.isArray(value) || value.length < 1 || value.length > MAX_VARIANTS) return null;
	const ids = new Set<string>();
	const variants: VariantConfig<C>[] = [];
	for (const v of value as unknown[]) {
		if (!v || typeof v !== 'object') return null;
		const { id, config } = v as Record<string, unknown>;
		if (typeof id !== 'string' || !id || id.length > 64 || ids.has(id)) return null;
		const parsed = parseConfig(config);
		if (parsed === null) return null;
		ids.add(id);
		variants.push({ id, config: parsed });
	}
	return variants;
}

/**
 * A message the worker received, checked: a known command with valid fields (learning rate —
 * within `learningRates` — and batch size clamped to their ranges, variants and task messages checked by the model's own
 * parsers), or null for anything else, which the worker ignores.
 */
export function parseCommand<C, X>(
	data: unknown,
	parseConfig: (config: unknown) => C | null,
	parseTask: (task: unknown) => X | null = () => null,
	learningRates: LearningRateRange = LEARNING_RATE_RANGE
): TrainingCommand<C, X> | null {
	if (!data || typeof data !== 'object') return null;
	const m = data as Record<string, unknown>;
	const optionalNumber = (key: string) => m[key] === undefined || isNumber(m[key]);
	const optionalFlag = (key: string) => m[key] === undefined || typeof m[key] === 'boolean';
	switch (m.type) {
		case 'play':
		case 'pause':
		case 'step':
			return { type: m.type };
		case 'reset':
			if (!optionalNumber('seed')) return null;
			return m.seed === undefined ? { type: 'reset' } : { type: 'reset', seed: m.seed as number };
		case 'set': {
			if (!optionalNumber('learningRate') || !optionalNumber('batchSize')) return null;
			if (m.learningRate === undefined && m.batchSize === undefined) return null;
			const command: TrainingCommand<C, X> = { type: 'set' };
			if (m.learningRate !== undefined)
				command.learningRate = clampLearningRate(m.learningRate as number, learningRates);
			if (m.batchSize !== undefined) command.batchSize = clampBatchSize(m.batchSize as number);
			return command;
		}
		case 'configure': {
			if (!isNumber(m.seed) || !optionalNumber('learningRate') || !optionalNumber('batchSize'))
				return null;
			if (!optionalFlag('snapshots') || !optionalFlag('statistics')) return null;
			const variants = parseVariants(m.variants, parseConfig);
			if (!variants) return null;
			const command: TrainingCommand<C, X> = { type: 'configure', seed: m.seed, variants };
			if (m.learningRate !== undefined)
				command.learningRate = clampLearningRate(m.learningRate as number, learningRates);
			if (m.batchSize !== undefined) command.batchSize = clampBatchSize(m.batchSize as number);
			if (m.snapshots !== undefined) command.snapshots = m.snapshots as boolean;
			if (m.statistics !== undefined) command.statistics = m.statistics as boolean;
			return command;
		}
		case 'task': {
			const task = parseTask(m.task);
			return task === null ? null : { type: 'task', task };
		}
		default:
			return null;
	}
}

/** Lets a report through when at least `intervalMs` passed since the last one let through. */
export class SnapshotGate {
	private last = -Infinity;
	/** ~10 per second by default */
	constructor(private readonly intervalMs = 100) {}
	/** true (and the clock restarts) when a report may go out at `now` ms */
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
