import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { foregroundGate } from '../../../src/lib/state/foreground';

describe('foregroundGate', () => {
	beforeEach(() => vi.useFakeTimers());
	afterEach(() => vi.useRealTimers());

	async function settled(promise: Promise<void>): Promise<boolean> {
		let done = false;
		void promise.then(() => (done = true));
		await vi.advanceTimersByTimeAsync(1);
		return done;
	}

	it('lets background work through when nothing is in the foreground, in a task of its own', async () => {
		const gate = foregroundGate();
		let done = false;
		void gate.idle().then(() => (done = true));
		await Promise.resolve();
		expect(done).toBe(false);
		await vi.advanceTimersByTimeAsync(1);
		expect(done).toBe(true);
	});

	it('holds background work while a request is in the foreground, until its picture is drawn', async () => {
		const gate = foregroundGate();
		const end = gate.begin();
		expect(gate.busy).toBe(true);
		const waiting = gate.idle();
		expect(await settled(waiting)).toBe(false);
		await vi.advanceTimersByTimeAsync(500);
		expect(await settled(waiting)).toBe(false);
		end();
		expect(gate.busy).toBe(false);
		expect(await settled(waiting)).toBe(true);
	});

	it('waits for every hold, and a hold taken before the release task runs keeps them waiting', async () => {
		const gate = foregroundGate();
		const endA = gate.begin();
		const endB = gate.begin();
		const waiting = gate.idle();
		endA();
		expect(await settled(waiting)).toBe(false);
		endB();
		const endC = gate.begin(); // before the zero-delay release task
		expect(await settled(waiting)).toBe(false);
		endC();
		endC(); // a second call changes nothing
		expect(await settled(waiting)).toBe(true);
	});

	it('ends a hold that is never released after maxHoldMs', async () => {
		const gate = foregroundGate({ maxHoldMs: 1000 });
		gate.begin();
		const waiting = gate.idle();
		await vi.advanceTimersByTimeAsync(990);
		expect(await settled(waiting)).toBe(false);
		await vi.advanceTimersByTimeAsync(10);
		expect(await settled(waiting)).toBe(true);
		expect(gate.busy).toBe(false);
	});
});
