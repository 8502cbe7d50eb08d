// The /network lab's engine on hand-built models (CPU backend): per-layer activations and shapes,
// Grad-CAM against a map computed by hand, the input gradient against finite differences, the
// confusion matrix, the unit breakdown, and no tensor left behind.
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { classifierLayers, spatialArchitecture } from '$lib/engine/classifierLayers';
import {
	cellImages,
	confusionMatrix,
	matrixAccuracy,
	predictClasses
} from '$lib/engine/confusionMatrix';
import { gradCam, lastMapLayer } from '$lib/engine/gradCam';
import { inputGradient } from '$lib/engine/inputGradient';
import { classifierForward, readActivations } from '$lib/engine/networkActivations';
import { receptiveField, unitSpan } from '$lib/engine/receptiveField';
import { convUnitBreakdown, denseUnitBreakdown } from '$lib/engine/unitBreakdown';
import { seededRandom } from '$lib/engine/seededRandom';
import { useBackend } from '../tfBackend';

beforeAll(async () => {
	await useBackend('cpu');
});

/** A small VGG-style chain like the shipped classifier, weights seeded. */
function smallClassifier(side = 8, seed = 1) {
	const model = tfl.sequential({
		layers: [
			tfl.layers.conv2d({
				inputShape: [side, side, 1],
				filters: 3,
				kernelSize: 3,
				padding: 'same',
				activation: 'relu'
			}),
			tfl.layers.maxPooling2d({ poolSize: 2 }),
			tfl.layers.conv2d({ filters: 4, kernelSize: 3, padding: 'valid', activation: 'relu' }),
			tfl.layers.flatten(),
			tfl.layers.dense({ units: 5, activation: 'relu' }),
			tfl.layers.dropout({ rate: 0.5 }),
			tfl.layers.dense({ units: 3, activation: 'softmax' })
		]
	});
	const random = seededRandom(seed);
	model.setWeights(
		model.getWeights().map((w) =>
			tf.tensor(
				Float32Array.from({ length: w.size }, () => random() - 0.5),
				w.shape
			)
		)
	);
	return model;
}

function image(side: number, seed = 7): tf.Tensor3D {
	const random = seededRandom(seed);
	return tf.tensor3d(
		Float32Array.from({ length: side * side }, () => random()),
		[side, side, 1]
	);
}

describe('classifierLayers', () => {
	it('reads kinds, shapes, parameter counts and windows from the model', () => {
		const model = smallClassifier();
		const layers = classifierLayers(model);
		expect(layers.map((l) => l.kind)).toEqual([
			'conv',
			'maxpool',
			'conv',
			'flatten',
			'dense',
			'dropout',
			'dense'
		]);
		expect(layers.map((l) => l.shape)).toEqual([
			[8, 8, 3],
			[4, 4, 3],
			[2, 2, 4],
			[16],
			[5],
			[5],
			[3]
		]);
		// 3·3·1·3 + 3, 0, 3·3·3·4 + 4, 0, 16·5 + 5, 0, 5·3 + 3
		expect(layers.map((l) => l.params)).toEqual([30, 0, 112, 0, 85, 0, 18]);
		expect(layers[0].window).toEqual({ kernel: 3, stride: 1, padding: 'same', dilation: 1 });
		expect(layers[1].window).toEqual({ kernel: 2, stride: 2, padding: 'valid', dilation: 1 });
		expect(layers.at(-1)?.activation).toBe('softmax');
		model.dispose();
	});

	it('gives the receptive field of a unit: conv3 → pool2 → conv3 is 8 px wide', () => {
		const model = smallClassifier();
		const table = receptiveField(spatialArchitecture(classifierLayers(model)), 8, 8);
		expect(table.rows.map((r) => r.x.rf)).toEqual([3, 4, 8]);
		// Unit 1 of the last conv: its 3 inputs are pool units 1–3, i.e. input pixels 2–7, plus one on each side from conv 1.
		expect(unitSpan(table.rows[2].x, 1)).toEqual([1, 8]);
		model.dispose();
	});
});

