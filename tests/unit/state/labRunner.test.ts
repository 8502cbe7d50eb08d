import { describe, expect, it } from 'vitest';
import { labRunner } from '$lib/state/labRunner';
import { RENDERED_EVENT, type RenderedDetail } from '$lib/state/renderedEvent';
import { stats } from '$lib/state/stats.svelte';

function deferred<T>() {
	let resolve!: (value: T) => void;
	const promise = new Promise<T>((r) => (resolve = r));
	return { promise, resolve };
}

function setup() {
	const target = new EventTarget();
	const events: RenderedDetail[] = [];
	target.addEventListener(RENDERED_EVENT, (e) => events.push((e as CustomEvent).detail));
	const delivered: number[] = [];
	const failed: unknown[] = [];
	const gates: ReturnType<typeof deferred<number | null>>[] = [];
	const runner = labRunner({
		label: 'test-lab',
		job: (n: number) => {
			const gate = deferred<number | null>();
			gates.push(gate);
			return gate.promise.then((v) => (v === null ? null : v * n));
		},
		deliver: (result) => delivered.push(result),
		fail: (error) => failed.push(error),
		memory: () => ({ numTensors: 42, numBytes: 1000 }),
		target
	});
	return { runner, events, delivered, failed, gates };
}

describe('labRunner', () => {
	it('delivers the newest result, records its compute and fires the event only once drawn', async () => {
		const { runner, events, delivered, gates } = setup();
		runner.request(1);
		runner.request(2); // supersedes nothing yet: 1 runs, 2 waits
		runner.request(3); // replaces 2
		await Promise.resolve();
		gates[0].resolve(10);
		await new Promise((r) => setTimeout(r, 0));
		expect(delivered).toEqual([]); // 1 is stale: 3 is pending
		gates[1].resolve(10);
		await runner.idle();
		expect(delivered).toEqual([30]);
		expect(stats.lastLabel).toBe('test-lab');
		expect(stats.tensors).toBe(42);
		expect(stats.lastMs).toBeGreaterThanOrEqual(0);
		expect(events).toEqual([]); // computed, not yet on screen
		runner.drawn();
		runner.drawn(); // a redraw of the same result is not a new render
		expect(events).toHaveLength(1);
		expect(events[0].sequence).toBe(1);
		expect(events[0].totalMs).toBeGreaterThanOrEqual(events[0].computeMs);
	});

	it('skips a null result and reports failures', async () => {
		const { runner, events, delivered, failed, gates } = setup();
		runner.request(1);
		await Promise.resolve();
		gates[0].resolve(null);
		await runner.idle();
		runner.drawn();
		expect(delivered).toEqual([]);
		expect(events).toEqual([]);

		runner.request(2);
		await Promise.resolve();
		gates[1].promise.then(() => {});
		gates[1].resolve(Number.NaN);
		await runner.idle();
		expect(delivered).toEqual([Number.NaN]);
		expect(failed).toEqual([]);
	});

	it('passes a job error to fail', async () => {
		const target = new EventTarget();
		const failed: unknown[] = [];
		const runner = labRunner({
			label: 'x',
			job: async () => {
				throw new Error('boom');
			},
			deliver: () => {},
			fail: (error) => failed.push(error),
			memory: () => ({ numTensors: 0, numBytes: 0 }),
			target
		});
		runner.request(1);
		await runner.idle();
		expect(String(failed[0])).toContain('boom');
	});
});
