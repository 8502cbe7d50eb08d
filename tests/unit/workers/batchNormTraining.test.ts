// The batch-norm lab's training task in the shared loop (serveTraining with a fake worker scope,
// on WASM as in the worker) on the first shipped images: three variants on the same batches,
// test accuracy at step 0 and every TEST_EVERY steps, a short run lowers every variant's loss, the
// followed unit's percentile band equals a sort of that unit's sigmoid inputs on the same batch
// through a fresh network, and every tensor is freed.
import * as tf from '@tensorflow/tfjs-core';
import { readFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { forward, ioffeNetwork, disposeNetwork } from '$lib/engine/batchNorm/ioffeNetwork';
import { BatchSampler } from '$lib/engine/classifierTraining';
import { gatherBatch, spriteToImages, type FashionSet } from '$lib/engine/fashionMnistData';
import { seededRandom } from '$lib/engine/seededRandom';
import type { MetricPoint, TrainingEvent } from '$lib/training/protocol';
import { serveTraining } from '$lib/training/workerHost';
import type { BatchNormReply } from '$lib/workers/batchNormProtocol';
import { BatchNormTraining } from '$lib/workers/batchNormTraining';
import { useBackend } from '../tfBackend';

const TRAIN = 240;
const TEST = 100;
let train: FashionSet;
let test: FashionSet;

function read(split: 'train' | 'test', count: number): FashionSet {
	const png = PNG.sync.read(readFileSync(`static/data/fashion-mnist/${split}-images.png`));
	const labels = readFileSync(`static/data/fashion-mnist/${split}-labels.bin`).subarray(0, count);
	return { images: spriteToImages(png.data, png.width, png.height, count, 100), labels, count };
}

beforeAll(async () => {
	await useBackend('wasm');
	train = read('train', TRAIN);
	test = read('test', TEST);
});

type Event = TrainingEvent<BatchNormReply>;

function lab() {
	const posted: Event[] = [];
	const scope = {
		onmessage: null as ((event: MessageEvent) => void) | null,
		postMessage: (message: unknown) => void posted.push(message as Event)
	};
	const training = new BatchNormTraining(async () => ({ train, test }));
	const host = serveTraining(training.task, async () => 'wasm', scope);
	const send = (data: unknown) => scope.onmessage!({ data } as MessageEvent);
	const points = (series: string): MetricPoint[] =>
		posted
			.flatMap((e) => (e.type === 'metrics' ? e.points : []))
			.filter((p) => p.series === series);
	const bands = () =>
		posted.flatMap((e) => (e.type === 'task' && e.task.type === 'bands' ? [e.task] : []));
	return { training, host, send, posted, points, bands };
}

// sd 0.1 initial weights: at the lab's 0.05 the plain net sits at chance for ~300 steps
const VARIANTS = ['plain', 'bn', 'noisy-bn'].map((v) => ({
	id: v,
	config: { variant: v, initSd: 0.1 }
}));

describe('BatchNormTraining', () => {
	it('trains the three variants on the same batches: losses fall, accuracy at step 0, bands as a sort', async () => {
		const start = tf.memory().numTensors;
		const { training, host, send, posted, points, bands } = lab();
		send({ type: 'configure', seed: 4, variants: VARIANTS, learningRate: 0.5, batchSize: 60 });
		send({ type: 'task', task: { type: 'data', dataUrl: 'x/' } });
		for (let i = 0; i < 12; i++) send({ type: 'step' });
		send({ type: 'task', task: { type: 'follow', layer: 2, unit: 7 } });
		await host.idle();
		const failed = posted.filter((e) => e.type === 'error');
		expect(failed).toEqual([]);

		// plain SGD at the rate asked for (Adam's 0.1 cap does not apply)
		expect(host.trainer!.learningRate).toBe(0.5);
		expect(host.trainer!.variants[0].optimizer.learningRate).toBe(0.5);
		// test accuracy of each variant at step 0, on the TEST images, near chance
		const tested = points('test');
		expect(tested.map((p) => [p.variant, p.step])).toEqual([
			['plain', 0],
			['bn', 0],
			['noisy-bn', 0]
		]);
		for (const p of tested)
			expect(p.values.accuracy * TEST).toBeCloseTo(Math.round(p.values.accuracy * TEST), 6);
		// BN's accuracy on Algorithm 2's population statistics beside its running averages' (BN only)
		expect(tested.map((p) => p.values.populationAccuracy === undefined)).toEqual([
			true,
			false,
			false
		]);
		for (const p of tested.slice(1)) {
			const right = p.values.populationAccuracy * TEST;
			expect(right).toBeCloseTo(Math.round(right), 6);
		}
		// the smoothness probe at step 0: the loss along the gradient, its spread, the gradient's change
		const probed = points('probe');
		expect(probed.map((p) => [p.variant, p.step])).toEqual(tested.map((p) => [p.variant, p.step]));
		for (const { values: v } of probed) {
			expect(v.lossMin).toBeLessThanOrEqual(v.loss);
			expect(v.loss).toBeLessThanOrEqual(v.lossMax);
			expect(v.gradientChangeMin).toBeGreaterThan(0);
			expect(v.gradientChange).toBeLessThanOrEqual(v.gradientChangeMax);
		}
		// every variant's loss falls over a short run
		for (const { id } of VARIANTS) {
			const losses = points('train')
				.filter((p) => p.variant === id)
				.map((p) => p.values.loss);
			expect(losses).toHaveLength(12);
			const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
			expect(mean(losses.slice(-3)), id).toBeLessThan(mean(losses.slice(0, 3)));
		}
		// the followed unit's whole band comes back, one point per step
		const band = bands().at(-1)!;
		expect(band).toMatchObject({ replace: true, layer: 2, unit: 7 });
		expect(band.bands.bn.step).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
		// the followed unit's γ, β and running averages, read from the BN network itself
		const bnNet = host.trainer!.variant('bn')!.model;
		expect(band.parameters.plain).toBeNull();
		expect(band.parameters.bn).toEqual({
			gamma: bnNet.hidden[1].gamma!.dataSync()[7],
			beta: bnNet.hidden[1].shift.dataSync()[7],
			runningMean: bnNet.hidden[1].runningMean!.dataSync()[7],
			runningVariance: bnNet.hidden[1].runningVariance!.dataSync()[7]
		});
		// step 1 for BN, by hand: the same seed's fresh network on the first batch, sorted
		const indices = new BatchSampler(TRAIN, seededRandom(4 + 17)).next(60);
		const batch = gatherBatch(train, indices);
		const net = ioffeNetwork('bn', 4, 0.1);
		const column = tf.tidy(() => {
			const out = forward(net, tf.tensor2d(batch.images, [60, 784]), true);
			return Array.from(out.inputs[1].dataSync()).filter((_, i) => i % 100 === 7);
		});
		disposeNetwork(net);
		const sorted = column.sort((a, b) => a - b);
		// NumPy's linear rule: rank p/100 · 59
		const at = (p: number) => {
			const r = (p / 100) * 59;
			const lo = Math.floor(r);
			return sorted[lo] + (sorted[lo + 1] - sorted[lo]) * (r - lo);
		};
		expect(band.bands.bn.p15[0]).toBeCloseTo(at(15), 4);
		expect(band.bands.bn.p50[0]).toBeCloseTo(at(50), 4);
		expect(band.bands.bn.p85[0]).toBeCloseTo(at(85), 4);

		// the weights download: every variant's weights now, named as the file names them
		send({ type: 'task', task: { type: 'weights' } });
		await host.idle();
		const reply = posted.flatMap((e) =>
			e.type === 'task' && e.task.type === 'weights' ? [e.task] : []
		);
		expect(reply).toHaveLength(1);
		expect(reply[0]).toMatchObject({ step: 12, lr: 0.5 });
		expect(Object.keys(reply[0].variants)).toEqual(['plain', 'bn', 'noisy-bn']);
		const sent = reply[0].variants.bn.weights;
		expect(sent.map((w) => w.name).slice(0, 5)).toEqual([
			'hidden1/kernel',
			'hidden1/beta',
			'hidden1/gamma',
			'hidden1/moving_mean',
			'hidden1/moving_variance'
		]);
		const gamma2 = sent.find((w) => w.name === 'hidden2/gamma')!;
		expect(gamma2.shape).toEqual([100]);
		expect(Array.from(gamma2.values)).toEqual(Array.from(bnNet.hidden[1].gamma!.dataSync()));
		expect(sent.find((w) => w.name === 'output/kernel')!.values[5]).toBe(
			bnNet.output.weights.dataSync()[5]
		);

		send({ type: 'reset', seed: 4 });
		await host.idle();
		expect(bands().at(-1)).toMatchObject({ replace: true, bands: { bn: { step: [] } } });
		host.trainer?.dispose();
		training.dispose();
		expect(tf.memory().numTensors).toBe(start);
	}, 60_000);
});
