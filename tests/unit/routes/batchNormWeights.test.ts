/**
 * The batch-norm lab's weights download (weightsFile.ts): the file parsed back — by hand (base64 to
 * bytes, little-endian float32 read with a DataView) and by TF.js's own tf.io.decodeWeights — gives
 * the very numbers of the networks' variables, with their names and shapes.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	disposeNetwork,
	ioffeNetwork,
	type IoffeNetwork
} from '$lib/engine/batchNorm/ioffeNetwork';
import type { WeightSnapshot } from '$lib/training/protocol';
import { BatchNormTraining } from '$lib/workers/batchNormTraining';
import {
	WEIGHTS_FORMAT,
	weightsFileText,
	type WeightsFile
} from '../../../src/routes/batch-norm/weightsFile';

let nets: IoffeNetwork[] = [];
const training = new BatchNormTraining(async () => {
	throw new Error('no data in this test');
});
/** what the worker's VariantTrainer.snapshot copies out of a model */
const snapshot = (net: IoffeNetwork): WeightSnapshot => ({
	step: 7,
	weights: training.task.weights(net).map(({ name, tensor }) => ({
		name,
		shape: [...tensor.shape],
		values: Float32Array.from(tensor.dataSync() as Float32Array)
	}))
});

beforeAll(async () => {
	await tf.setBackend('cpu');
	nets = [ioffeNetwork('plain', 3), ioffeNetwork('bn', 3)];
	// γ, β and the running averages away from their initial 1 and 0, with negatives and a tie
	const bn = nets[1].hidden[0];
	bn.gamma!.assign(tf.linspace(-2, 2, 100));
	bn.runningMean!.assign(tf.fill([100], -0.25));
});
afterAll(() => nets.forEach(disposeNetwork));

describe('the weights file', () => {
	it('parses back to the same numbers, by hand and with tf.io.decodeWeights', () => {
		const [plain, bn] = nets;
		const text = weightsFileText(
			{ plain: snapshot(plain), bn: snapshot(bn) },
			{ step: 7, learningRate: 0.5, seed: 1 }
		);
		const file = JSON.parse(text) as WeightsFile;
		expect(file).toMatchObject({ format: WEIGHTS_FORMAT, step: 7, learningRate: 0.5, seed: 1 });
		expect(Object.keys(file.variants)).toEqual(['plain', 'bn']);
		for (const [id, net] of [
			['plain', plain],
			['bn', bn]
		] as const) {
			const { weightSpecs, weightData } = file.variants[id];
			const expected = training.task.weights(net);
			expect(weightSpecs.map((s) => s.name)).toEqual(expected.map((w) => w.name));
			// by hand: 4 bytes per value, little-endian, specs in order
			const bytes = Buffer.from(weightData, 'base64');
			const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
			let at = 0;
			for (const [i, spec] of weightSpecs.entries()) {
				const values = expected[i].tensor.dataSync();
				expect(spec.shape).toEqual(expected[i].tensor.shape);
				expect(spec.dtype).toBe('float32');
				let differ = 0;
				for (let k = 0; k < values.length; k++)
					if (!Object.is(view.getFloat32(at + 4 * k, true), values[k])) differ++;
				expect(differ, spec.name).toBe(0);
				at += 4 * values.length;
			}
			expect(at).toBe(bytes.byteLength);
			// TF.js's loader
			const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
			const decoded = tf.io.decodeWeights(buffer, weightSpecs);
			for (const w of expected) {
				expect(decoded[w.name].shape).toEqual(w.tensor.shape);
				const [got, want] = [decoded[w.name].dataSync(), w.tensor.dataSync()];
				expect(got.length).toBe(want.length);
				expect(
					got.every((v, k) => Object.is(v, want[k])),
					w.name
				).toBe(true);
			}
			tf.dispose(Object.values(decoded));
		}
		// BN's own tensors are in it (γ from −2 to 2, the running mean at −0.25)
		expect(file.variants.bn.weightSpecs.map((s) => s.name)).toContain('hidden1/moving_mean');
		expect(file.variants.plain.weightSpecs.map((s) => s.name)).not.toContain('hidden1/gamma');
	});
});
