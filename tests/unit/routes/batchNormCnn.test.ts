/**
 * BN in a CNN (the batch-norm lab's CNN comparison): the four variants and their rates, the step
 * that trains at `multiple` × the run's rate and gives it back, the "CNN curves" table in the lab's
 * export layout, and the sentence that says whether the fast pair diverged — against hand-made runs.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Optimizer } from '$lib/engine/optimizer';
import { cnnVariants, parseCnnConfig, scaledStep } from '$lib/workers/bnCnnTraining';
import { cnnCurvesTable, cnnSentence, type CnnRun } from '../../../src/routes/batch-norm/cnnCurves';

beforeAll(async () => {
	await tf.setBackend('cpu');
});

describe('the CNN comparison’s variants and step', () => {
	it('names four variants: with and without BN, at 1× and at the multiple', () => {
		expect(cnnVariants(5)).toEqual([
			{ id: 'cnn', config: { batchNorm: false, multiple: 1 } },
			{ id: 'cnn-bn', config: { batchNorm: true, multiple: 1 } },
			{ id: 'cnn-x5', config: { batchNorm: false, multiple: 5 } },
			{ id: 'cnn-bn-x5', config: { batchNorm: true, multiple: 5 } }
		]);
		expect(parseCnnConfig({ batchNorm: true, multiple: 5 })).toEqual({
			batchNorm: true,
			multiple: 5
		});
		for (const bad of [{ batchNorm: 1, multiple: 5 }, { batchNorm: true, multiple: 0.5 }, null])
			expect(parseCnnConfig(bad)).toBeNull();
	});

	it('a step of a ×5 variant runs the optimizer at 5 × its rate, and gives the rate back', () => {
		const network = tfl.sequential({
			layers: [
				tfl.layers.flatten({ inputShape: [2, 2, 1] }),
				tfl.layers.dense({ units: 10, activation: 'softmax' })
			]
		});
		const seen: number[] = [];
		const optimizer: Optimizer = {
			learningRate: 0.002,
			minimize(f) {
				seen.push(this.learningRate);
				return f();
			},
			dispose() {}
		};
		const images = tf.zeros([3, 2, 2, 1]) as tf.Tensor4D;
		const labels = Uint8Array.from([1, 2, 3]);
		const fast = scaledStep({ network, multiple: 5 }, optimizer, { images, labels });
		scaledStep({ network, multiple: 1 }, optimizer, { images, labels });
		expect(seen[0]).toBeCloseTo(0.01, 12);
		expect(seen[1]).toBe(0.002);
		expect(optimizer.learningRate).toBe(0.002);
		// uniform softmax on zeros: loss ln 10
		expect(fast.loss).toBeCloseTo(Math.log(10), 5);
		tf.dispose(images);
		network.dispose();
	});
});

function run(losses: Record<string, number[]>, accuracy: Record<string, number[]>): CnnRun {
	const curve = (values: number[], every: number, key: string) => ({
		step: values.map((_, i) => (every === 1 ? i + 1 : i * every)),
		values: { [key]: values }
	});
	return {
		lr: 0.002,
		multiple: 5,
		train: Object.fromEntries(Object.entries(losses).map(([id, l]) => [id, curve(l, 1, 'loss')])),
		test: Object.fromEntries(
			Object.entries(accuracy).map(([id, a]) => [id, curve(a, 50, 'accuracy')])
		)
	};
}

describe('the CNN curves table and sentence', () => {
	const calm = Array.from({ length: 60 }, (_, i) => 2 - i / 60);
	const accuracy = {
		cnn: [0.1, 0.7],
		'cnn-bn': [0.1, 0.8],
		'cnn-x5': [0.1, 0.65],
		'cnn-bn-x5': [0.1, 0.82]
	};

	it('has the lab’s export header, each variant at its own rate, empty percentile cells', () => {
		const table = cnnCurvesTable(run({ cnn: calm, 'cnn-x5': calm }, accuracy));
		expect(table.columns).toEqual([
			'variant',
			'lr',
			'step',
			'train_loss',
			'test_accuracy',
			'p15',
			'p50',
			'p85'
		]);
		const row = (id: string, step: number) => table.rows.find((r) => r[0] === id && r[2] === step);
		// step 0: accuracy only; step 50: loss and accuracy; the ×5 pair at 5 × 0.002
		expect(row('cnn', 0)).toEqual(['cnn', 0.002, 0, '', 0.1, '', '', '']);
		expect(row('cnn', 50)).toEqual(['cnn', 0.002, 50, calm[49], 0.7, '', '', '']);
		expect(row('cnn-x5', 1)).toEqual(['cnn-x5', 0.01, 1, calm[0], '', '', '', '']);
		expect(row('cnn-bn-x5', 50)![1]).toBe(0.01);
	});

	it('says plainly when no ×5 net diverged', () => {
		const text = cnnSentence(
			run({ cnn: calm, 'cnn-bn': calm, 'cnn-x5': calm, 'cnn-bn-x5': calm }, accuracy)
		)!;
		expect(text).toContain(
			'At step 50, test accuracy: no BN, 1× rate 70.0 %; with BN, 1× rate 80.0 %'
		);
		expect(text).toContain('no BN, 5× rate 65.0 %; with BN, 5× rate 82.0 %');
		expect(text).toContain('neither net diverged');
	});

	it('names the net that diverged: a NaN loss, or 20 last losses above ln 10', () => {
		const stuck = calm.map((l, i) => (i >= 40 ? 2.4 : l));
		const blown = calm.map((l, i) => (i === 30 ? NaN : l));
		const one = cnnSentence(run({ 'cnn-x5': stuck, 'cnn-bn-x5': calm }, accuracy))!;
		expect(one).toContain('At 5× the rate, no BN diverged');
		const both = cnnSentence(run({ 'cnn-x5': blown, 'cnn-bn-x5': stuck }, accuracy))!;
		expect(both).toContain('no BN and with BN diverged');
		// 19 losses above ln 10 is not yet "stuck above chance"
		const almost = calm.map((l, i) => (i >= 41 ? 2.4 : l));
		expect(cnnSentence(run({ 'cnn-x5': almost }, accuracy))).toContain('neither net diverged');
		expect(cnnSentence(run({}, {}))).toBeNull();
	});
});
