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

	it("'pytorch' initialization: kernels and biases uniform in ±1/√fan_in; 'he' keeps zero biases", () => {
		// fan_in by hand at half width: conv 9·in, dense 3·3·32 flattened, logits 64 units
		const fanIn: Record<string, number> = {
			conv1: 9,
			conv2: 9 * 8,
			conv3: 9 * 16,
			dense: 3 * 3 * 32,
			logits: 64
		};
		const model = buildFashionClassifier({
			batchNorm: false,
			channels: [8, 16, 32],
			initialization: 'pytorch'
		});
		for (const [name, n] of Object.entries(fanIn)) {
			const bound = 1 / Math.sqrt(n);
			const [kernel, bias] = model.getLayer(name).getWeights();
			for (const t of [kernel, bias]) {
				const v = Array.from(t.dataSync());
				expect(Math.max(...v.map(Math.abs))).toBeLessThanOrEqual(bound);
				// a uniform's spread: std = bound/√3 (loosely: conv1's bias has only 8 values)
				if (v.length >= 100) {
					const std = Math.sqrt(v.reduce((a, x) => a + x * x, 0) / v.length);
					expect(std).toBeGreaterThan(0.5 * (bound / Math.sqrt(3)));
					expect(std).toBeLessThan(1.2 * (bound / Math.sqrt(3)));
				} else expect(v.some((x) => x !== 0)).toBe(true);
			}
		}
		const he = buildFashionClassifier({ batchNorm: false, channels: [8, 16, 32] });
		for (const name of Object.keys(fanIn))
			expect(Array.from(he.getLayer(name).getWeights()[1].dataSync()).every((x) => x === 0)).toBe(
				true
			);
		// He normal's spread for conv3 (√(2/144) ≈ 0.118) is wider than PyTorch's bound (1/12)
		const k3 = Array.from(he.getLayer('conv3').getWeights()[0].dataSync());
		expect(Math.max(...k3.map(Math.abs))).toBeGreaterThan(1 / 12);
		model.dispose();
		he.dispose();
	});

	it('names the ten Fashion-MNIST classes in label order', () => {
		expect(FASHION_CLASSES).toHaveLength(10);
		expect(FASHION_CLASSES[0]).toBe('T-shirt/top');
		expect(FASHION_CLASSES[9]).toBe('Ankle boot');
	});
});
