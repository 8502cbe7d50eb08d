import { describe, expect, it } from 'vitest';
import { latestRunner } from '../../../src/lib/state/latestRunner';

function deferred() {
	let resolve!: () => void;
	const promise = new Promise<void>((r) => (resolve = r));
	return { promise, resolve };
}

describe('latestRunner', () => {
	it('runs one job at a time and only delivers the newest result', async () => {
		const started: number[] = [];
		const delivered: number[] = [];
		const gates = new Map<number, ReturnType<typeof deferred>>();
		const runner = latestRunner(
			async (n: number) => {
				started.push(n);
				const gate = deferred();
				gates.set(n, gate);
				await gate.promise;
				return n * 10;
			},
			(result) => delivered.push(result)
		);
		runner.request(1);
		runner.request(2);
		runner.request(3);
		await Promise.resolve();
		expect(started).toEqual([1]); // 2 and 3 wait; 2 is superseded by 3
		gates.get(1)!.resolve();
		await new Promise((r) => setTimeout(r, 0));
		expect(delivered).toEqual([]); // 1 finished after newer requests: stale, dropped
		expect(started).toEqual([1, 3]);
		gates.get(3)!.resolve();
		await runner.idle();
		expect(delivered).toEqual([30]);
	});

	it('reports failures of the newest job and keeps working', async () => {
		const errors: unknown[] = [];
		const results: number[] = [];
		const runner = latestRunner(
			async (n: number) => {
				if (n < 0) throw new Error('negative');
				return n;
			},
			(r) => results.push(r),
			(e) => errors.push(e)
		);
		runner.request(-1);
		await runner.idle();
		runner.request(5);
		await runner.idle();
		expect(errors).toHaveLength(1);
		expect(results).toEqual([5]);
	});

	it('idle() resolves at once when nothing runs', async () => {
		const runner = latestRunner(
			async () => 1,
			() => {}
		);
		await expect(runner.idle()).resolves.toBeUndefined();
	});
});
