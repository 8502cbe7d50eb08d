// The worker's side of the protocol, driven through a fake worker scope in Node with the tiny
// task: configure two variants, step one, play and pause, change settings, reset; what it posts
// (metrics per variant, state, snapshots, statistics) and that it ignores what it must.
import { beforeAll, describe, expect, it } from 'vitest';
import { sgd } from '$lib/engine/sgd';
import { switchBackend } from '$lib/engine/wasmKernels';
import type { MetricPoint, TrainingEvent } from '$lib/training/protocol';
import { serveTraining, yieldToMessages, type WorkerTask } from '$lib/training/workerHost';
import { tinyTask, type TinyBatch, type TinyConfig, type TinyModel } from './tinyTask';

function host(extra: Partial<WorkerTask<TinyConfig, TinyModel, TinyBatch, never, never>> = {}) {
	const posted: TrainingEvent[] = [];
	const scope = {
		onmessage: null as ((event: MessageEvent) => void) | null,
		postMessage: (message: unknown) => void posted.push(message as TrainingEvent)
	};
	const task = {
		...tinyTask,
		parseConfig: (c: unknown) =>
			c && typeof (c as TinyConfig).scale === 'number' ? (c as TinyConfig) : null,
		...extra
	};
	const h = serveTraining(task, async () => 'cpu', scope);
	const send = (data: unknown) => scope.onmessage!({ data } as MessageEvent);
	const of = <T extends TrainingEvent['type']>(type: T) =>
		posted.filter((e): e is Extract<TrainingEvent, { type: T }> => e.type === type);
	const points = (variant: string, series = 'train'): MetricPoint[] =>
		of('metrics')
			.flatMap((e) => e.points)
			.filter((p) => p.variant === variant && p.series === series);
	return { h, send, posted, of, points };
}

const configure = {
	type: 'configure',
	seed: 5,
	variants: [
		{ id: 'a', config: { scale: 1 } },
		{ id: 'b', config: { scale: 1 } }
	],
	learningRate: 0.05,
	batchSize: 4,
	snapshots: true,
	statistics: true
};

