// The pure halves of the training protocol: what a worker accepts (generic commands, variant
// lists, and each model's own config and task checks), how the page's view follows events, the
// ~10-per-second snapshot throttle and the steps/s meter.
import { describe, expect, it } from 'vitest';
import {
	parseCommand,
	RateMeter,
	SnapshotGate,
	type MetricPoint,
	type TrainingEvent
} from '$lib/training/protocol';
import {
	curveOf,
	initialTrainingView,
	MAX_CURVE_POINTS,
	reduceTrainingView
} from '$lib/training/trainingView';
import { parseClassifierConfig, parseClassifierTask } from '$lib/workers/classifierProtocol';
import { parseSegmentationTask, parseUNetConfig } from '$lib/workers/segmentationProtocol';

const parse = (data: unknown) => parseCommand(data, parseClassifierConfig, parseClassifierTask);
const variant = (id: string, batchNorm = true) => ({ id, config: { batchNorm } });

describe('parseCommand', () => {
	it('accepts the commands, clamping learning rate and batch size', () => {
		expect(parse({ type: 'play' })).toEqual({ type: 'play' });
		expect(parse({ type: 'step', extra: 1 })).toEqual({ type: 'step' });
		expect(parse({ type: 'set', learningRate: 5 })).toEqual({ type: 'set', learningRate: 0.1 });
		expect(parse({ type: 'set', batchSize: 1000.4 })).toEqual({ type: 'set', batchSize: 256 });
		expect(parse({ type: 'set', batchSize: 0 })).toEqual({ type: 'set', batchSize: 1 });
		expect(parse({ type: 'reset', seed: 7 })).toEqual({ type: 'reset', seed: 7 });
		expect(
			parse({
				type: 'configure',
				seed: 3,
				variants: [variant('bn'), variant('plain', false)],
				learningRate: 1e-9,
				snapshots: true
			})
		).toEqual({
			type: 'configure',
			seed: 3,
			variants: [variant('bn'), variant('plain', false)],
			learningRate: 1e-5,
			snapshots: true
		});
		expect(
			parse({ type: 'task', task: { type: 'data', dataUrl: '/data/', heldOut: 500.2 } })
		).toEqual({
			type: 'task',
			task: { type: 'data', dataUrl: '/data/', heldOut: 500 }
		});
	});

	it('rejects unknown types, bad fields, empty settings and bad variant lists', () => {
		for (const bad of [
			null,
			'play',
			{ type: 'fly' },
			{ type: 'start' },
			{ type: 'set' },
			{ type: 'set', learningRate: 'fast' },
			{ type: 'set', batchSize: NaN },
			{ type: 'reset', seed: '1' },
			{ type: 'configure', variants: [variant('a')] },
			{ type: 'configure', seed: 1, variants: [] },
			{ type: 'configure', seed: 1, variants: [variant('a'), variant('a', false)] },
			{ type: 'configure', seed: 1, variants: [variant('')] },
			{ type: 'configure', seed: 1, variants: [{ id: 'a', config: { batchNorm: 'yes' } }] },
			{
				type: 'configure',
				seed: 1,
				variants: Array.from({ length: 9 }, (_, i) => variant(`v${i}`))
			},
			{ type: 'configure', seed: 1, variants: [variant('a')], snapshots: 1 },
			{ type: 'task', task: { type: 'data', dataUrl: '/data' } },
			{ type: 'task', task: { type: 'data', dataUrl: '/data/', heldOut: Infinity } },
			{ type: 'task', task: { type: 'wipe' } }
		])
			expect(parse(bad), JSON.stringify(bad)).toBeNull();
	});

	it("checks the U-Net's configs and the segmentation lab's messages", () => {
		const unet = {
			depth: 3,
			base: 8,
			skips: true,
			upsampling: 'resize',
			upKernel: 3,
			batchNorm: true,
			classes: 2
		};
		expect(parseUNetConfig({ ...unet, extra: 1 })).toEqual(unet);
		for (const bad of [
			{ ...unet, depth: 5 },
			{ ...unet, upsampling: 'pixel' },
			{ ...unet, skips: 1 }
		])
			expect(parseUNetConfig(bad)).toBeNull();
		expect(parseSegmentationTask({ type: 'features', level: 1, channels: 8 })).not.toBeNull();
		expect(parseSegmentationTask({ type: 'features', level: -1, channels: 8 })).toBeNull();
		expect(
			parseSegmentationTask({ type: 'picture', rgb: new Float32Array(12), height: 2, width: 2 })
		).not.toBeNull();
		expect(
			parseSegmentationTask({ type: 'picture', rgb: new Float32Array(11), height: 2, width: 2 })
		).toBeNull();
	});
});

