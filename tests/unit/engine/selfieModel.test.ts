// The shipped selfie model loads from its files, and the levels a lab shows have the documented
// shapes (read from the graph by node name), on the CPU backend, with no tensor left behind.
import * as tf from '@tensorflow/tfjs-core';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { GraphModel } from '@tensorflow/tfjs-converter';
import {
	SELFIE_LEVELS,
	SELFIE_OUTPUT_NODE,
	loadSelfieModel,
	runSelfie
} from '../../../src/lib/engine/selfieModel';
import { useBackend } from '../tfBackend';

function fromFiles(): tf.io.IOHandler {
	const json = JSON.parse(readFileSync('static/models/selfie/selfie.json', 'utf8'));
	const bin = readFileSync('static/models/selfie/selfie.bin');
	return tf.io.fromMemory({
		modelTopology: json.modelTopology,
		weightSpecs: json.weightsManifest.flatMap((group: { weights: unknown[] }) => group.weights),
		weightData: bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength)
	});
}

describe('selfie model', () => {
	let model: GraphModel;
	beforeAll(async () => {
		await useBackend('cpu');
		model = await loadSelfieModel(fromFiles());
	});

	it('every level has its documented shape; the mask is a probability', () => {
		const before = tf.memory().numTensors;
		const image = tf.randomUniform([120, 90, 3], 0, 1, 'float32', 3) as tf.Tensor3D;
		const outputs = runSelfie(
			model,
			image,
			SELFIE_LEVELS.map((level) => level.node)
		);
		for (const level of SELFIE_LEVELS) expect(outputs[level.node].shape).toEqual(level.shape);
		const mask = outputs[SELFIE_OUTPUT_NODE].dataSync();
		expect(Math.min(...mask)).toBeGreaterThanOrEqual(0);
		expect(Math.max(...mask)).toBeLessThanOrEqual(1);
		tf.dispose([image, ...Object.values(outputs)]);
		expect(tf.memory().numTensors).toBe(before);
	});

	it('lists encoder, bottleneck and decoder levels in order of the data flow', () => {
		const parts = SELFIE_LEVELS.map((level) => level.part);
		expect(parts.indexOf('bottleneck')).toBeGreaterThan(parts.lastIndexOf('encoder'));
		expect(parts.indexOf('decoder')).toBeGreaterThan(parts.indexOf('bottleneck'));
		expect(parts.at(-1)).toBe('output');
	});
});
