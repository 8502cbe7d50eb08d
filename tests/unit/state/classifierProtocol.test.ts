// The pure halves of the live-training protocol: what the Worker accepts, how the panel's view
// follows events, the ~10-per-second snapshot throttle and the steps/s meter.
import { describe, expect, it } from 'vitest';
import {
	initialTrainerView,
	MAX_CURVE_POINTS,
	parseCommand,
	RateMeter,
	reduceTrainerView,
	SnapshotGate,
	type TrainerEvent
} from '$lib/workers/classifierProtocol';

describe('parseCommand', () => {
	it('accepts the commands, clamping learning rate and batch size', () => {
		expect(parseCommand({ type: 'start' })).toEqual({ type: 'start' });
		expect(parseCommand({ type: 'step', extra: 1 })).toEqual({ type: 'step' });
		expect(parseCommand({ type: 'set', learningRate: 5 })).toEqual({
			type: 'set',
			learningRate: 0.1
		});
		expect(parseCommand({ type: 'set', batchSize: 1000.4 })).toEqual({
			type: 'set',
			batchSize: 256
		});
		expect(parseCommand({ type: 'set', batchSize: 0 })).toEqual({ type: 'set', batchSize: 1 });
		expect(parseCommand({ type: 'reset', seed: 7 })).toEqual({ type: 'reset', seed: 7 });
		expect(
			parseCommand({ type: 'init', dataUrl: '/data/', heldOut: 500.2, batchNorm: false })
		).toMatchObject({ type: 'init', heldOut: 500, batchNorm: false });
	});

	it('rejects unknown types, bad fields and empty settings', () => {
		for (const bad of [
			null,
			'start',
			{ type: 'fly' },
			{ type: 'set' },
			{ type: 'set', learningRate: 'fast' },
			{ type: 'set', batchSize: NaN },
			{ type: 'reset', seed: '1' },
			{ type: 'init', dataUrl: '/data' },
			{ type: 'init', dataUrl: '/data/', heldOut: Infinity },
			{ type: 'init', dataUrl: '/data/', batchNorm: 'yes' }
		])
			expect(parseCommand(bad), JSON.stringify(bad)).toBeNull();
	});
});

describe('reduceTrainerView', () => {
	const steps = (from: number, n: number): TrainerEvent => ({
		type: 'steps',
		stepsPerSecond: 6,
		steps: Array.from({ length: n }, (_, i) => ({
			step: from + i,
			epoch: 0,
			loss: 2 - (from + i) / 1000,
			accuracy: 0.5
		}))
	});

	it('follows ready, steps, held-out, state, reset and error', () => {
		let view = initialTrainerView(0.002, 32);
		view = reduceTrainerView(view, {
			type: 'ready',
			backend: 'wasm',
			trainCount: 6000,
			heldOutCount: 1000,
			parameters: 61210
		});
		expect(view).toMatchObject({ status: 'ready', backend: 'wasm', parameters: 61210 });
		view = reduceTrainerView(view, steps(1, 3));
		expect(view.train.step).toEqual([1, 2, 3]);
		expect(view.step).toBe(3);
		expect(view.stepsPerSecond).toBe(6);
		view = reduceTrainerView(view, { type: 'heldOut', step: 3, loss: 1.5, accuracy: 0.6 });
		expect(view.heldOut).toEqual({ step: [3], loss: [1.5], accuracy: [0.6] });
		view = reduceTrainerView(view, {
			type: 'state',
			running: true,
			step: 3,
			learningRate: 0.01,
			batchSize: 64
		});
		expect(view).toMatchObject({ running: true, learningRate: 0.01, batchSize: 64 });
		const reset = reduceTrainerView(view, { type: 'reset', seed: 2 });
		expect(reset.train.step).toEqual([]);
		expect(reset.heldOut.step).toEqual([]);
		expect(reset).toMatchObject({ step: 0, backend: 'wasm', learningRate: 0.01, status: 'ready' });
		const failed = reduceTrainerView(view, { type: 'error', message: 'boom' });
		expect(failed).toMatchObject({ status: 'error', running: false, error: 'boom' });
	});

	it('thins a long curve instead of growing without bound, keeping the latest point', () => {
		let view = initialTrainerView(0.002, 32);
		for (let from = 1; from <= 3 * MAX_CURVE_POINTS; from += 500)
			view = reduceTrainerView(view, steps(from, 500));
		expect(view.train.step.length).toBeLessThanOrEqual(MAX_CURVE_POINTS);
		expect(view.train.step.at(-1)).toBe(3 * MAX_CURVE_POINTS);
		expect(view.train.step).toEqual([...view.train.step].sort((a, b) => a - b));
		expect(view.train.loss.length).toBe(view.train.step.length);
	});
});

describe('SnapshotGate and RateMeter', () => {
	it('lets at most one snapshot through per 100 ms', () => {
		const gate = new SnapshotGate(100);
		const passed = [0, 30, 99, 100, 150, 205, 1000].filter((t) => gate.ready(t));
		expect(passed).toEqual([0, 100, 205, 1000]);
	});

	it('measures steps per second over its window', () => {
		const meter = new RateMeter(2000);
		expect(meter.rate()).toBeNaN();
		for (let t = 0; t <= 5000; t += 200) meter.tick(t); // 5 steps/s
		expect(meter.rate()).toBeCloseTo(5, 6);
		for (let t = 5100; t <= 9000; t += 100) meter.tick(t); // then 10 steps/s
		expect(meter.rate()).toBeCloseTo(10, 6);
	});
});
