// The training-mode layer BN(xW) with its hand-written gradient against TF.js's own autodiff of
// the composed ops (matMul, then batchNorm.ts's batchNormTrain), on the CPU backend (the reference)
// and on WASM, with negative, all-zero (variance 0) and tied inputs; its statistics against
// batchStatistics; `dataInput` gives the same weight gradients; tensors back to baseline.
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, expect, it } from 'vitest';
import { batchNormTrain, batchStatistics } from '$lib/engine/batchNorm/batchNorm';
import { normalizedLinearTrain } from '$lib/engine/residual/normalizedLinear';
import { maxDiff, onCpuThenWasm, randomTensor } from '../gradientCheck';
import { useBackend } from '../../tfBackend';

beforeAll(() => useBackend('cpu'));

const N = 6;
const IN = 4;
const OUT = 5;

/** x with a negative column, an all-zero column (so a zero output column) and tied rows. */
function inputs() {
	const x = tf.tidy(() => {
		const values = Array.from(randomTensor([N, IN], 1).dataSync());
		for (let i = 0; i < N; i++) values[i * IN + 1] = -Math.abs(values[i * IN + 1]) - 0.5;
		for (let i = 0; i < N; i++) values[i * IN + 3] = 0;
		for (let j = 0; j < IN; j++) values[4 * IN + j] = values[2 * IN + j];
		return tf.tensor2d(values, [N, IN]);
	});
	const w = tf.tidy(() => {
		const values = Array.from(randomTensor([IN, OUT], 2).dataSync());
		// output column 4 reads only the all-zero input column: z = 0 for every sample
		for (let i = 0; i < IN; i++) values[i * OUT + 4] = i === 3 ? 1 : 0;
		return tf.tensor2d(values, [IN, OUT]);
	});
	const gamma = tf.tensor1d([1.5, -0.5, 0, 1, 2]);
	const beta = tf.tensor1d([0.1, 0, -0.3, 0.2, 0]);
	const upstream = randomTensor([N, OUT], 3);
	return { x, w, gamma, beta, upstream };
}

/** y and the gradients of sum(y · upstream) for x, W, γ, β: TF.js's autodiff or the custom op. */
function gradients(custom: boolean, dataInput = false) {
	const { x, w, gamma, beta, upstream } = inputs();
	const layer = (a: tf.Tensor, b: tf.Tensor, g: tf.Tensor, c: tf.Tensor) =>
		custom
			? normalizedLinearTrain(
					a as tf.Tensor2D,
					b as tf.Tensor2D,
					g as tf.Tensor1D,
					c as tf.Tensor1D,
					{ dataInput }
				)
			: (batchNormTrain(tf.matMul(a as tf.Tensor2D, b as tf.Tensor2D), g, c).y as tf.Tensor2D);
	const out = tf.tidy(() => {
		const y = layer(x, w, gamma, beta);
		if (dataInput) {
			const grads = tf.grads((b: tf.Tensor, g: tf.Tensor, c: tf.Tensor) =>
				tf.sum(tf.mul(layer(x, b, g, c), upstream))
			)([w, gamma, beta]);
			return [y, ...grads].map((t) => Float32Array.from(t.dataSync()));
		}
		const grads = tf.grads((a: tf.Tensor, b: tf.Tensor, g: tf.Tensor, c: tf.Tensor) =>
			tf.sum(tf.mul(layer(a, b, g, c), upstream))
		)([x, w, gamma, beta]);
		return [y, ...grads].map((t) => Float32Array.from(t.dataSync()));
	});
	tf.dispose([x, w, gamma, beta, upstream]);
	return out;
}

it('values and the gradients for x, W, γ and β equal TF.js’s autodiff, on CPU and on WASM', async () => {
	const reference = await onCpuThenWasm(() => gradients(false));
	const custom = await onCpuThenWasm(() => gradients(true));
	await useBackend('cpu');
	const names = ['y', 'dx', 'dW', 'dγ', 'dβ'];
	for (const backend of ['cpu', 'wasm'] as const)
		reference[backend].forEach((r, i) =>
			expect(maxDiff(custom[backend][i], r), `${names[i]} on ${backend}`).toBeLessThan(2e-5)
		);
	// the zero column: y = β there and nothing flows back to W's column 4 through BN
	const y = custom.cpu[0];
	for (let i = 0; i < N; i++) expect(y[i * OUT + 4]).toBeCloseTo(0, 6);
	// the same on WASM as on CPU
	custom.cpu.forEach((c, i) => expect(maxDiff(custom.wasm[i], c)).toBeLessThan(1e-4));
});

it('with x as data: the same weight gradients, and no tensor left behind', () => {
	const all = gradients(true);
	const start = tf.memory().numTensors;
	const data = gradients(true, true);
	expect(tf.memory().numTensors).toBe(start);
	expect(maxDiff(data[0], all[0])).toBe(0);
	[1, 2, 3].forEach((i) => expect(maxDiff(data[i], all[i + 1])).toBe(0));
});

it('hands out the batch’s mean and biased variance', () => {
	const { x, w, gamma, beta, upstream } = inputs();
	const seen: Float32Array[] = [];
	const expected = tf.tidy(() => {
		const s = batchStatistics(tf.matMul(x, w));
		return [s.mean, s.variance].map((t) => Float32Array.from(t.dataSync()));
	});
	tf.tidy(() => {
		normalizedLinearTrain(x, w, gamma, beta, {
			sink: (mean, variance) =>
				seen.push(Float32Array.from(mean.dataSync()), Float32Array.from(variance.dataSync()))
		});
	});
	expect(seen).toHaveLength(2);
	expect(maxDiff(seen[0], expected[0])).toBe(0);
	expect(maxDiff(seen[1], expected[1])).toBe(0);
	tf.dispose([x, w, gamma, beta, upstream]);
});
