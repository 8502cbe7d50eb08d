// trainingForward against the model's own training-mode forward pass (model.apply with
// training: true): the same outputs and the same gradient of every trained variable, on CPU and on
// WASM, for a first conv with a bias (the imbalance lab's network), without one (batch norm) and
// strided 'valid'; and the step no longer computes the images' gradient (no Conv2DBackpropInput
// whose output is the batch's shape).
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { afterAll, describe, expect, it } from 'vitest';
import { buildFashionClassifier } from '$lib/engine/architectures/fashionClassifier';
import { trainingForward } from '$lib/engine/trainingForward';
import { randomTensor } from './gradientCheck';
import { TEST_BACKENDS, useBackend } from '../tfBackend';

type Model = tfl.LayersModel;

function stridedNet(): Model {
	const model = tfl.sequential();
	model.add(
		tfl.layers.conv2d({
			inputShape: [9, 9, 2],
			filters: 3,
			kernelSize: 3,
			strides: 2,
			padding: 'valid',
			activation: 'relu',
			kernelInitializer: tfl.initializers.glorotUniform({ seed: 3 }),
			biasInitializer: tfl.initializers.randomNormal({ seed: 4 })
		})
	);
	model.add(tfl.layers.flatten());
	model.add(
		tfl.layers.dense({ units: 4, kernelInitializer: tfl.initializers.glorotUniform({ seed: 5 }) })
	);
	return model;
}

const MODELS: [string, () => Model, number[]][] = [
	// the imbalance lab's network: conv1 has a bias
	[
		'bias, no batch norm',
		() => buildFashionClassifier({ seed: 2, batchNorm: false, dropout: 0, channels: [4, 4, 4] }),
		[3, 28, 28, 1]
	],
	// /network's: conv1 without bias, then batch norm on the batch's statistics
	[
		'batch norm, no bias',
		() => buildFashionClassifier({ seed: 2, dropout: 0, channels: [4, 4, 4] }),
		[3, 28, 28, 1]
	],
	['stride 2, valid, relu inside the layer', stridedNet, [2, 9, 9, 2]]
];

/** The output and every trained variable's gradient of sum(output · r), under `forward`. */
function outputAndGradients(model: Model, xShape: number[], forward: (x: tf.Tensor) => tf.Tensor) {
	return tf.tidy(() => {
		// inputs with negative values, zeros and ties
		const x = tf.relu(tf.sub(randomTensor(xShape, 7), 0.2));
		const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
		const r = randomTensor(forward(x).shape, 9);
		const { value, grads } = tf.variableGrads(
			() => tf.sum(tf.mul(forward(x), r)) as tf.Scalar,
			variables
		);
		return {
			output: forward(x).dataSync() as Float32Array,
			value: value.dataSync()[0],
			grads: variables.map((v) => grads[v.name].dataSync() as Float32Array)
		};
	});
}

const maxDiff = (a: Float32Array, b: Float32Array) =>
	a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);

describe.each(TEST_BACKENDS)('trainingForward on %s', (backend) => {
	it.each(MODELS)(
		'%s: the outputs and every gradient equal model.apply(training)',
		async (_, make, xShape) => {
			await useBackend(backend);
			const model = make();
			const ours = outputAndGradients(model, xShape, (x) => trainingForward(model, x));
			const theirs = outputAndGradients(
				model,
				xShape,
				(x) => model.apply(x, { training: true }) as tf.Tensor
			);
			model.dispose();
			expect(maxDiff(ours.output, theirs.output)).toBeLessThan(1e-5);
			expect(Math.abs(ours.value - theirs.value)).toBeLessThan(1e-4);
			expect(ours.grads.length).toBe(theirs.grads.length);
			ours.grads.forEach((g, i) => {
				const scale = Math.max(1, ...theirs.grads[i].map(Math.abs));
				expect(maxDiff(g, theirs.grads[i]) / scale).toBeLessThan(1e-4);
			});
		}
	);

	it('a step computes no gradient of the images (no Conv2DBackpropInput of their shape)', async () => {
		await useBackend(backend);
		const model = buildFashionClassifier({
			seed: 2,
			batchNorm: false,
			dropout: 0,
			channels: [4, 4, 4]
		});
		const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
		const x = tf.tensor4d(new Float32Array(2 * 28 * 28).fill(0.5), [2, 28, 28, 1]);
		const inputGradients = async (forward: (x: tf.Tensor) => tf.Tensor) => {
			const profile = await tf.profile(() => {
				const { value, grads } = tf.variableGrads(() => tf.sum(forward(x)) as tf.Scalar, variables);
				tf.dispose([value, ...Object.values(grads)]);
			});
			return profile.kernels.filter(
				(k) =>
					k.name === 'Conv2DBackpropInput' &&
					k.outputShapes.some((s) => s?.join() === x.shape.join())
			).length;
		};
		const withApply = await inputGradients((t) => model.apply(t, { training: true }) as tf.Tensor);
		const withOurs = await inputGradients((t) => trainingForward(model, t));
		x.dispose();
		model.dispose();
		// the comparison shows the check can see one: the layers' fused op computes it
		expect(withApply).toBe(1);
		expect(withOurs).toBe(0);
	});
});

afterAll(() => useBackend('cpu'));
