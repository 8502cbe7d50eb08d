// The shared training loop: variants side by side from one seed on the same batches. Two
// identical variants give bit-identical curves; different variants see the same batch indices in
// the same order (and still train differently); a seed gives the same curve twice, another seed
// another; reset(seed) equals a fresh start from that seed; every tensor is freed.
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { sgd } from '$lib/engine/sgd';
import { switchBackend } from '$lib/engine/wasmKernels';
import { VariantTrainer, weightStatistics } from '$lib/training/variantTrainer';
import { expectedBatches, tinyTask, type TinyConfig } from './tinyTask';

const BATCH = 5;

function trainer(seed: number, configs: Record<string, TinyConfig>, learningRate = 0.05) {
	return new VariantTrainer(tinyTask, {
		seed,
		variants: Object.entries(configs).map(([id, config]) => ({ id, config })),
		learningRate,
		batchSize: BATCH
	});
}

/** `steps` steps; each variant's losses. */
async function curves(t: VariantTrainer<TinyConfig, unknown, unknown>, steps: number) {
	const losses: Record<string, number[]> = {};
	for (let i = 0; i < steps; i++) {
		const result = await t.trainStep();
		expect(result?.step).toBe(i + 1);
		for (const [id, m] of Object.entries(result!.metrics)) (losses[id] ??= []).push(m.loss);
	}
	return losses;
}

describe('VariantTrainer', () => {
	beforeAll(async () => {
		expect(await switchBackend('cpu')).toBe(true);
	});

	it('gives two identical variants bit-identical loss curves', async () => {
		const t = trainer(3, { a: { scale: 1 }, b: { scale: 1 } });
		const losses = await curves(t, 8);
		expect(losses.a).toHaveLength(8);
		losses.a.forEach((loss, i) => expect(Object.is(loss, losses.b[i])).toBe(true));
		// and they did learn: the loss of the last steps is below that of the first
		expect(losses.a[7]).toBeLessThan(losses.a[0]);
		t.dispose();
	});

	it('shows different variants the same batch indices in the same order', async () => {
		const t = trainer(4, { small: { scale: 0.1 }, large: { scale: 4 }, mid: { scale: 1 } });
		const losses = await curves(t, 7); // more than one pass over the 12 examples
		const seen = Object.fromEntries(t.variants.map((v) => [v.id, v.model.seen]));
		const expected = expectedBatches(4, BATCH, 7);
		expect(seen.small).toEqual(expected);
		expect(seen.large).toEqual(expected);
		expect(seen.mid).toEqual(expected);
		// the variants are different: so are their curves
		expect(losses.small).not.toEqual(losses.large);
		expect(t.epoch).toBe(2); // 12 examples in batches of 5: 3 steps a pass
		t.dispose();
	});

	it('gives the same curve for the same seed, another for another seed, and reset(seed) a fresh start', async () => {
		const first = await curves(trainer(7, { a: { scale: 1 } }), 6);
		const again = trainer(7, { a: { scale: 1 } });
		const second = await curves(again, 6);
		expect(second.a).toEqual(first.a);
		const other = await curves(trainer(8, { a: { scale: 1 } }), 6);
		expect(other.a).not.toEqual(first.a);
		again.reset(7);
		expect(again.step).toBe(0);
		expect((await curves(again, 6)).a).toEqual(first.a);
		again.dispose();
	});

	it('changes every variant’s learning rate, reports parameters and statistics, frees every tensor', async () => {
		const baseline = tf.memory().numTensors;
		const t = trainer(1, { a: { scale: 1 }, b: { scale: 2 } });
		await curves(t, 2);
		t.learningRate = 0.5;
		expect(t.variants.map((v) => v.optimizer.learningRate)).toEqual([0.5, 0.5]);
		expect(() => (t.learningRate = 0)).toThrow();
		expect(t.parameters()).toEqual([
			{ id: 'a', parameters: 8 },
			{ id: 'b', parameters: 8 }
		]);
		const snapshot = t.snapshot('b');
		expect(snapshot.step).toBe(2);
		expect(snapshot.weights.map((w) => [w.name, w.shape])).toEqual([
			['w', [3, 2]],
			['b', [2]]
		]);
		const stats = t.statistics('b');
		expect(stats[0]).toEqual(weightStatistics('w', snapshot.weights[0].values));
		t.reset(2);
		t.dispose();
		expect(tf.memory().numTensors).toBe(baseline);
	});
});

describe('VariantTrainer with another optimizer', () => {
	it('builds each variant its own optimizer from the factory, at the trainer’s learning rate, and frees it', async () => {
		expect(await switchBackend('cpu')).toBe(true);
		const baseline = tf.memory().numTensors;
		const made: number[] = [];
		const make = (lr: number) => {
			made.push(lr);
			return sgd(lr);
		};
		const options = (optimizer?: typeof make) => ({
			seed: 5,
			variants: [
				{ id: 'a', config: { scale: 1 } },
				{ id: 'b', config: { scale: 1 } }
			],
			learningRate: 0.05,
			batchSize: BATCH,
			optimizer
		});
		const withSgd = new VariantTrainer(tinyTask, options(make));
		expect(made).toEqual([0.05, 0.05]);
		const sgdLosses = await curves(withSgd, 12);
		const withAdam = new VariantTrainer(tinyTask, options());
		const adamLosses = await curves(withAdam, 12);
		// the same first loss (same weights, same batch: f is measured before the update) …
		expect(sgdLosses.a[0]).toBe(adamLosses.a[0]);
		// … then another path, and it learns
		expect(sgdLosses.a).not.toEqual(adamLosses.a);
		const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
		expect(mean(sgdLosses.a.slice(-3))).toBeLessThan(mean(sgdLosses.a.slice(0, 3)));
		withSgd.reset(5);
		expect(made).toHaveLength(4);
		withSgd.dispose();
		withAdam.dispose();
		expect(tf.memory().numTensors).toBe(baseline);
	});
});

describe('weightStatistics', () => {
	it('gives mean, population standard deviation, min and max by hand', () => {
		expect(weightStatistics('k', [1, -1, 3, 5])).toEqual({
			name: 'k',
			size: 4,
			mean: 2,
			std: Math.sqrt((1 + 9 + 1 + 9) / 4),
			min: -1,
			max: 5
		});
	});
});
