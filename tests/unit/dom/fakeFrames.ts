/**
 * requestAnimationFrame under a test's control, with fake timers: `frame()` runs the callbacks
 * asked for so far, then the tasks they queued, then Svelte's pending updates — a frame, its
 * paint and what the paint let run. Call in beforeEach; the test's afterEach restores the timers.
 */
import { flushSync } from 'svelte';
import { vi } from 'vitest';

export function useFakeFrames(): { frame: () => void } {
	let frames: FrameRequestCallback[] = [];
	vi.useFakeTimers();
	vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) => {
		frames.push(callback);
		return frames.length;
	});
	vi.stubGlobal('cancelAnimationFrame', () => {});
	return {
		frame() {
			const due = frames;
			frames = [];
			due.forEach((callback) => callback(0));
			vi.advanceTimersByTime(0);
			flushSync();
		}
	};
}
