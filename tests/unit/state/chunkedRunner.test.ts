import { describe, expect, it } from 'vitest';
import { chunkedRunner } from '$lib/state/chunkedRunner';

/** A job whose chunks finish only when the test releases them. */
function controlled() {
	const gates: (() => void)[] = [];
	const run = (chunk: number, args: string) =>
		new Promise<string[]>((resolve) => gates.push(() => resolve([`${args}:${chunk}`])));
	const release = async () => {
		while (gates.length === 0) await Promise.resolve();
		gates.shift()?.();
		for (let i = 0; i < 5; i++) await Promise.resolve();
	};
	return { run, release };
}

describe('chunkedRunner', () => {
	it('reports the rows chunk by chunk, then done', async () => {
		const reports: [string[], boolean][] = [];
		const runner = chunkedRunner({
			plan: () => [1, 2, 3],
			run: async (chunk: number, args: string) => [`${args}:${chunk}`],
			progress: (rows, done) => reports.push([rows, done]),
			pause: () => Promise.resolve()
		});
		runner.request('a');
		await runner.idle();
		expect(reports).toEqual([
			[['a:1'], false],
			[['a:1', 'a:2'], false],
			[['a:1', 'a:2', 'a:3'], true]
		]);
	});

	it('a newer request cancels the run in progress; only the newest is finished', async () => {
		const { run, release } = controlled();
		const reports: string[][] = [];
		const runner = chunkedRunner({
			plan: () => [1, 2],
			run,
			progress: (rows) => reports.push(rows),
			pause: () => Promise.resolve()
		});
		runner.request('a');
		await release(); // a:1 reported
		runner.request('b');
		runner.request('c'); // b never starts
		await release(); // a:2 arrives after the cancel: dropped
		await release();
		await release();
		await runner.idle();
		expect(reports).toEqual([['a:1'], ['c:1'], ['c:1', 'c:2']]);
	});

	it('canFinish lets the running one complete before the newest starts', async () => {
		const { run, release } = controlled();
		const reports: string[][] = [];
		const runner = chunkedRunner({
			plan: () => [1, 2],
			run,
			progress: (rows) => reports.push(rows),
			canFinish: () => true,
			pause: () => Promise.resolve()
		});
		runner.request('a');
		await release();
		runner.request('b');
		for (let i = 0; i < 3; i++) await release();
		await runner.idle();
		expect(reports).toEqual([['a:1'], ['a:1', 'a:2'], ['b:1'], ['b:1', 'b:2']]);
	});

	it('reports a failure and goes on with the next request', async () => {
		const failures: unknown[] = [];
		const reports: string[][] = [];
		const runner = chunkedRunner({
			plan: () => [1],
			run: async (_chunk: number, args: string) => {
				if (args === 'bad') throw new Error('boom');
				return [args];
			},
			progress: (rows) => reports.push(rows),
			fail: (error) => failures.push(error),
			pause: () => Promise.resolve()
		});
		runner.request('bad');
		await runner.idle();
		runner.request('good');
		await runner.idle();
		expect(failures).toHaveLength(1);
		expect(reports).toEqual([['good']]);
	});

	it('cancel drops the run and what waits', async () => {
		const { run, release } = controlled();
		const reports: string[][] = [];
		const runner = chunkedRunner({
			plan: () => [1, 2],
			run,
			progress: (rows) => reports.push(rows)
		});
		runner.request('a');
		runner.cancel();
		await release();
		await runner.idle();
		expect(reports).toEqual([]);
	});
});
