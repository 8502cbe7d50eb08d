/**
 * A training worker's messages reach the page one task each; the client delivers all that arrived
 * within one animation frame together, so the charts that read its view redraw once per frame,
 * not once per message (bench-frames.mjs measures what that costs a frame).
 */
import { flushSync } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TrainingEvent } from '$lib/training/protocol';
import { TrainingClient } from '$lib/training/trainingClient.svelte';
import { effectRuns } from './effectRuns.svelte';

class FakeWorker {
	onmessage: ((event: MessageEvent) => void) | null = null;
	onerror: ((event: ErrorEvent) => void) | null = null;
	postMessage() {}
	terminate() {}
	emit(event: TrainingEvent<string>) {
		this.onmessage?.({ data: event } as MessageEvent);
	}
}

let frames: FrameRequestCallback[] = [];
function nextFrame() {
	const due = frames;
	frames = [];
	due.forEach((callback) => callback(0));
	flushSync();
}
beforeEach(() => {
	frames = [];
	vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) => {
		frames.push(callback);
		return frames.length;
	});
	vi.stubGlobal('cancelAnimationFrame', (id: number) => {
		frames[id - 1] = () => {};
	});
});
afterEach(() => vi.unstubAllGlobals());

const metrics = (step: number): TrainingEvent<string> => ({
	type: 'metrics',
	stepsPerSecond: 50,
	points: [{ variant: 'a', series: 'train', step, epoch: 0, values: { loss: 1 / step } }]
});

describe('TrainingClient in the page', () => {
	it('100 progress messages within one frame cause one redraw, with all 100 steps in it', () => {
		const worker = new FakeWorker();
		const replies: string[] = [];
		const client = new TrainingClient<{ n: number }, string, string>({
			createWorker: () => worker as unknown as Worker,
			brokenMessage: (why) => why,
			onTask: (reply) => replies.push(reply)
		});
		worker.emit({ type: 'configured', seed: 1, variants: [{ id: 'a', parameters: 4 }] });
		nextFrame();
		const chart = effectRuns(() => client.view);
		flushSync();
		expect(chart.runs).toBe(1);

		for (let step = 1; step <= 100; step++) {
			worker.emit(metrics(step));
			if (step === 50) worker.emit({ type: 'task', task: 'bands' });
			flushSync(); // each message is a task of its own: the page settles after each
		}
		expect(chart.runs).toBe(1);
		nextFrame();
		expect(chart.runs).toBe(2);
		expect(client.view.step).toBe(100);
		expect(client.curve('a').step).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
		expect(replies).toEqual(['bands']);

		// the next frame's messages: one more redraw
		worker.emit(metrics(101));
		nextFrame();
		expect(chart.runs).toBe(3);
		chart.stop();
		client.dispose();
	});

	it('delivers nothing after dispose', () => {
		const worker = new FakeWorker();
		const replies: string[] = [];
		const client = new TrainingClient<{ n: number }, string, string>({
			createWorker: () => worker as unknown as Worker,
			brokenMessage: (why) => why,
			onTask: (reply) => replies.push(reply)
		});
		worker.emit({ type: 'task', task: 'late' });
		client.dispose();
		nextFrame();
		expect(replies).toEqual([]);
	});
});
