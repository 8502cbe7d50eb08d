// Live training's step and evaluation: a few steps on tiny, learnable data must lower the loss
// on the CPU backend and on WASM (with the filter-gradient kernel), leave no tensor behind,
// and the evaluation must equal a loss and accuracy computed here from model.predict by hand.
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildFashionClassifier } from '../../../src/lib/engine/architectures/fashionClassifier';
import { adam } from '../../../src/lib/engine/adam';
import {
	BatchSampler,
	evaluateClassifier,
	trainStep
} from '../../../src/lib/engine/classifierTraining';
import { seededRandom } from '../../../src/lib/engine/seededRandom';
import { useBackend, type TestBackend } from '../tfBackend';

/** n size×size images of 4 classes: class k is a bright square in quadrant k, plus noise. */
function tinyData(n: number, seed: number, size = 28): { images: Float32Array; labels: number[] } {
	const random = seededRandom(seed);
	const px = size * size;
	const half = size / 2;
	const images = new Float32Array(n * px);
	const labels: number[] = [];
	for (let i = 0; i < n; i++) {
		const k = i % 4;
		labels.push(k);
		const oy = k < 2 ? 1 : half + 1;
		const ox = k % 2 ? half + 1 : 1;
		for (let p = 0; p < px; p++) images[i * px + p] = random() * 0.2;
		for (let y = 0; y < half - 2; y++)
			for (let x = 0; x < half - 2; x++) images[i * px + (oy + y) * size + ox + x] = 1;
	}
	return { images, labels };
}

/**
 * A different LayersModel (trainStep must work with any): conv–BN–pool–dense on 12×12, small
 * enough for the Node CPU backend, which trains ~60× slower than WASM.
 */
function tinyModel(): tfl.LayersModel {
	return tfl.sequential({
		layers: [
			tfl.layers.conv2d({
				inputShape: [12, 12, 1],
				filters: 4,
				kernelSize: 3,
				padding: 'same',
				kernelInitializer: tfl.initializers.heNormal({ seed: 3 })
			}),
			tfl.layers.batchNormalization(),
			tfl.layers.activation({ activation: 'relu' }),
			tfl.layers.maxPooling2d({ poolSize: 2 }),
			tfl.layers.flatten(),
			tfl.layers.dense({
				units: 4,
				activation: 'softmax',
				kernelInitializer: tfl.initializers.glorotUniform({ seed: 4 })
			})
		]
	});
}

async function trainedLosses(
	backend: TestBackend,
	build: () => tfl.LayersModel,
	batch: number
): Promise<number[]> {
	await useBackend(backend);
	const baseline = tf.memory().numTensors;
	const model = build();
	const size = model.inputs[0].shape[1] as number;
	const px = size * size;
	const data = tinyData(32, 5, size);
	const optimizer = adam(0.01);
	const sampler = new BatchSampler(32, seededRandom(9));
	const losses: number[] = [];
	let afterFirst = 0;
	for (let step = 0; step < 20; step++) {
		const indices = Array.from(sampler.next(batch));
		const x = tf.tensor4d(
			Float32Array.from(
				indices.flatMap((k) => Array.from(data.images.subarray(k * px, (k + 1) * px)))
			),
			[indices.length, size, size, 1]
		);
		const labels = indices.map((k) => data.labels[k]);
		losses.push(trainStep(model, optimizer, x, labels).loss);
		x.dispose();
		// Adam creates its two moment variables per weight on the first step; nothing after.
		if (step === 0) afterFirst = tf.memory().numTensors;
	}
	expect(tf.memory().numTensors).toBe(afterFirst);
	optimizer.dispose();
	model.dispose();
	expect(tf.memory().numTensors).toBe(baseline);
	return losses;
}

const mean = (a: number[]) => a.reduce((s, v) => s + v, 0) / a.length;

describe('trainStep', () => {
	beforeAll(async () => {
		await useBackend('wasm');
	});

	it.each([
		['cpu', 'a tiny conv net', () => tinyModel(), 8],
		['wasm', 'the Fashion-MNIST net with batch norm', () => buildFashionClassifier({ seed: 2 }), 8],
		[
			'wasm',
			'the Fashion-MNIST net without',
			() => buildFashionClassifier({ batchNorm: false, seed: 2 }),
			8
		]
	] as const)(
		'lowers the loss on %s (%s), tensors back to baseline after 20 steps',
		async (backend, _name, build, batch) => {
			const losses = await trainedLosses(backend, build, batch);
			expect(losses.every(Number.isFinite)).toBe(true);
			expect(mean(losses.slice(-4))).toBeLessThan(mean(losses.slice(0, 4)) * 0.6);
		}
	);
});

describe('evaluateClassifier', () => {
	it('equals cross-entropy and accuracy computed from model.predict, in chunks or not', async () => {
		await useBackend('cpu');
		const data = tinyData(10, 3);
		const model = buildFashionClassifier({ seed: 4 });
		const p = tf.tidy(
			() =>
				(
					model.predict(tf.tensor4d(data.images, [10, 28, 28, 1])) as tf.Tensor
				).arraySync() as number[][]
		);
		let loss = 0;
		let right = 0;
		p.forEach((row, i) => {
			loss -= Math.log(Math.max(row[data.labels[i]], 1e-7));
			if (row.indexOf(Math.max(...row)) === data.labels[i]) right++;
		});
		const before = tf.memory().numTensors;
		for (const chunk of [3, 250]) {
			const got = evaluateClassifier(model, data.images, data.labels, [28, 28, 1], chunk);
			expect(got.loss).toBeCloseTo(loss / 10, 4);
			expect(got.accuracy).toBeCloseTo(right / 10, 6);
		}
		expect(tf.memory().numTensors).toBe(before);
		model.dispose();
	});
});

describe('BatchSampler', () => {
	it('visits every index once per epoch, in a new order each epoch', () => {
		const sampler = new BatchSampler(10, seededRandom(1));
		const first = [...sampler.next(4), ...sampler.next(4), ...sampler.next(4)];
		expect(first).toHaveLength(10); // the last batch of the pass is the 2 left
		expect([...first].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
		expect(sampler.epoch).toBe(0);
		const second = [...sampler.next(10)];
		expect(sampler.epoch).toBe(1);
		expect([...second].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
		expect(second).not.toEqual(first);
	});
});
