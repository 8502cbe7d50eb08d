// The /network lab's engine on the two real networks (CPU backend): every layer's activation
// has the shape the lab lays out, read back in one transfer, and no tensor is left behind.
import * as tf from '@tensorflow/tfjs-core';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
	buildFashionClassifier,
	fashionLayerShapes
} from '$lib/engine/architectures/fashionClassifier';
import { classifierLayers } from '$lib/engine/classifierLayers';
import { gradCam } from '$lib/engine/gradCam';
import { classifierForward, readActivations } from '$lib/engine/networkActivations';
import { loadSelfieModel, SELFIE_LEVELS, selfieActivations } from '$lib/engine/selfieModel';
import { useBackend } from '../tfBackend';

beforeAll(async () => {
	await useBackend('cpu');
});

describe('the Fashion-MNIST classifier, layer by layer', () => {
	it('has the 18 documented layers and shapes; logits under the softmax', async () => {
		const model = buildFashionClassifier();
		const layers = classifierLayers(model);
		expect(layers.map((l) => l.name)).toEqual([
			'conv1',
			'bn1',
			'relu1',
			'pool1',
			'conv2',
			'bn2',
			'relu2',
			'pool2',
			'conv3',
			'bn3',
			'relu3',
			'pool3',
			'flatten',
			'dense',
			'dense_relu',
			'dropout',
			'logits',
			'softmax'
		]);
		const x = tf.randomUniform([28, 28, 1], 0, 1, 'float32', 2) as tf.Tensor3D;
		const before = tf.memory().numTensors;
		const forward = classifierForward(model, x);
		const shapes = forward.activations.map((a) => a.shape);
		expect(shapes.slice(0, 4)).toEqual([
			[28, 28, 16],
			[28, 28, 16],
			[28, 28, 16],
			[14, 14, 16]
		]);
		expect(shapes.slice(8, 12)).toEqual([
			[7, 7, 64],
			[7, 7, 64],
			[7, 7, 64],
			[3, 3, 64]
		]);
		expect(shapes.slice(12)).toEqual([[576], [64], [64], [64], [10], [10]]);
		expect(shapes).toEqual(layers.map((l) => l.shape));
		const arrays = await readActivations([...forward.activations, forward.logits]);
		const logits = arrays[18];
		// the logits layer's own output is the logits
		Array.from(arrays[16]).forEach((v, i) => expect(v).toBeCloseTo(logits[i], 5));
		const cam = gradCam(model, x, 10, 3); // relu3
		expect(cam.cam.shape).toEqual([7, 7]);
		tf.dispose([cam.cam, cam.weights]);
		expect(tf.memory().numTensors).toBe(before);
		x.dispose();
		model.dispose();
	});

	it('lays out from known shapes before loading: the built model’s and the shipped model’s', () => {
		const model = buildFashionClassifier();
		const built = classifierLayers(model).map(({ name, shape }) => ({ name, shape }));
		model.dispose();
		expect(fashionLayerShapes()).toEqual(built);
		const shipped = JSON.parse(readFileSync('static/models/fashion-cnn/model.json', 'utf8'));
		const config = shipped.modelTopology.model_config ?? shipped.modelTopology;
		const names = config.config.layers.map((l: { config: { name: string } }) => l.config.name);
		expect(fashionLayerShapes().map((l) => l.name)).toEqual(names);
	});
});

describe('the selfie network, level by level', () => {
	it('reads every level back in one transfer with the documented sizes', async () => {
		const json = JSON.parse(readFileSync('static/models/selfie/selfie.json', 'utf8'));
		const bin = readFileSync('static/models/selfie/selfie.bin');
		const model = await loadSelfieModel(
			tf.io.fromMemory({
				modelTopology: json.modelTopology,
				weightSpecs: json.weightsManifest.flatMap((g: { weights: unknown[] }) => g.weights),
				weightData: bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength)
			})
		);
		const image = tf.randomUniform([64, 80, 3], 0, 1, 'float32', 4) as tf.Tensor3D;
		const before = tf.memory().numTensors;
		const arrays = await selfieActivations(
			model,
			image,
			SELFIE_LEVELS.map((l) => l.node)
		);
		expect(arrays.map((a) => a.length)).toEqual(
			SELFIE_LEVELS.map((l) => l.shape[0] * l.shape[1] * l.shape[2])
		);
		expect(arrays.every((a) => a.every(Number.isFinite))).toBe(true);
		expect(tf.memory().numTensors).toBe(before);
		image.dispose();
		model.dispose();
	}, 60_000);
});