describe('serveTraining', () => {
	beforeAll(async () => {
		expect(await switchBackend('cpu')).toBe(true);
	});

	it('trains with the task’s own optimizer when it names one', async () => {
		const made: number[] = [];
		const { h, send, points } = host({
			optimizer: (learningRate) => (made.push(learningRate), sgd(learningRate))
		});
		const plain = host();
		for (const { send: s } of [{ send }, plain]) {
			s(configure);
			s({ type: 'step' });
			s({ type: 'step' });
		}
		await Promise.all([h.idle(), plain.h.idle()]);
		expect(made).toEqual([0.05, 0.05]);
		// the same first loss (same seed, same batch), then SGD's second step is not Adam's
		expect(points('a')[0].values.loss).toBe(plain.points('a')[0].values.loss);
		expect(points('a')[1].values.loss).not.toBe(plain.points('a')[1].values.loss);
	});

	it('configures variants, steps one batch at a time, and reports per variant', async () => {
		const { h, send, of, points } = host();
		send({ type: 'step' }); // nothing configured yet: only the state
		send(configure);
		send({ type: 'step' });
		send({ type: 'step' });
		send({ type: 'bogus' });
		await h.idle();
		expect(of('ready')).toEqual([{ type: 'ready', backend: 'cpu' }]);
		expect(of('configured')[0]).toEqual({
			type: 'configured',
			seed: 5,
			variants: [
				{ id: 'a', parameters: 8 },
				{ id: 'b', parameters: 8 }
			]
		});
		expect(points('a').map((p) => p.step)).toEqual([1, 2]);
		expect(points('b').map((p) => p.values.loss)).toEqual(points('a').map((p) => p.values.loss));
		expect(of('state').at(-1)).toMatchObject({
			running: false,
			step: 2,
			learningRate: 0.05,
			batchSize: 4
		});
		// a snapshot and statistics per variant after configure and after each single step
		expect(of('weights').map((e) => [e.variant, e.snapshot.step])).toEqual([
			['a', 0],
			['b', 0],
			['a', 1],
			['b', 1],
			['a', 2],
			['b', 2]
		]);
		expect(of('statistics').filter((e) => e.variant === 'a')).toHaveLength(3);
	});

	it('plays until paused, takes settings between steps, and reset starts over from the next seed', async () => {
		const stops: number[] = [];
		const { h, send, of, points } = host({
			afterStop: (host) => void stops.push(host.trainer!.step)
		});
		send({ ...configure, snapshots: false, statistics: false });
		send({ type: 'play' });
		await h.idle();
		expect(h.running).toBe(true);
		while (points('a').length < 3) await yieldToMessages();
		send({ type: 'set', learningRate: 0.08, batchSize: 6 });
		send({ type: 'pause' });
		await h.idle();
		expect(h.running).toBe(false);
		const step = h.trainer!.step;
		expect(step).toBeGreaterThanOrEqual(3);
		expect(stops).toEqual([step]);
		expect(h.trainer!.variants.map((v) => v.optimizer.learningRate)).toEqual([0.08, 0.08]);
		expect(of('state').at(-1)).toMatchObject({
			running: false,
			step,
			learningRate: 0.08,
			batchSize: 6
		});
		// every reported step, in order, each variant
		expect(points('b').map((p) => p.step)).toEqual(Array.from({ length: step }, (_, i) => i + 1));
		expect(of('weights')).toEqual([]);

		send({ type: 'reset' });
		send({ type: 'step' });
		await h.idle();
		expect(of('reset')).toEqual([{ type: 'reset', seed: 6 }]);
		expect(h.trainer!.step).toBe(1);
	});

	it('trains with the task’s optimizer within the task’s learning-rate range (plain SGD at 3–10)', async () => {
		const made: number[] = [];
		const { h, send, of } = host({
			optimizer: (lr) => {
				made.push(lr);
				return sgd(lr);
			},
			learningRates: { min: 0.01, max: 10 }
		});
		send({ ...configure, learningRate: 3 });
		send({ type: 'step' });
		send({ type: 'set', learningRate: 20 });
		await h.idle();
		expect(made).toEqual([3, 3]);
		expect(h.trainer!.variants.map((v) => v.optimizer.learningRate)).toEqual([10, 10]);
		expect(of('state').at(-1)).toMatchObject({ learningRate: 10 });
		// without a range of its own a task keeps Adam's (≤ 0.1)
		const plain = host();
		plain.send({ ...configure, learningRate: 3 });
		await plain.h.idle();
		expect(plain.h.trainer!.learningRate).toBe(0.1);
		h.trainer!.dispose();
		plain.h.trainer!.dispose();
	});

	it('does not train while the task cannot (no data yet), and says so in the state', async () => {
		let ready = false;
		const { h, send, of } = host({ canTrain: () => ready });
		send(configure);
		send({ type: 'play' });
		send({ type: 'step' });
		await h.idle();
		expect(h.running).toBe(false);
		expect(of('metrics')).toEqual([]);
		expect(of('state').at(-1)).toMatchObject({ running: false, step: 0 });
		ready = true;
		send({ type: 'step' });
		await h.idle();
		expect(of('state').at(-1)).toMatchObject({ running: false, step: 1 });
	});

	it('reports a failing step as an error that stopped the training', async () => {
		const { h, send, of } = host({
			update: async () => {
				throw new Error('kernel missing');
			}
		});
		send(configure);
		send({ type: 'play' });
		await h.idle();
		while (h.running) await yieldToMessages();
		await h.pause();
		expect(of('error')).toEqual([{ type: 'error', message: 'kernel missing', stopped: true }]);
		expect(of('state').at(-1)).toMatchObject({ running: false });
	});
});
