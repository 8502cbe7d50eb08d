// The U-Net: output H×W = input H×W at every depth for odd and even sizes; skip connections off
// really means no skip tensor reaches the decoder; one training step lowers the loss on a toy
// problem on CPU and on WASM; tensors return to baseline when training stops and the model goes.
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../../src/lib/engine/seededRandom';
import {
	createUNet,
	disposeUNet,
	levelShapes,
	trainableVariables,
	unetForward,
	unetProbabilities,
	type UNetConfig
} from '../../../../src/lib/engine/segmentation/unet';
import { trainingStep, trainOnBatch } from '../../../../src/lib/engine/segmentation/trainingStep';
import { adam } from '$lib/engine/adam';
import { encodeScribbles } from '../../../../src/lib/engine/segmentation/scribbleLabels';
import {
	deserializeUNet,
	serializeUNet
} from '../../../../src/lib/engine/segmentation/unetWeights';
import { TEST_BACKENDS, useBackend } from '../../tfBackend';

const config = (over: Partial<UNetConfig> = {}): UNetConfig => ({
	depth: 3,
	base: 2,
	skips: true,
	upsampling: 'transposed',
	upKernel: 3,
	batchNorm: false,
	classes: 2,
	...over
});

describe('U-Net shapes', () => {
	it.each(
		[2, 3, 4].flatMap((depth) => [
			[depth, 16, 16],
			[depth, 13, 9],
			[depth, 10, 17],
			[depth, 7, 7]
		])
	)(
		'depth %i, %i×%i: logits are H×W×K, every level has its documented size',
		async (depth, h, w) => {
			await useBackend('cpu');
			for (const upsampling of ['transposed', 'resize'] as const) {
				for (const batchNorm of [false, true]) {
					const net = createUNet(config({ depth, upsampling, batchNorm, classes: 3 }));
					const before = tf.memory().numTensors;
					tf.tidy(() => {
						const x = tf.randomUniform([2, h, w, 3]) as tf.Tensor4D;
						const out = unetForward(net, x, { training: batchNorm });
						expect(out.logits.shape).toEqual([2, h, w, 3]);
						const shapes = levelShapes(net.config, h, w);
						out.encoder.forEach((e, l) => expect(e.shape.slice(1)).toEqual(shapes[l]));
						out.decoder.forEach((d, l) => expect(d.shape.slice(1)).toEqual(shapes[l]));
						// the padded side is the next multiple of 2^(depth − 1)
						const m = 2 ** (depth - 1);
						expect(shapes[0][0]).toBe(Math.ceil(h / m) * m);
						expect(shapes[depth - 1][0] * m).toBe(shapes[0][0]);
					});
					expect(tf.memory().numTensors).toBe(before);
					disposeUNet(net);
				}
			}
		}
	);

	it('with skips off no encoder map reaches the decoder; with skips on, one per level', async () => {
		await useBackend('cpu');
		const off = createUNet(config({ skips: false }));
		const on = createUNet(config({ skips: true }));
		tf.tidy(() => {
			const x = tf.randomUniform([1, 12, 12, 3]) as tf.Tensor4D;
			const a = unetForward(off, x);
			expect(a.skipsUsed).toHaveLength(0);
			// the decoder's first conv then takes only the upsampled map's c_l channels
			off.decoder.forEach((layers, l) => expect(layers[0].filter.shape[2]).toBe(2 * 2 ** l));
			const b = unetForward(on, x);
			expect(b.skipsUsed).toHaveLength(2);
			expect(b.skipsUsed.map((t) => t.shape)).toEqual([b.encoder[1].shape, b.encoder[0].shape]);
			on.decoder.forEach((layers, l) => expect(layers[0].filter.shape[2]).toBe(4 * 2 ** l));
		});
		disposeUNet(off);
		disposeUNet(on);
	});

	it('with skips off the output does not depend on level 0 of the encoder except through the bottleneck path', async () => {
		await useBackend('cpu');
		// Zeroing the skip: a skip-less network's logits do not change when its encoder maps are
		// not concatenated — i.e. its gradient w.r.t. a decoder filter has no skip-sized slot.
		const net = createUNet(config({ skips: false }));
		const grads = tf.tidy(() => {
			const x = tf.randomUniform([1, 8, 8, 3]) as tf.Tensor4D;
			const { grads } = tf.variableGrads(() => tf.sum(unetForward(net, x).logits) as tf.Scalar);
			return Object.values(grads).map((g) => g.shape);
		});
		expect(grads).toContainEqual([3, 3, 2, 2]);
		expect(grads).not.toContainEqual([3, 3, 4, 2]);
		disposeUNet(net);
	});
});