describe('classifierForward', () => {
	it('keeps every layer, shapes as documented, the last layer = the model’s prediction', async () => {
		const model = smallClassifier();
		const x = image(8);
		const before = tf.memory().numTensors;
		const forward = classifierForward(model, x);
		expect(forward.activations.map((a) => a.shape)).toEqual([
			[8, 8, 3],
			[4, 4, 3],
			[2, 2, 4],
			[16],
			[5],
			[5],
			[3]
		]);
		const predicted = tf.tidy(() => model.predict(tf.expandDims(x, 0)) as tf.Tensor);
		const probabilities = await forward.activations[6].data();
		const expected = await predicted.data();
		probabilities.forEach((p, i) => expect(p).toBeCloseTo(expected[i], 5));
		// softmax(logits) = the probabilities
		const logits = await forward.logits.data();
		const exp = Array.from(logits, Math.exp);
		const z = exp.reduce((a, b) => a + b, 0);
		exp.forEach((e, i) => expect(e / z).toBeCloseTo(probabilities[i], 5));
		// layer 0 against a naive same-padded 3×3 conv + ReLU
		const [kernel, bias] = model.layers[0].getWeights().map((w) => w.dataSync());
		const pixels = x.dataSync();
		const conv = await forward.activations[0].data();
		for (let y = 0; y < 8; y++)
			for (let xx = 0; xx < 8; xx++)
				for (let o = 0; o < 3; o++) {
					let s = bias[o];
					for (let ky = 0; ky < 3; ky++)
						for (let kx = 0; kx < 3; kx++) {
							const iy = y + ky - 1;
							const ix = xx + kx - 1;
							if (iy >= 0 && iy < 8 && ix >= 0 && ix < 8)
								s += pixels[iy * 8 + ix] * kernel[(ky * 3 + kx) * 3 + o];
						}
					expect(conv[(y * 8 + xx) * 3 + o]).toBeCloseTo(Math.max(0, s), 5);
				}
		predicted.dispose();
		const arrays = await readActivations([...forward.activations, forward.logits]);
		expect(arrays.map((a) => a.length)).toEqual([192, 48, 16, 16, 5, 5, 3, 3]);
		expect(arrays[7][1]).toBeCloseTo(logits[1], 6);
		expect(tf.memory().numTensors).toBe(before);
		x.dispose();
		model.dispose();
	});
});

/** conv 1×1 (2 filters, ReLU) → flatten → dense 2 softmax on a 2×2 input, every weight chosen by hand. */
function handModel() {
	const model = tfl.sequential({
		layers: [
			tfl.layers.conv2d({ inputShape: [2, 2, 1], filters: 2, kernelSize: 1, activation: 'relu' }),
			tfl.layers.flatten(),
			tfl.layers.dense({ units: 2, activation: 'softmax' })
		]
	});
	// Dense kernel [8, 2], row (i·2 + j)·2 + c; column 0 = class 0, column 1 = class 1.
	const class0 = [-1, 8, 0, 0, 0, 0, 0, 0];
	const class1 = [1, 2, -1, 0, 0, 1, 2, -2];
	const dense = class0.flatMap((w0, r) => [w0, class1[r]]);
	model.setWeights([
		tf.tensor4d([1, 0.5], [1, 1, 1, 2]),
		tf.tensor1d([0, -1]),
		tf.tensor2d(dense, [8, 2]),
		tf.tensor1d([0.3, -0.2])
	]);
	return model;
}

describe('gradCam', () => {
	it('equals the map computed by hand', async () => {
		const model = handModel();
		const x = tf.tensor3d([1, 2, 3, 4], [2, 2, 1]);
		// A: channel 0 = x = [1, 2, 3, 4]; channel 1 = ReLU(0.5x − 1) = [0, 0, 0.5, 1].
		// Class 1: α = (mean of W[·,0 ch], mean of W[·,1 ch]) = ((1 − 1 + 0 + 2)/4, (2 + 0 + 1 − 2)/4) = (0.5, 0.25)
		//   CAM = ReLU(0.5·A0 + 0.25·A1) = [0.5, 1, 1.625, 2.25].
		// Class 0: α = (−0.25, 2): CAM = ReLU(−0.25·A0 + 2·A1) = [0, 0, 0.25, 1].
		const one = gradCam(model, x, 0, 1);
		expect(Array.from(await one.weights.data())).toEqual([0.5, 0.25]);
		Array.from(await one.cam.data()).forEach((v, i) =>
			expect(v).toBeCloseTo([0.5, 1, 1.625, 2.25][i], 6)
		);
		expect(one.cam.shape).toEqual([2, 2]);
		const zero = gradCam(model, x, 0, 0);
		Array.from(await zero.cam.data()).forEach((v, i) =>
			expect(v).toBeCloseTo([0, 0, 0.25, 1][i], 6)
		);
		tf.dispose([one.cam, one.weights, zero.cam, zero.weights, x]);
		model.dispose();
	});

	it('refuses a flat layer, and finds the last map layer', () => {
		const model = handModel();
		const x = tf.tensor3d([1, 2, 3, 4], [2, 2, 1]);
		expect(() => gradCam(model, x, 1, 0)).toThrow(RangeError);
		expect(lastMapLayer([[8, 8, 3], [4, 4, 3], [16], [3]])).toBe(1);
		x.dispose();
		model.dispose();
	});
});

