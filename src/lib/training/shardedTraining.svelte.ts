/**
 * Variants trained side by side in several workers at once: one TrainingClient per shard, the
 * variants dealt out round-robin, every command sent to every shard that trains. Each worker
 * draws its batches from the same seeded streams, so a variant trains exactly as it would in one
 * worker; only the wall time changes (four variants on two cores: about half). The lab merges the
 * shards' replies (it knows what they hold); the view is theirs merged: running while any runs,
 * at the step of the slowest.
 *
 * Shards step independently, so a plain Pause would stop them at different steps and no
 * evaluation would match. With `stopAt`, Pause asks each shard to stop at the same step a little
 * ahead of the leader (a task of the lab's own protocol that leaves the learning-rate schedule
 * alone); Play clears it. The pause shows at once; Step waits until every shard has stopped
 * (`settling`).
 */
import type { VariantConfig } from './protocol';
import { dealVariants } from './shards';
import { TrainingClient, type TrainingClientOptions } from './trainingClient.svelte';
import type { TrainingView } from './trainingView';

/** Steps past the leader at which Pause stops every shard: more than a shard takes while asked. */
export const PAUSE_MARGIN_STEPS = 4;

export interface ShardedTrainingOptions<X, R> extends Omit<TrainingClientOptions<R>, 'onTask'> {
	/** the most workers to use (fewer when there are fewer variants) */
	shards: number;
	/** a reply from shard `shard` */
	onTask?: (reply: R, shard: number) => void;
	/** the lab's task that makes a shard stop at `step` (null: run on to the step limit) */
	stopAt?: (step: number | null) => X;
}

/** The shards' views as one: the slowest shard's step, running while any runs. */
export function mergeViews(views: readonly TrainingView[]): TrainingView {
	const [first] = views;
	// a shard not started yet (it starts at the first Train or Step) holds nothing back
	const started = views.filter((v) => v.status !== 'idle');
	const status = started.some((v) => v.status === 'error')
		? 'error'
		: started.length === 0
			? 'idle'
			: started.every((v) => v.status === 'ready')
				? 'ready'
				: 'loading';
	return {
		...first,
		status,
		running: views.some((v) => v.running),
		step: Math.min(...views.map((v) => v.step)),
		epoch: Math.min(...views.map((v) => v.epoch)),
		stepsPerSecond: Math.min(...views.map((v) => v.stepsPerSecond)),
		backend: views.find((v) => v.backend)?.backend ?? null,
		variants: views.flatMap((v) => v.variants),
		error: views.find((v) => v.error)?.error ?? null,
		stopped: views.some((v) => v.stopped)
	};
}

export class ShardedTraining<C, X, R> {
	readonly clients: TrainingClient<C, X, R>[];
	/** shards configured with variants (the rest idle) */
	#active = $state(1);
	readonly #stopAt: ShardedTrainingOptions<X, R>['stopAt'];

	constructor({ shards, onTask, stopAt, ...client }: ShardedTrainingOptions<X, R>) {
		this.#stopAt = stopAt;
		this.clients = Array.from(
			{ length: Math.max(1, shards) },
			(_, shard) =>
				new TrainingClient<C, X, R>({
					...client,
					// the shards past the first start when a configuration gives them variants
					lazy: shard > 0 || client.lazy,
					onTask: onTask && ((reply) => onTask(reply, shard))
				})
		);
	}

	/** the shards that train now, in order */
	get active(): TrainingClient<C, X, R>[] {
		return this.clients.slice(0, this.#active);
	}

	get view(): TrainingView {
		return mergeViews(this.active.map((c) => c.view));
	}

	/** The variants dealt over the shards (round-robin), each shard from the same seed. */
	configure(variants: VariantConfig<C>[], seed: number): void {
		const groups = dealVariants(variants, this.clients.length);
		this.#active = groups.length;
		groups.forEach((group, i) => this.clients[i].configure(group, seed));
	}

	/** A task for every shard (each gets its own copy: nothing is transferred). */
	task(task: X): void {
		for (const c of this.clients) c.task(task);
	}

	play(): void {
		if (this.#stopAt) this.task(this.#stopAt(null));
		for (const c of this.active) c.play();
	}

	/** Every shard stops at one step (with `stopAt`), so their evaluations match. */
	pause(): void {
		if (!this.#stopAt) {
			for (const c of this.active) c.pause();
			return;
		}
		const lead = Math.max(...this.active.map((c) => c.view.step));
		this.task(this.#stopAt(lead + PAUSE_MARGIN_STEPS));
		// The button says so at once; the shards reach the common step a moment later.
		for (const c of this.active) c.showPaused();
	}

	/**
	 * Shown paused while a shard still steps on to the common stop: a Step now would leave the
	 * shards at different steps, so the lab holds it back until they have all stopped.
	 */
	get settling(): boolean {
		return !this.view.running && this.active.some((c) => c.stepping);
	}

	stepOnce(): void {
		if (this.settling) return;
		for (const c of this.active) c.stepOnce();
	}

	reset(seed?: number): void {
		for (const c of this.active) c.reset(seed);
	}

	dispose(): void {
		for (const c of this.clients) c.dispose();
	}
}
