// The imbalance lab's update: unweighted it is classifierTraining's trainStep (the same model and
// batch give the same loss and the same weights after the step); weighted, its loss is the mean
// of w_y · cross-entropy computed here from model.predict. On WASM (the training worker's
// backend); no tensor left behind.
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { adam } from '../../../../src/lib/engine/adam';
import { buildFashionClassifier } from '../../../../src/lib/engine/architectures/fashionClassifier';
import { trainStep } from '../../../../src/lib/engine/classifierTraining';
import { weightedTrainStep } from '../../../../src/lib/engine/imbalance/imbalanceTraining';
import { seededRandom } from '../../../../src/lib/engine/seededRandom';
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
