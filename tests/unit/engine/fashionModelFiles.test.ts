// The shipped classifier's files: they load as a TF.js layers model with the builder's layer
// names and shapes, and on test images the model classifies as well as its README says (the
// README's figure is on all 10,000; here 300, decoded from the shipped sprite with pngjs).
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import { fashionLayerNames } from '../../../src/lib/engine/architectures/fashionClassifier';
import { spriteToImages } from '../../../src/lib/engine/fashionMnistData';
import { useBackend } from '../tfBackend';

const DIR = 'static/models/fashion-cnn/';

async function loadShipped(): Promise<tfl.LayersModel> {
	const json = JSON.parse(readFileSync(`${DIR}model.json`, 'utf8'));
	expect(json.weightsManifest[0].paths).toEqual(['weights.bin']);
	const bytes = readFileSync(`${DIR}weights.bin`);
	return tfl.loadLayersModel(
		tf.io.fromMemory({
			modelTopology: json.modelTopology,
			weightSpecs: json.weightsManifest[0].weights,
			weightData: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)
		})
	);
}

describe('static/models/fashion-cnn', () => {
	it('loads with the documented layers, and classifies test images as its README says', async () => {
		await useBackend('wasm');
		const model = await loadShipped();
		expect(model.layers.map((l) => l.name)).toEqual(fashionLayerNames(true).all);
		expect(model.inputs[0].shape).toEqual([null, 28, 28, 1]);
		expect(model.outputs[0].shape).toEqual([null, 10]);

		const n = 300;
		const png = PNG.sync.read(readFileSync('static/data/fashion-mnist/test-images.png'));
		const images = spriteToImages(png.data, png.width, png.height, n, 100);
		const labels = readFileSync('static/data/fashion-mnist/test-labels.bin').subarray(0, n);
		const predicted = tf.tidy(() =>
			tf.argMax(model.predict(tf.tensor4d(images, [n, 28, 28, 1])) as tf.Tensor, -1).dataSync()
		);
		let right = 0;
		for (let i = 0; i < n; i++) if (predicted[i] === labels[i]) right++;
		const readme = readFileSync(`${DIR}README.md`, 'utf8');
		const stated = Number(/\*\*Test accuracy: ([\d.]+) %\*\*/.exec(readme)?.[1]) / 100;
		expect(stated).toBeGreaterThan(0.8);
		// 300 images: the binomial standard error is ≤ 2.3 points near 90 %; allow 3 of them.
		expect(Math.abs(right / n - stated)).toBeLessThan(0.07);
		model.dispose();
	}, 120_000);
});
