// The imbalance lab's update: unweighted it is classifierTraining's trainStep (the same model and
// batch give the same loss and the same weights after the step); weighted, its loss is the mean
// of w_y · cross-entropy computed here from model.predict. On WASM (the training worker's
// backend); no tensor left behind. The learning rate follows a cosine over the run, by hand.
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { adam } from '../../../../src/lib/engine/adam';
import { buildFashionClassifier } from '../../../../src/lib/engine/architectures/fashionClassifier';
import { trainStep } from '../../../../src/lib/engine/classifierTraining';
import {
	cosineLearningRate,
	imbalanceTask,
	weightedTrainStep
} from '../../../../src/lib/engine/imbalance/imbalanceTraining';
import { seededRandom } from '../../../../src/lib/engine/seededRandom';
import { VariantTrainer } from '../../../../src/lib/training/variantTrainer';
import { useBackend, type TestBackend } from '../../tfBackend';

const B = 4;
const random = seededRandom(3);
const pixels = Float32Array.from({ length: B * 784 }, () => random());
const labels = Uint8Array.from([6, 0, 6, 3]);
const weights = [0.5, 1, 1, 2, 1, 1, 9, 1, 1, 1];

// WASM only: the training worker's backend (the CPU backend takes ~15 s for these steps)
describe.each<TestBackend>(['wasm'])('weightedTrainStep on %s', (backend) => {
	it('unweighted equals trainStep; weighted loss is Σ w_y · CE / Σ w_y from predict', async () => {
		await useBackend(backend);
		const images = tf.tensor4d(pixels, [B, 28, 28, 1]);
		const before = tf.memory().numTensors;
		const [a, b, c] = [1, 2, 3].map(() => buildFashionClassifier({ seed: 5, batchNorm: false }));
		// dropout makes a training step differ from predict: off for this comparison
		(c.getLayer('dropout') as unknown as { rate: number }).rate = 0;
		const optimizers = [1, 2, 3].map(() => adam(0.002));
		const reference = trainStep(a, optimizers[0], images, labels);
		const mine = await weightedTrainStep(b, optimizers[1], images, labels, null);
		expect(mine.loss).toBeCloseTo(reference.loss, 4);
		const p = tf.tidy(() => c.predict(images) as tf.Tensor2D).arraySync();
		const weightSum = Array.from(labels).reduce((sum, c) => sum + weights[c], 0);
		const expected =
			p.reduce((sum, row, i) => sum + weights[labels[i]] * -Math.log(row[labels[i]]), 0) /
			weightSum;
		const weighted = await weightedTrainStep(c, optimizers[2], images, labels, weights);
		expect(weighted.loss).toBeCloseTo(expected, 3);
		for (const m of [a, b, c]) m.dispose();
		for (const o of optimizers) o.dispose();
		images.dispose();
		expect(tf.memory().numTensors).toBe(before);
	}, 60_000);
});

// base · (1 + cos(π t / T)) / 2 for T = 4: cos 0 = 1, cos π/4 = √2/2, cos π/2 = 0, cos 3π/4 = −√2/2
const COSINE_4 = [0.002, 0.001 * (1 + Math.SQRT1_2), 0.001, 0.001 * (1 - Math.SQRT1_2)];

describe('the cosine learning rate', () => {
	it('falls from the base rate toward 0 over the run, then stays at its last value', () => {
		COSINE_4.forEach((rate, t) => expect(cosineLearningRate(0.002, t, 4)).toBeCloseTo(rate, 12));
		expect(cosineLearningRate(0.002, 9, 4)).toBeCloseTo(COSINE_4[3], 12);
		expect(cosineLearningRate(0.002, 3, Infinity)).toBe(0.002);
	});

	it('is the rate of each step the imbalance task takes', async () => {
		await useBackend('wasm');
		const before = tf.memory().numTensors;
		const set = {
			images: Float32Array.from({ length: 20 * 784 }, () => random()),
			labels: Uint8Array.from({ length: 20 }, (_, i) => i % 10),
			count: 20
		};
		const trainer = new VariantTrainer(
			imbalanceTask(
				() => set,
				() => 4
			),
			{
				seed: 1,
				learningRate: 0.002,
				batchSize: 4,
				variants: [{ id: 'baseline', config: { remedy: 'baseline', rareClass: 6, ratio: 1 } }]
			}
		);
		const rates: number[] = [];
		for (let step = 0; step < 5; step++) {
			await trainer.trainStep();
			rates.push(trainer.variants[0].optimizer.learningRate);
		}
		[...COSINE_4, COSINE_4[3]].forEach((rate, t) => expect(rates[t]).toBeCloseTo(rate, 12));
		trainer.dispose();
		expect(tf.memory().numTensors).toBe(before);
	}, 60_000);
});