describe('reduceTrainingView', () => {
	const points = (variants: string[], from: number, n: number): MetricPoint[] =>
		Array.from({ length: n }, (_, i) =>
			variants.map((v, k) => ({
				variant: v,
				series: 'train',
				step: from + i,
				epoch: 0,
				values: { loss: 2 - (from + i) / 1000 + k, accuracy: 0.5 }
			}))
		).flat();
	const metrics = (p: MetricPoint[]): TrainingEvent => ({
		type: 'metrics',
		points: p,
		stepsPerSecond: 6
	});

	it('follows ready, configured, metrics per variant, held-out, state, reset and error', () => {
		let view = initialTrainingView(0.002, 32);
		view = reduceTrainingView(view, { type: 'ready', backend: 'wasm' });
		expect(view).toMatchObject({ status: 'idle', backend: 'wasm' });
		view = reduceTrainingView(view, {
			type: 'configured',
			seed: 1,
			variants: [
				{ id: 'a', parameters: 10 },
				{ id: 'b', parameters: 12 }
			]
		});
		expect(view).toMatchObject({ status: 'ready', seed: 1 });
		view = reduceTrainingView(view, metrics(points(['a', 'b'], 1, 3)));
		expect(curveOf(view, 'a').step).toEqual([1, 2, 3]);
		expect(curveOf(view, 'b').values.loss).toEqual([3 - 0.001, 3 - 0.002, 3 - 0.003]);
		expect(view.step).toBe(3);
		expect(view.stepsPerSecond).toBe(6);
		view = reduceTrainingView(
			view,
			metrics([{ variant: 'a', series: 'heldOut', step: 3, epoch: 0, values: { loss: 1.5 } }])
		);
		expect(curveOf(view, 'a', 'heldOut')).toEqual({ step: [3], values: { loss: [1.5] } });
		// a metric that appears late lines up with the steps (NaN before it)
		view = reduceTrainingView(
			view,
			metrics([
				{ variant: 'a', series: 'heldOut', step: 6, epoch: 0, values: { loss: 1, accuracy: 0.7 } }
			])
		);
		expect(curveOf(view, 'a', 'heldOut').values.accuracy).toEqual([NaN, 0.7]);
		expect(curveOf(view, 'a').step).toEqual([1, 2, 3]);
		view = reduceTrainingView(view, {
			type: 'state',
			running: true,
			step: 3,
			learningRate: 0.01,
			batchSize: 64
		});
		expect(view).toMatchObject({ running: true, learningRate: 0.01, batchSize: 64 });
		const reset = reduceTrainingView(view, { type: 'reset', seed: 2 });
		expect(reset.curves).toEqual({});
		expect(reset).toMatchObject({
			step: 0,
			seed: 2,
			backend: 'wasm',
			status: 'ready',
			running: false
		});
		const failed = reduceTrainingView(view, { type: 'error', message: 'boom', stopped: true });
		expect(failed).toMatchObject({ status: 'ready', running: false, error: 'boom', stopped: true });
		const early = reduceTrainingView(initialTrainingView(0.002, 32), {
			type: 'error',
			message: 'no data'
		});
		expect(early).toMatchObject({ status: 'error', error: 'no data' });
		// the models the worker builds after that do not hide it
		expect(
			reduceTrainingView(early, {
				type: 'configured',
				seed: 1,
				variants: [{ id: 'a', parameters: 1 }]
			})
		).toMatchObject({ status: 'error', error: 'no data' });
	});

	it('thins a long curve instead of growing without bound, keeping the latest point', () => {
		let view = initialTrainingView(0.002, 32);
		for (let from = 1; from <= 3 * MAX_CURVE_POINTS; from += 500)
			view = reduceTrainingView(view, metrics(points(['a'], from, 500)));
		const curve = curveOf(view, 'a');
		expect(curve.step.length).toBeLessThanOrEqual(MAX_CURVE_POINTS);
		expect(curve.step.at(-1)).toBe(3 * MAX_CURVE_POINTS);
		expect(curve.step).toEqual([...curve.step].sort((a, b) => a - b));
		expect(curve.values.loss.length).toBe(curve.step.length);
		// each kept loss is the one of its own step
		curve.step.forEach((s, i) => expect(curve.values.loss[i]).toBeCloseTo(2 - s / 1000, 9));
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
