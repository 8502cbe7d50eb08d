// The page's side of the protocol with a fake Worker: a lazy client keeps commands until it
// starts and then sends them in order; a worker that cannot start (constructor throws, script
// fails) breaks the client with the lab's sentence and nothing more is sent; events become the
// reactive view and reach the lab's callbacks; dispose terminates the worker.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { TrainingClient } from '$lib/training/trainingClient.svelte';
import { commands, FakeWorker, fakeWorkers } from './fakeWorker';

beforeAll(() => vi.stubGlobal('location', { href: 'http://localhost/network/' }));
afterAll(() => vi.unstubAllGlobals());

function client(lazy: boolean, make: () => FakeWorker = () => new FakeWorker()) {
	const workers: FakeWorker[] = [];
	const replies: string[] = [];
	const c = new TrainingClient<{ n: number }, string, string>({
		createWorker: () => {
			const w = make();
			workers.push(w);
			return w as unknown as Worker;
		},
		brokenMessage: (why) => `cannot train (${why})`,
		lazy,
		onTask: (r) => replies.push(r)
	});
	return { c, workers, replies };
}

describe('TrainingClient', () => {
	it('keeps the commands of a lazy client until it starts, then sends them in order', async () => {
		const { c, workers } = client(true);
		c.task('data');
		c.configure([{ id: 'a', config: { n: 1 } }], 3, { learningRate: 0.01 });
		expect(workers).toHaveLength(0);
		expect(c.view.status).toBe('idle');
		c.stepOnce(); // a press starts it
		expect(workers).toHaveLength(1);
		expect(c.view.status).toBe('loading');
		c.pause();
		await Promise.resolve();
		expect(commands(workers[0])).toEqual([
			{ type: 'task', task: 'data' },
			{ type: 'configure', seed: 3, variants: [{ id: 'a', config: { n: 1 } }], learningRate: 0.01 },
			{ type: 'step' },
			{ type: 'pause' }
		]);
		c.dispose();
		expect(workers[0].terminated).toBe(true);
		c.play();
		expect(commands(workers[0])).toHaveLength(4);
	});

	it('configures the run with the client’s learning rate and batch size unless told others', () => {
		const { workers, createWorker } = fakeWorkers();
		const c = new TrainingClient<{ n: number }, string, string>({
			createWorker,
			brokenMessage: (why) => why,
			learningRate: 0.004,
			batchSize: 64
		});
		const variants = [{ id: 'a', config: { n: 1 } }];
		c.configure(variants, 1);
		c.configure(variants, 2, { batchSize: 16 });
		expect(commands(workers[0])).toEqual([
			{ type: 'configure', seed: 1, variants, learningRate: 0.004, batchSize: 64 },
			{ type: 'configure', seed: 2, variants, learningRate: 0.004, batchSize: 16 }
		]);
		c.dispose();
	});

	it('turns events into the view and hands the lab its replies', () => {
		const { c, workers, replies } = client(false);
		const w = workers[0];
		w.emit({ type: 'ready', backend: 'wasm' });
		w.emit({ type: 'configured', seed: 1, variants: [{ id: 'a', parameters: 4 }] });
		w.emit({
			type: 'metrics',
			stepsPerSecond: 3,
			points: [{ variant: 'a', series: 'train', step: 1, epoch: 0, values: { loss: 0.5 } }]
		});
		c.play();
		w.emit({ type: 'state', running: true, step: 1, learningRate: 0.01, batchSize: 4 });
		w.emit({ type: 'task', task: 'mask' });
		expect(c.backend).toBe('wasm');
		expect(c.running).toBe(true);
		expect(c.step).toBe(1);
		expect(c.curve('a').values.loss).toEqual([0.5]);
		expect(replies).toEqual(['mask']);
		// Pause shows at once, and a "running" the worker posted before it saw the Pause is ignored
		c.pause();
		expect(c.running).toBe(false);
		w.emit({ type: 'state', running: true, step: 2, learningRate: 0.01, batchSize: 4 });
		expect(c.running).toBe(false);
		expect(c.step).toBe(2);
		c.play();
		w.emit({ type: 'state', running: true, step: 2, learningRate: 0.01, batchSize: 4 });
		expect(c.running).toBe(true);
		w.emit({ type: 'error', message: 'boom', stopped: true });
		expect(c.error).toBe('boom');
		c.clearError();
		expect(c.error).toBeNull();
		expect(c.broken).toBe(false);
		c.dispose();
	});

	it('breaks with the lab’s sentence when the worker cannot be made or fails to load', () => {
		const thrown = client(false, () => {
			throw new Error('Workers are blocked');
		});
		expect(thrown.c.broken).toBe(true);
		expect(thrown.c.view).toMatchObject({
			status: 'error',
			error: 'cannot train (Workers are blocked)'
		});

		const { c, workers } = client(false);
		workers[0].onerror?.({ message: '', preventDefault() {} } as ErrorEvent);
		expect(c.broken).toBe(true);
		expect(c.error).toBe('cannot train (its script could not be loaded)');
		expect(workers[0].terminated).toBe(true);
		c.play();
		c.clearError(); // a broken worker stays broken
		expect(c.error).not.toBeNull();
		expect(commands(workers[0])).toEqual([]);
	});
});
