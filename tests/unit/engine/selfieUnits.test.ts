// The selfie network unit by unit: the stem read from the graph (a 3×3 stride-2 conv on RGB, its
// bias and a hard-swish), its dot product equal to a naive computation on the model's weights
// and to the graph's own output; gradients through the graph on WASM with no tensor left behind.
import * as tf from '@tensorflow/tfjs-core';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { GraphModel } from '@tensorflow/tfjs-converter';
import { loadSelfieModel } from '../../../src/lib/engine/selfieModel';
import { SELFIE_INPUT_NODE } from '../../../src/lib/engine/selfieLevels';
import {
	applyStepActivation,
	graphConvStep,
	type GraphNodeDef
} from '../../../src/lib/engine/selfieSteps';
import { selfieSaliency, selfieUnitGradient } from '../../../src/lib/engine/selfieUnits';
import { convUnitBreakdown } from '../../../src/lib/engine/unitBreakdown';
import { useBackend } from '../tfBackend';

const json = JSON.parse(readFileSync('static/models/selfie/selfie.json', 'utf8'));
const nodes: GraphNodeDef[] = json.modelTopology.node;
const specs: { name: string; shape: number[] }[] = json.weightsManifest.flatMap(
	(g: { weights: unknown[] }) => g.weights
);

function fromFiles(): tf.io.IOHandler {
	const bin = readFileSync('static/models/selfie/selfie.bin');
	return tf.io.fromMemory({
		modelTopology: json.modelTopology,
		weightSpecs: specs as tf.io.WeightsManifestEntry[],
		weightData: bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength)
	});
}

describe('selfie units', () => {
	let model: GraphModel;
	const weight = (name: string) => model.weights[name][0].dataSync() as Float32Array;
	const step = (level: string) =>
		graphConvStep(
			nodes,
			level,
			(name) => specs.find((s) => s.name === name)?.shape,
			(name) => model.weights[name]?.[0].dataSync()[0]
		);
	beforeAll(async () => {
		// WASM, as the app starts it (and fast): gradients use the kernels registered at its start.
		await useBackend('wasm');
		model = await loadSelfieModel(fromFiles());
	});

	it('reads the stem from the graph: 3×3 stride-2 conv on RGB, bias, hard-swish', () => {
		const stem = step('mul_1');
		expect(stem).toMatchObject({
			conv: 'Conv2D',
			filter: 'Conv2D/filter',
			bias: 'conv2d_1/y',
			input: SELFIE_INPUT_NODE,
			kernel: 3,
			stride: 2,
			padding: 'same',
			activation: { kind: 'hard-swish', offset: 3 }
		});
		if (stem?.activation.kind !== 'hard-swish') throw new Error('no hard-swish');
		expect(stem.activation.scale).toBeCloseTo(1 / 6, 3);
		expect(step('re_lu')).toMatchObject({
			kernel: 1,
			input: 'mul_1',
			activation: { kind: 'relu' }
		});
		expect(step('add_4__xeno_compat__1')).toBeNull(); // a residual add is no conv step
	});

	it('the stem breakdown equals a naive computation on the weights and the graph’s output', () => {
		const before = tf.memory().numTensors;
		const stem = step('mul_1')!;
		const image = tf.tidy(() => tf.randomUniform([1, 256, 256, 3], 0, 1, 'float32', 5));
		const out = model.execute({ [SELFIE_INPUT_NODE]: image }, 'mul_1') as tf.Tensor4D;
		const input = image.dataSync() as Float32Array;
		const maps = out.dataSync() as Float32Array;
		tf.dispose([image, out]);
		expect(tf.memory().numTensors).toBe(before);
		const filter = weight(stem.filter);
		const bias = weight(stem.bias!);
		for (const [o, y, x] of [
			[0, 0, 0],
			[5, 64, 31],
			[15, 127, 127],
			[9, 3, 126]
		]) {
			const b = convUnitBreakdown(
				{ data: input, height: 256, width: 256, channels: 3 },
				filter,
				bias,
				{ kernelSize: 3, stride: 2, padding: 'same', dilation: 1 },
				16,
				o,
				y,
				x
			);
			// naive: TF 'same' with stride 2 on 256 pads 0 rows above, 1 below
			let sum = bias[o];
			for (let ky = 0; ky < 3; ky++)
				for (let kx = 0; kx < 3; kx++)
					for (let c = 0; c < 3; c++) {
						const iy = 2 * y + ky;
						const ix = 2 * x + kx;
						if (iy >= 256 || ix >= 256) continue;
						sum += filter[((ky * 3 + kx) * 3 + c) * 16 + o] * input[(iy * 256 + ix) * 3 + c];
					}
			expect(Math.abs(b.preActivation - sum)).toBeLessThan(1e-4);
			const shown = maps[(y * 128 + x) * 16 + o];
			expect(Math.abs(applyStepActivation(stem.activation, b.preActivation) - shown)).toBeLessThan(
				1e-4
			);
		}
	});

	it('feeding a level back in changes nothing (what Grad-CAM relies on)', () => {
		const before = tf.memory().numTensors;
		tf.tidy(() => {
			const image = tf.randomUniform([1, 256, 256, 3], 0, 1, 'float32', 6);
			const a = model.execute({ [SELFIE_INPUT_NODE]: image }, 're_lu') as tf.Tensor;
			const plain = model.execute({ [SELFIE_INPUT_NODE]: image }, 'segment_add') as tf.Tensor;
			const fed = model.execute(
				{ [SELFIE_INPUT_NODE]: image, re_lu: a },
				'segment_add'
			) as tf.Tensor;
			expect(tf.max(tf.abs(tf.sub(plain, fed))).dataSync()[0]).toBeLessThan(1e-5);
			// and it really is fed: zeroing it changes the logits
			const zeroed = model.execute(
				{ [SELFIE_INPUT_NODE]: image, re_lu: tf.zerosLike(a) },
				'segment_add'
			) as tf.Tensor;
			expect(tf.max(tf.abs(tf.sub(plain, zeroed))).dataSync()[0]).toBeGreaterThan(1e-3);
		});
		expect(tf.memory().numTensors).toBe(before);
	});

	it('gradients: a stem unit’s field is its 3×3 window; saliency maps have their sizes; tensors flat', async () => {
		const before = tf.memory().numTensors;
		const image = tf.randomUniform([256, 256, 3], 0, 1, 'float32', 7) as tf.Tensor3D;
		const field = await selfieUnitGradient(model, image, 'mul_1', 4, 10, 20);
		const nonzero: number[] = [];
		field.forEach((v, i) => v > 0 && nonzero.push(i));
		for (const i of nonzero) {
			const [y, x] = [Math.floor(i / 256), i % 256];
			expect(y >= 20 && y <= 22 && x >= 40 && x <= 42).toBe(true);
		}
		const cam = await selfieSaliency(model, image, 'gradcam', 'conv2d_4_1');
		expect([cam.height, cam.width]).toEqual([64, 64]);
		expect(Math.min(...cam.values)).toBeGreaterThanOrEqual(0);
		const grad = await selfieSaliency(model, image, 'grad', 'conv2d_4_1');
		expect([grad.height, grad.width]).toEqual([256, 256]);
		expect(Math.max(...grad.values)).toBeGreaterThan(0);
		image.dispose();
		expect(tf.memory().numTensors).toBe(before);
	}, 120_000);
});
