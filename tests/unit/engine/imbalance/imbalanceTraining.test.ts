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
	IMBALANCE_RECIPES,
	imbalanceTask,
	RECIPES,
	recipeOptimizer,
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

	it.each(RECIPES)(
		"is the rate of each step the imbalance task takes, from recipe %s's own first rate",
		async (recipe) => {
			await useBackend('wasm');
			const before = tf.memory().numTensors;
			const set = {
				images: Float32Array.from({ length: 20 * 784 }, () => random()),
				labels: Uint8Array.from({ length: 20 }, (_, i) => i % 10),
				count: 20
			};
			const task = imbalanceTask(
				() => set,
				() => 4
			);
			const trainer = new VariantTrainer(task, {
				seed: 1,
				// the trainer's rate is not the recipe's: the recipe's wins
				learningRate: 0.123,
				optimizer: task.optimizer,
				batchSize: 4,
				variants: [
					{ id: 'baseline', config: { remedy: 'baseline', rareClass: 6, ratio: 1, recipe } }
				]
			});
			// the recipe's initialisation: He's biases start at 0, PyTorch's do not
			const bias = trainer.variants[0].model.net.getLayer('conv1').getWeights()[1].dataSync();
			const pytorchInit = IMBALANCE_RECIPES[recipe].network.initialization === 'pytorch';
			expect(Array.from(bias).some((b) => b !== 0)).toBe(pytorchInit);
			const rates: number[] = [];
			for (let step = 0; step < 5; step++) {
				await trainer.trainStep();
				rates.push(trainer.variants[0].optimizer.learningRate);
			}
			const scale = IMBALANCE_RECIPES[recipe].learningRate / COSINE_4[0];
			[...COSINE_4, COSINE_4[3]].forEach((rate, t) =>
				expect(rates[t]).toBeCloseTo(rate * scale, 12)
			);
			// the recipe's dropout (0.25 for 'sgd')
			const net = trainer.variants[0].model.net;
			const dropout = (net.getLayer('dropout') as unknown as { rate: number }).rate;
			expect(dropout).toBe(IMBALANCE_RECIPES[recipe].network.dropout);
			trainer.dispose();
			expect(tf.memory().numTensors).toBe(before);
		},
		60_000
	);
});

describe('the recipes’ optimizers', () => {
	// f(w) = Σ g·w has the constant gradient g: two steps, by hand
	async function twoSteps(recipe: 'adam' | 'sgd') {
		await useBackend('cpu');
		const g = [2, -0.5];
		const w = tf.variable(tf.tensor1d([1, 1]));
		const opt = recipeOptimizer(IMBALANCE_RECIPES[recipe]);
		const values: number[][] = [];
		for (let i = 0; i < 2; i++) {
			tf.dispose(opt.minimize(() => tf.sum(tf.mul(w, tf.tensor1d(g))), [w]));
			values.push(Array.from(w.dataSync()));
		}
		opt.dispose();
		w.dispose();
		return { g, values };
	}

	it('sgd: SGD with momentum 0.9 from 0.05 — w₁ = w₀ − lr·g, w₂ = w₁ − lr·(0.9·g + g)', async () => {
		const { g, values } = await twoSteps('sgd');
		const lr = IMBALANCE_RECIPES.sgd.learningRate;
		expect(lr).toBe(0.05);
		g.forEach((gi, i) => {
			expect(values[0][i]).toBeCloseTo(1 - lr * gi, 6);
			expect(values[1][i]).toBeCloseTo(1 - lr * gi - lr * 1.9 * gi, 6);
		});
	});

	it('adam: Adam from 0.004 — a first step of lr·sign(g), whatever |g|', async () => {
		const { g, values } = await twoSteps('adam');
		const lr = IMBALANCE_RECIPES.adam.learningRate;
		expect(lr).toBe(0.004);
		g.forEach((gi, i) => {
			expect(values[0][i]).toBeCloseTo(1 - lr * Math.sign(gi), 5);
			expect(values[1][i]).toBeCloseTo(1 - 2 * lr * Math.sign(gi), 5);
		});
	});
});
