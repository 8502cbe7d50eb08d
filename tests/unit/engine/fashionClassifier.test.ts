// The shipped classifier's shapes, names and size: the /network page reads layers by these
// names, and the issue caps the network at 100,000 parameters so it trains in a tab.
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
	buildFashionClassifier,
	FASHION_CLASSES,
	fashionLayerNames,
	parameterCount
} from '../../../src/lib/engine/architectures/fashionClassifier';
import { useBackend } from '../tfBackend';

beforeAll(() => useBackend('cpu'));

describe('buildFashionClassifier', () => {
	it.each([true, false])(
		'batchNorm %s: 28×28×1 in, 10 probabilities out, ≤ 100k parameters',
		(batchNorm) => {
			const before = tf.memory().numTensors;
			const model = buildFashionClassifier({ batchNorm });
			expect(model.inputs[0].shape).toEqual([null, 28, 28, 1]);
			expect(model.outputs[0].shape).toEqual([null, 10]);
			expect(model.layers.map((l) => l.name)).toEqual(fashionLayerNames(batchNorm).all);
			const shapes = Object.fromEntries(model.layers.map((l) => [l.name, l.outputShape]));
			expect(shapes.relu1).toEqual([null, 28, 28, 16]);
			expect(shapes.pool1).toEqual([null, 14, 14, 16]);
			expect(shapes.relu2).toEqual([null, 14, 14, 32]);
			expect(shapes.pool3).toEqual([null, 3, 3, 64]);
			expect(shapes.logits).toEqual([null, 10]);
			// Hand count: conv k·k·in·out (+ out bias without BN), BN 4·C (γ, β, mean, variance),
			// dense 576·64 + 64, logits 64·10 + 10.
			const convs = 9 * 1 * 16 + 9 * 16 * 32 + 9 * 32 * 64;
			const perChannel = batchNorm ? 4 : 1;
			const expected = convs + perChannel * (16 + 32 + 64) + 576 * 64 + 64 + 64 * 10 + 10;
			expect(parameterCount(model)).toBe(expected);
			expect(expected).toBeLessThanOrEqual(100_000);
			const probabilities = tf.tidy(() => model.predict(tf.zeros([2, 28, 28, 1])) as tf.Tensor);
			const rows = probabilities.arraySync() as number[][];
			for (const row of rows) expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
			probabilities.dispose();
			model.dispose();
			expect(tf.memory().numTensors).toBe(before);
		}
	);

	it('is deterministic for a seed and differs between seeds', () => {
		const first = (seed: number) => {
			const model = buildFashionClassifier({ seed });
			const values = Array.from(model.getWeights()[0].dataSync());
			model.dispose();
			return values;
		};
		expect(first(3)).toEqual(first(3));
		expect(first(3)).not.toEqual(first(4));
	});

	it('dropout draws a new mask at every training call, the same sequence for a seed, none at inference', () => {
		const masks = (seed: number) => {
			const model = buildFashionClassifier({ seed });
			const dropout = model.getLayer('dropout');
			const ones = tf.ones([8, 64]);
			const drawn = [0, 1, 2].map(() =>
				tf.tidy(() => Array.from((dropout.apply(ones, { training: true }) as tf.Tensor).dataSync()))
			);
			const inference = tf.tidy(() =>
				Array.from((dropout.apply(ones, { training: false }) as tf.Tensor).dataSync())
			);
			ones.dispose();
			model.dispose();
			return { drawn, inference };
		};
		const { drawn, inference } = masks(5);
		// kept units are scaled by 1 / (1 − 0.25); about a quarter of 512 dropped
		for (const mask of drawn) {
			const dropped = mask.filter((v) => v === 0).length;
			expect(dropped).toBeGreaterThan(80);
			expect(dropped).toBeLessThan(180);
			for (const v of mask) if (v !== 0) expect(v).toBeCloseTo(4 / 3, 5);
		}
		expect(drawn[1]).not.toEqual(drawn[0]);
		expect(drawn[2]).not.toEqual(drawn[1]);
		expect(masks(5).drawn).toEqual(drawn);
		expect(inference.every((v) => v === 1)).toBe(true);
	});

	it('names the ten Fashion-MNIST classes in label order', () => {
		expect(FASHION_CLASSES).toHaveLength(10);
		expect(FASHION_CLASSES[0]).toBe('T-shirt/top');
		expect(FASHION_CLASSES[9]).toBe('Ankle boot');
	});
});
