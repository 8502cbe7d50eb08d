// Variants trained in several workers: dealt round-robin, commands to the shards that train, the
// views merged (the slowest shard's step, running while any runs), and Pause stopping every shard
// at one step ahead of the leader through the lab's stopAt task, which Play clears.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { PAUSE_MARGIN_STEPS, ShardedTraining } from '$lib/training/shardedTraining.svelte';
import { dealVariants, shardCount } from '$lib/training/shards';
import { commands, fakeWorkers, type FakeWorker } from './fakeWorker';

beforeAll(() => vi.stubGlobal('location', { href: 'http://localhost/imbalance/' }));
afterAll(() => vi.unstubAllGlobals());

type Task = { stopAt: number | null } | 'data';

function sharded(shards: number) {
	const { workers, createWorker } = fakeWorkers();
	const replies: [string, number][] = [];
	const s = new ShardedTraining<{ n: number }, Task, string>({
		shards,
		createWorker,
		brokenMessage: (why) => why,
		learningRate: 0.004,
		batchSize: 64,
		stopAt: (steps) => ({ stopAt: steps }),
		onTask: (reply, shard) => replies.push([reply, shard])
	});
	return { s, workers, replies };
}

const variants = ['a', 'b', 'c', 'd'].map((id, n) => ({ id, config: { n } }));

describe('ShardedTraining', () => {
	it('uses a worker per core, at most one per variant; deals the variants round-robin', () => {
		expect(shardCount(4, 2)).toBe(2);
		expect(shardCount(4, 16)).toBe(4);
		expect(shardCount(4, undefined)).toBe(1);
		expect(dealVariants([1, 2, 3, 4, 5], 2)).toEqual([
			[1, 3, 5],
			[2, 4]
		]);
		expect(dealVariants([1], 3)).toEqual([[1]]);
	});

	it('configures each shard with its variants from one seed; the later shards start at Train', () => {
		const { s, workers } = sharded(2);
		s.task('data');
		s.configure(variants, 1);
		// the first shard started at once, the second waits for a Train or a Step
		expect(workers).toHaveLength(1);
		s.play();
		expect(workers).toHaveLength(2);
		const configured = workers.map((w) =>
			commands(w).find((m) => (m as { type: string }).type === 'configure')
		);
		expect(configured).toEqual([
			{
				type: 'configure',
				seed: 1,
				variants: [variants[0], variants[2]],
				learningRate: 0.004,
				batchSize: 64
			},
			{
				type: 'configure',
				seed: 1,
				variants: [variants[1], variants[3]],
				learningRate: 0.004,
				batchSize: 64
			}
		]);
		// both load the data first, and Play clears any stop before it plays
		for (const w of workers)
			expect(commands(w).slice(-2)).toEqual([
				{ type: 'task', task: { stopAt: null } },
				{ type: 'play' }
			]);
		expect(commands(workers[1])[0]).toEqual({ type: 'task', task: 'data' });
		s.dispose();
	});

	it('shows the slowest shard’s step, running while any runs; replies say their shard', () => {
		const { s, workers, replies } = sharded(2);
		s.configure(variants, 1);
		s.play();
		const state = (w: FakeWorker, step: number, running: boolean) => {
			w.emit({ type: 'ready', backend: 'wasm' });
			w.emit({ type: 'configured', seed: 1, variants: [] });
			w.emit({ type: 'state', running, step, learningRate: 0.004, batchSize: 64 });
		};
		state(workers[0], 120, true);
		state(workers[1], 117, false);
		expect(s.view).toMatchObject({ status: 'ready', running: true, step: 117, backend: 'wasm' });
		workers[1].emit({ type: 'task', task: 'evaluation' });
		expect(replies).toEqual([['evaluation', 1]]);
		s.dispose();
	});

	it('pauses every shard at one step a little ahead of the leader, without a plain pause', () => {
		const { s, workers } = sharded(2);
		s.configure(variants, 1);
		s.play();
		workers[0].emit({
			type: 'state',
			running: true,
			step: 300,
			learningRate: 0.004,
			batchSize: 64
		});
		workers[1].emit({
			type: 'state',
			running: true,
			step: 296,
			learningRate: 0.004,
			batchSize: 64
		});
		s.pause();
		for (const w of workers) {
			expect(commands(w).at(-1)).toEqual({
				type: 'task',
				task: { stopAt: 300 + PAUSE_MARGIN_STEPS }
			});
			expect(commands(w)).not.toContainEqual({ type: 'pause' });
		}
		// Shown paused at once, though both shards still step on to 304; a step under way that
		// reports "running" does not turn the button back, and Step waits for both to stop
		expect(s.view.running).toBe(false);
		expect(s.settling).toBe(true);
		const state = (w: FakeWorker, step: number, running: boolean) =>
			w.emit({ type: 'state', running, step, learningRate: 0.004, batchSize: 64 });
		state(workers[1], 301, true);
		expect(s.view.running).toBe(false);
		const sent = workers.map((w) => commands(w).length);
		s.stepOnce();
		expect(workers.map((w) => commands(w).length)).toEqual(sent);
		state(workers[0], 304, false);
		expect(s.settling).toBe(true);
		state(workers[1], 304, false);
		expect(s.settling).toBe(false);
		s.stepOnce();
		for (const w of workers) expect(commands(w).at(-1)).toEqual({ type: 'step' });
		// Train again: running on screen, not settling
		s.play();
		state(workers[0], 305, true);
		expect(s.view.running).toBe(true);
		expect(s.settling).toBe(false);
		s.dispose();
	});

	it('with one variant, one worker does it all', () => {
		const { s, workers } = sharded(2);
		s.configure(variants.slice(0, 1), 1);
		s.play();
		s.stepOnce();
		expect(workers).toHaveLength(1);
		expect(s.active).toHaveLength(1);
		s.dispose();
	});
});
