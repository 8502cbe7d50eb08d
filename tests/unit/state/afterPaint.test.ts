import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { afterPaint } from '../../../src/lib/state/afterPaint';

describe('afterPaint', () => {
	beforeEach(() => {
		vi.useFakeTimers();
		// A frame every 16 ms, as a browser would run requestAnimationFrame callbacks.
		vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) =>
			setTimeout(() => callback(performance.now()), 16)
		);
		vi.stubGlobal('cancelAnimationFrame', (handle: number) => clearTimeout(handle));
	});
	afterEach(() => {
		vi.useRealTimers();
		vi.unstubAllGlobals();
	});

	it('runs once after the next frame however often it is asked', () => {
		const run = vi.fn();
		const follower = afterPaint(run, 200);
		follower.schedule();
		follower.schedule();
		follower.schedule();
		expect(run).not.toHaveBeenCalled(); // not before the frame
		vi.advanceTimersByTime(20);
		expect(run).toHaveBeenCalledTimes(1);
	});

	it('runs at most every interval while asked continuously', () => {
		const run = vi.fn();
		const follower = afterPaint(run, 200);
		for (let t = 0; t < 1000; t += 10) {
			follower.schedule();
			vi.advanceTimersByTime(10);
		}
		vi.advanceTimersByTime(500);
		// 1 s of requests every 10 ms: about 1000 / 200 runs, never one per request
		expect(run.mock.calls.length).toBeGreaterThanOrEqual(4);
		expect(run.mock.calls.length).toBeLessThanOrEqual(7);
	});

	it('dispose cancels a pending run', () => {
		const run = vi.fn();
		const follower = afterPaint(run, 200);
		follower.schedule();
		follower.dispose();
		vi.advanceTimersByTime(1000);
		expect(run).not.toHaveBeenCalled();
	});
});