describe('inputGradient', () => {
	it('matches central finite differences of the logit', async () => {
		const model = smallClassifier(6, 3);
		const x = image(6, 11);
		const grad = await inputGradient(model, x, 2).data();
		const pixels = x.dataSync();
		const logit = (values: Float32Array) =>
			tf.tidy(() => classifierForward(model, tf.tensor3d(values, [6, 6, 1])).logits.dataSync()[2]);
		const eps = 1e-2;
		let checked = 0;
		for (let i = 0; i < 36; i += 5) {
			const up = Float32Array.from(pixels);
			const down = Float32Array.from(pixels);
			up[i] += eps;
			down[i] -= eps;
			const numeric = (logit(up) - logit(down)) / (2 * eps);
			expect(grad[i]).toBeCloseTo(numeric, 3);
			checked++;
		}
		expect(checked).toBeGreaterThan(6);
		expect(Array.from(grad).some((g) => Math.abs(g) > 1e-3)).toBe(true);
		x.dispose();
		model.dispose();
	});
});

describe('confusionMatrix', () => {
	it('counts true × predicted, lists a cell’s images, and gives the accuracy', () => {
		const labels = [0, 0, 1, 2, 2, 2];
		const predicted = [0, 1, 1, 2, 0, 2];
		const counts = confusionMatrix(labels, predicted, 3);
		expect(Array.from(counts)).toEqual([1, 1, 0, 0, 1, 0, 1, 0, 2]);
		expect(cellImages(labels, predicted, 2, 0)).toEqual([4]);
		expect(cellImages(labels, predicted, 2, 2)).toEqual([3, 5]);
		expect(matrixAccuracy(counts, 3)).toBeCloseTo(4 / 6, 9);
		expect(() => confusionMatrix([0], [3], 3)).toThrow(RangeError);
		expect(() => confusionMatrix([0, 1], [0], 3)).toThrow(RangeError);
	});

	it('predicts a chunk with the model’s own argmax', async () => {
		const model = smallClassifier();
		const random = seededRandom(5);
		const images = Float32Array.from({ length: 6 * 64 }, () => random());
		const before = tf.memory().numTensors;
		const predicted = await predictClasses(model, images, 8, 2, 3);
		expect(tf.memory().numTensors).toBe(before);
		const all = (model.predict(tf.tensor4d(images, [6, 8, 8, 1])) as tf.Tensor2D).arraySync();
		const argmax = all.map((row) => row.indexOf(Math.max(...row)));
		expect(Array.from(predicted)).toEqual(argmax.slice(2, 5));
		model.dispose();
	});
});

describe('unit breakdown', () => {
	it('a conv unit’s products add up to the layer’s value', async () => {
		const model = smallClassifier();
		const x = image(8);
		const forward = classifierForward(model, x);
		const [pool, conv] = await Promise.all([
			forward.activations[1].data(),
			forward.activations[2].data()
		]);
		const [kernel, bias] = model.layers[2].getWeights().map((w) => w.dataSync() as Float32Array);
		const g = { kernelSize: 3, stride: 1, padding: 'valid' as const, dilation: 1 };
		const unit = convUnitBreakdown(
			{ data: pool as Float32Array, height: 4, width: 4, channels: 3 },
			kernel,
			bias,
			g,
			4,
			2,
			1,
			0
		);
		expect(unit.channels).toHaveLength(3);
		expect(unit.channels[0].taps).toHaveLength(9);
		expect(Math.max(0, unit.preActivation)).toBeCloseTo(conv[(1 * 2 + 0) * 4 + 2], 5);
		// dense 5 over the 16 flattened values
		const [flat, dense] = await Promise.all([
			forward.activations[3].data(),
			forward.activations[4].data()
		]);
		const [dk, db] = model.layers[4].getWeights().map((w) => w.dataSync() as Float32Array);
		const d = denseUnitBreakdown(flat as Float32Array, [2, 2, 4], dk, db, 5, 3);
		expect(Math.max(0, d.preActivation)).toBeCloseTo(dense[3], 5);
		expect(d.channels[0].taps[5]).toMatchObject({ iy: 0, ix: 1 });
		tf.dispose([...forward.activations, forward.logits, x]);
		model.dispose();
	});
});

describe('tensor count', () => {
	it('returns to the baseline after a forward pass, a Grad-CAM and an input gradient', async () => {
		const model = smallClassifier();
		const x = image(8);
		const run = async () => {
			const forward = classifierForward(model, x);
			await readActivations([...forward.activations, forward.logits]);
			const cam = gradCam(model, x, 2, 1);
			const grad = inputGradient(model, x, 1);
			tf.dispose([cam.cam, cam.weights, grad]);
		};
		await run(); // warm-up (layers may cache on first call)
		const before = tf.memory().numTensors;
		await run();
		await run();
		expect(tf.memory().numTensors).toBe(before);
		x.dispose();
		model.dispose();
	});
});
