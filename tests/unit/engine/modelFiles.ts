// The shipped models and test images read from disk for Node tests and scripts, with the
// packages the app ships (tfjs-core, tfjs-layers, tfjs-converter; no union bundle).
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import type { GraphModel } from '@tensorflow/tfjs-converter';
import { readFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import { spriteToImages } from '../../../src/lib/engine/fashionMnistData';
import { loadSelfieModel } from '../../../src/lib/engine/selfieModel';

const bufferOf = (path: string): ArrayBuffer => {
	const bytes = readFileSync(path);
	return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
};

/** static/models/fashion-cnn on the current backend. */
export function loadShippedClassifier(): Promise<tfl.LayersModel> {
	const dir = 'static/models/fashion-cnn/';
	const json = JSON.parse(readFileSync(`${dir}model.json`, 'utf8'));
	return tfl.loadLayersModel(
		tf.io.fromMemory({
			modelTopology: json.modelTopology,
			weightSpecs: json.weightsManifest[0].weights,
			weightData: bufferOf(`${dir}weights.bin`)
		})
	);
}

/** static/models/selfie on the current backend. */
export function loadShippedSelfie(): Promise<GraphModel> {
	const json = JSON.parse(readFileSync('static/models/selfie/selfie.json', 'utf8'));
	const specs = json.weightsManifest.flatMap((g: { weights: unknown[] }) => g.weights);
	return loadSelfieModel(
		tf.io.fromMemory({
			modelTopology: json.modelTopology,
			weightSpecs: specs,
			weightData: bufferOf('static/models/selfie/selfie.bin')
		})
	);
}

/** The first `count` shipped Fashion-MNIST test images, [count · 784] in [0, 1]. */
export function fashionTestImages(count: number): Float32Array {
	const png = PNG.sync.read(readFileSync('static/data/fashion-mnist/test-images.png'));
	return spriteToImages(png.data, png.width, png.height, count, 100);
}
