// The classifier runs of the normalization lab as models of the training loop: a step of the
// loop's SGD (autodiff through logSoftmax and matMul) at the run's own rate η equals the
// hand-written full-batch step (createSoftmaxTrainer, itself checked against loops), on CPU and
// on WASM, with negative, zero and tied inputs; the top two eigenvalues of E[x̃x̃ᵀ] against the
// Jacobi solver; the steps-to-threshold rule by hand.
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { sgd } from '$lib/engine/sgd';
import { jacobiEigen } from '$lib/engine/normalization/jacobiEigen';
import {
	createSoftmaxTrainer,
	inputSecondMomentTopTwo
} from '$lib/engine/normalization/softmaxRegression';
import {
	buildSoftmaxModel,
	crossEntropy,
	disposeSoftmaxModel,
	linearAccuracy,
	softmaxGradients,
	softmaxUpdate,
	stepsToThreshold
} from '$lib/engine/normalization/softmaxVariant';
import { TEST_BACKENDS, useBackend } from '../../tfBackend';

const n = 12;
const d = 4;
// negative, zero and tied values, and a constant (always-zero) pixel
const x = Array.from({ length: n }, (_, i) => [
	(i % 3) - 1,
	0,
	i % 2 ? 0.5 : 0.5,
	((i * 5) % 7) / 7 - 0.3
]);
const labels = Array.from({ length: n }, (_, i) => (i * 3) % 10);

describe.each(TEST_BACKENDS)('softmax variant on %s', (backend) => {
	it('three SGD steps at η (loop lr 0.01) equal the hand-written full-batch steps', async () => {
		await useBackend(backend);
		const before = tf.memory().numTensors;
		const inputs = tf.tensor2d(x);
		const targets = tf.tidy(() => tf.oneHot(tf.tensor1d(labels, 'int32'), 10) as tf.Tensor2D);
		const eta = 0.7;
		const transposed = tf.transpose(inputs);
		const model = buildSoftmaxModel(inputs, transposed, targets, eta);
		const optimizer = sgd(0.01);
		const reference = createSoftmaxTrainer(inputs, labels, [eta]);
		for (let s = 0; s < 3; s++) {
			const loss = await softmaxUpdate(model, optimizer);
			expect(loss).toBeCloseTo(reference.step()[0], 5);
		}
		const { weights, bias } = reference.weights(0);
		const w = model.weights.dataSync();
		weights.forEach((v, i) => expect(w[i]).toBeCloseTo(v, 5));
		const b = model.bias.dataSync();
		bias.forEach((v, i) => expect(b[i]).toBeCloseTo(v, 5));
		// scored on its own inputs: the argmax by hand
		const scores = x.map((row) =>
			bias.map((bc, c) => bc + row.reduce((sum, xj, j) => sum + xj * weights[j * 10 + c], 0))
		);
		const right = scores.filter((z, i) => z.indexOf(Math.max(...z)) === labels[i]).length;
		expect(linearAccuracy(inputs, labels, weights, bias)).toBeCloseTo(right / n, 12);
		reference.dispose();
		optimizer.dispose();
		disposeSoftmaxModel(model);
		tf.dispose([inputs, transposed, targets]);
		expect(tf.memory().numTensors).toBe(before);
	});

	it('the written-out gradients equal autodiff of the cross-entropy', async () => {
		await useBackend(backend);
		const before = tf.memory().numTensors;
		const inputs = tf.tensor2d(x);
		const transposed = tf.transpose(inputs);
		const targets = tf.tidy(() => tf.oneHot(tf.tensor1d(labels, 'int32'), 10) as tf.Tensor2D);
		const model = buildSoftmaxModel(inputs, transposed, targets, 1);
		// away from zero: weights with negative, zero and tied entries
		const start = tf.tidy(
			() => tf.sub(tf.reshape(tf.mod(tf.range(0, d * 10), 3), [d, 10]), 1) as tf.Tensor2D
		);
		model.weights.assign(start);
		start.dispose();
		const auto = tf.variableGrads(() => crossEntropy(model), [model.weights, model.bias]);
		const written = softmaxGradients(model);
		expect(written.loss.dataSync()[0]).toBeCloseTo(auto.value.dataSync()[0], 5);
		const w = written.weights.dataSync();
		auto.grads[model.weights.name].dataSync().forEach((v, i) => expect(w[i]).toBeCloseTo(v, 5));
		const b = written.bias.dataSync();
		auto.grads[model.bias.name].dataSync().forEach((v, i) => expect(b[i]).toBeCloseTo(v, 5));
		tf.dispose([
			auto.value,
			...Object.values(auto.grads),
			written.weights,
			written.bias,
			written.loss
		]);
		disposeSoftmaxModel(model);
		tf.dispose([inputs, transposed, targets]);
		expect(tf.memory().numTensors).toBe(before);
	});

	it('λ1 and λ2 of E[x̃x̃ᵀ] match the Jacobi solver on the explicit matrix', async () => {
		await useBackend(backend);
		const before = tf.memory().numTensors;
		const inputs = tf.tensor2d(x);
		const [l1, l2] = inputSecondMomentTopTwo(inputs, 300);
		inputs.dispose();
		expect(tf.memory().numTensors).toBe(before);
		const xt = x.map((row) => [...row, 1]);
		const m = new Float64Array((d + 1) ** 2);
		for (let i = 0; i <= d; i++)
			for (let j = 0; j <= d; j++) m[i * (d + 1) + j] = xt.reduce((s, r) => s + r[i] * r[j], 0) / n;
		const { values } = jacobiEigen(m, d + 1);
		expect(l1).toBeCloseTo(values[0], 4);
		expect(l2).toBeCloseTo(values[1], 4);
	});
});

describe('stepsToThreshold', () => {
	it.each([
		{ losses: [2.3, 1, 0.5, 0.4], at: 2 },
		{ losses: [2.3, 0.5, 0.7, 0.5, 0.4], at: 3 }, // dipped and bounced: not reached at 1
		{ losses: [0.5, 0.4], at: 0 },
		{ losses: [2.3, 0.7, 0.6], at: null }, // 0.6 is not below 0.6
		{ losses: [2.3, 0.5, NaN], at: null }, // diverged at the end
		{ losses: [], at: null }
	])('$losses → $at', ({ losses, at }) => {
		expect(stepsToThreshold(losses, 0.6)).toBe(at);
	});
});