/** Toy problem: left half red = class 0, right half blue = class 1, every pixel labelled. */
function toy(size: number) {
	const rgb = new Float32Array(size * size * 3);
	const labels = new Uint8Array(size * size);
	for (let y = 0; y < size; y++)
		for (let x = 0; x < size; x++) {
			const i = y * size + x;
			const left = x < size / 2;
			rgb[i * 3] = left ? 0.9 : 0.1;
			rgb[i * 3 + 2] = left ? 0.1 : 0.9;
			labels[i] = left ? 1 : 2;
		}
	return { rgb, labels, height: size, width: size };
}

describe.each(TEST_BACKENDS)('training on %s', (backend) => {
	it('one step on a toy problem lowers the loss; tensors back to baseline after dispose', async () => {
		await useBackend(backend);
		const baseline = tf.memory().numTensors;
		for (const batchNorm of [false, true]) {
			const net = createUNet(
				config({ batchNorm, upsampling: batchNorm ? 'resize' : 'transposed' }),
				3
			);
			const optimizer = adam(0.02);
			const image = toy(16);
			const enc = encodeScribbles(image.labels, 2);
			const batch = {
				images: tf.tensor4d(image.rgb, [1, 16, 16, 3]),
				oneHot: tf.tensor4d(enc.oneHot, [1, 16, 16, 2]),
				mask: tf.tensor3d(enc.mask, [1, 16, 16])
			};
			const first = await trainOnBatch(net, optimizer, batch);
			const second = await trainOnBatch(net, optimizer, batch);
			expect(second).toBeLessThan(first);
			// and a few augmented steps keep going down
			const random = seededRandom(5);
			let last = second;
			for (let i = 0; i < 8; i++)
				last = await trainingStep(
					net,
					optimizer,
					image,
					{ batch: 2, crop: 12, flips: true, jitter: 0.1 },
					random
				);
			expect(last).toBeLessThan(first);
			tf.dispose([batch.images, batch.oneHot, batch.mask]);
			disposeUNet(net);
			optimizer.dispose();
			expect(tf.memory().numTensors).toBe(baseline);
		}
	});
});

describe('saving and loading', () => {
	it('a loaded U-Net gives the same probabilities as the saved one', async () => {
		await useBackend('cpu');
		const net = createUNet(config({ batchNorm: true }), 9);
		const { manifest, weights } = await serializeUNet(net, { note: 'test' });
		// trainable ones plus each batch-norm layer's running mean and variance
		const running = net.encoder
			.flat()
			.concat(net.decoder.flat())
			.reduce((n, l) => n + 2 * (l.gamma?.size ?? 0), 0);
		expect(running).toBeGreaterThan(0);
		expect(weights.length).toBe(trainableVariables(net).reduce((n, v) => n + v.size, 0) + running);
		const copy = deserializeUNet(JSON.parse(JSON.stringify(manifest)), weights);
		const x = tf.randomUniform([9, 11, 3]) as tf.Tensor3D;
		const a = unetProbabilities(net, x);
		const b = unetProbabilities(copy, x);
		expect(Array.from(await a.data())).toEqual(Array.from(await b.data()));
		expect(() => deserializeUNet(manifest, weights.subarray(1))).toThrow(/too short|mismatch|long/);
		tf.dispose([x, a, b]);
		disposeUNet(net);
		disposeUNet(copy);
	});
});
