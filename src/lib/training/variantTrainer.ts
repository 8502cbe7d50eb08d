/**
 * The training loop every model shares: several variants (the same model with different
 * settings, or different models of one task) trained side by side, each from the same seed, each
 * step on the very same batch, so their curves differ only by what differs between the variants.
 * One optimizer per variant: Adam (engine/adam.ts) unless the options name another (engine/sgd.ts),
 * which may read the variant's config. What a model is, how a batch is drawn and what one
 * update computes is the model's `TrainingTask`; this file knows none of it. No DOM, no worker:
 * it runs in Node, where the tests train tiny models with it.
 */
import * as tf from '@tensorflow/tfjs-core';
import { adam } from '$lib/engine/adam';
import type { Optimizer, OptimizerFactory } from '$lib/engine/optimizer';
import type { LayerStatistics, VariantConfig, WeightSnapshot } from './protocol';

/** An endless, seeded stream of batches over the task's data. */
export interface BatchSource<B> {
	/** the next batch (≤ batchSize examples), or null when there is nothing to train on */
	next(batchSize: number): B | null;
	/** passes completed over the data */
	readonly epoch: number;
}

/** A named weight of a model, for snapshots and statistics. */
export interface NamedWeight {
	name: string;
	tensor: tf.Tensor;
}

/** What one model contributes to the loop. `C` its config, `M` the model, `B` a batch. */
export interface TrainingTask<C, M, B> {
	/** a fresh model; the same config and seed give the same weights */
	build(config: C, seed: number): M;
	dispose(model: M): void;
	/** the variables the optimizer updates */
	variables(model: M): tf.Variable[];
	/** every weight a snapshot or statistics report shows, in a fixed order */
	weights(model: M): NamedWeight[];
	/** the batch stream for `seed` (drawn once per step, shared by every variant of `configs`) */
	batches(seed: number, configs: C[]): BatchSource<B>;
	/** one update on one batch; named metrics of the batch before the update ('loss' first) */
	update(model: M, optimizer: Optimizer, batch: B): Promise<Record<string, number>>;
	/** frees a batch after every variant trained on it */
	disposeBatch?(batch: B): void;
}

export interface Variant<C, M> {
	id: string;
	config: C;
	model: M;
	optimizer: Optimizer;
}

export interface StepResult {
	/** the step just taken (1 for the first) */
	step: number;
	epoch: number;
	/** per variant id, its metrics for this step */
	metrics: Record<string, Record<string, number>>;
}

export interface VariantTrainerOptions<C> {
	seed: number;
	variants: VariantConfig<C>[];
	learningRate: number;
	batchSize: number;
	/**
	 * a fresh optimizer per variant for the learning rate and the variant's config; Adam with
	 * default betas at the rate when absent
	 */
	optimizer?: OptimizerFactory<C>;
}

export class VariantTrainer<C, M, B> {
	variants: Variant<C, M>[] = [];
	step = 0;
	seed: number;
	batchSize: number;
	#learningRate: number;
	#batches: BatchSource<B>;

	constructor(
		private readonly task: TrainingTask<C, M, B>,
		private readonly options: VariantTrainerOptions<C>
	) {
		if (options.variants.length === 0) throw new Error('VariantTrainer needs at least one variant');
		this.seed = options.seed;
		this.batchSize = options.batchSize;
		this.#learningRate = options.learningRate;
		this.#batches = this.#fresh();
	}

	#fresh(): BatchSource<B> {
		this.variants = this.options.variants.map(({ id, config }) => ({
			id,
			config,
			model: this.task.build(config, this.seed),
			optimizer: this.options.optimizer
				? this.options.optimizer(this.#learningRate, config)
				: adam(this.#learningRate)
		}));
		this.step = 0;
		return this.task.batches(
			this.seed,
			this.options.variants.map((v) => v.config)
		);
	}

	get epoch(): number {
		return this.#batches.epoch;
	}

	get learningRate(): number {
		return this.#learningRate;
	}

	/** Between steps; each variant's optimizer keeps its state (Adam's moments, SGD's velocity). */
	set learningRate(value: number) {
		if (!(value > 0)) throw new Error(`learning rate must be > 0, got ${value}`);
		this.#learningRate = value;
		for (const v of this.variants) v.optimizer.learningRate = value;
	}

	/** The variant `id` (undefined when there is none). */
	variant(id: string): Variant<C, M> | undefined {
		return this.variants.find((v) => v.id === id);
	}

	/** One batch, drawn once, and one update of every variant on it; null when there is no batch. */
	async trainStep(): Promise<StepResult | null> {
		const batch = this.#batches.next(this.batchSize);
		if (batch === null) return null;
		const metrics: StepResult['metrics'] = {};
		try {
			for (const v of this.variants)
				metrics[v.id] = await this.task.update(v.model, v.optimizer, batch);
		} finally {
			this.task.disposeBatch?.(batch);
		}
		this.step++;
		return { step: this.step, epoch: this.#batches.epoch, metrics };
	}

	/** Fresh models and optimizers from `seed`, the batch stream restarted, step 0. */
	reset(seed: number): void {
		this.#disposeVariants();
		this.seed = seed;
		this.#batches = this.#fresh();
	}

	/** Trainable parameters of each variant. */
	parameters(): { id: string; parameters: number }[] {
		return this.variants.map((v) => ({
			id: v.id,
			parameters: this.task.variables(v.model).reduce((sum, w) => sum + w.size, 0)
		}));
	}

	/** A copy of the variant's weights (never a view of the WASM heap: buffers may be transferred). */
	snapshot(id: string): WeightSnapshot {
		const v = this.variant(id);
		if (!v) throw new Error(`no variant '${id}'`);
		return {
			step: this.step,
			weights: this.task.weights(v.model).map(({ name, tensor }) => ({
				name,
				shape: [...tensor.shape],
				values: Float32Array.from(tensor.dataSync() as Float32Array)
			}))
		};
	}

	/** Per-weight statistics of the variant's model. */
	statistics(id: string): LayerStatistics[] {
		const v = this.variant(id);
		if (!v) throw new Error(`no variant '${id}'`);
		return this.task
			.weights(v.model)
			.map(({ name, tensor }) => weightStatistics(name, tensor.dataSync()));
	}

	#disposeVariants(): void {
		for (const v of this.variants) {
			this.task.dispose(v.model);
			v.optimizer.dispose();
		}
		this.variants = [];
	}

	dispose(): void {
		this.#disposeVariants();
	}
}

/** Mean, population standard deviation, min and max of one weight's values. */
export function weightStatistics(name: string, values: ArrayLike<number>): LayerStatistics {
	const n = values.length;
	let sum = 0;
	let min = Infinity;
	let max = -Infinity;
	for (let i = 0; i < n; i++) {
		sum += values[i];
		if (values[i] < min) min = values[i];
		if (values[i] > max) max = values[i];
	}
	const mean = n ? sum / n : NaN;
	let squares = 0;
	for (let i = 0; i < n; i++) squares += (values[i] - mean) ** 2;
	return { name, size: n, mean, std: n ? Math.sqrt(squares / n) : NaN, min, max };
}
