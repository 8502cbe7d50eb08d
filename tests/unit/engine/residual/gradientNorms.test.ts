// Per-layer gradient norms: the head's against the closed form hᵀ(softmax − onehot)/N, every
// layer on WASM against CPU, running statistics untouched, tensors back to baseline.
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, expect, it } from 'vitest';
import { layerGradientNorms } from '$lib/engine/residual/gradientNorms';
import {
	blockForward,
	disposeNetwork,
	residualNetwork
} from '$lib/engine/residual/residualNetwork';
import { batchNormTrain } from '$lib/engine/batchNorm/batchNorm';
import { onCpuThenWasm } from '../gradientCheck';
import { useBackend } from '../../tfBackend';

beforeAll(() => useBackend('cpu'));

const LABELS = [0, 3, 3, 9, 1, 0, 7, 7];

function batch() {
	// negative, zero and tied values: rows 2 and 3 equal, a column of zeros
	return tf.tidy(() => {
		const r = tf.randomNormal([8, 784], 0, 1, 'float32', 3) as tf.Tensor2D;
		const tied = tf.concat([
			tf.slice(r, [0, 0], [3, 784]),
			tf.slice(r, [2, 0], [1, 784]),
			tf.slice(r, [4, 0], [4, 784])
		]);
		return tf.mul(tied, tf.concat([tf.zeros([1, 1]), tf.ones([1, 783])], 1)) as tf.Tensor2D;
	});
}

it('the head’s gradient norm equals ‖hᵀ(softmax − onehot)‖ / N', () => {
	const start = tf.memory().numTensors;
	const net = residualNetwork({ depth: 8, wiring: 'residual' }, 5);
	const x = batch();
	const y = tf.tensor1d(LABELS, 'int32');
	const norms = layerGradientNorms(net, x, y);
	expect(norms.map((n) => n.name)).toEqual([
		'input/W',
		'block1/W1',
		'block1/W2',
		'block2/W1',
		'block2/W2',
		'block3/W1',
		'block3/W2',
		'head/W'
	]);
	const expected = tf.tidy(() => {
		let h = tf.relu(
			batchNormTrain(tf.matMul(x, net.input.weights), net.input.gamma, net.input.beta).y
		) as tf.Tensor2D;
		for (const b of net.blocks) h = blockForward(b, 'residual', h, true);
		const logits = tf.add(tf.matMul(h, net.head.weights), net.head.bias);
		const delta = tf.sub(tf.softmax(logits), tf.oneHot(y, 10));
		return tf.norm(tf.div(tf.matMul(h, delta, true, false), LABELS.length)).dataSync()[0];
	});
	expect(norms[7].norm).toBeCloseTo(expected, 5);
	norms.forEach((n) => expect(n.norm).toBeGreaterThan(0));
	// running statistics untouched: still the initial zeros
	expect(Array.from(net.input.runningMean.dataSync()).every((v) => v === 0)).toBe(true);
	tf.dispose([x, y]);
	disposeNetwork(net);
	expect(tf.memory().numTensors).toBe(start);
});

it('the same norms on WASM as on CPU, plain and residual', async () => {
	const run = () => {
		const x = batch();
		const y = tf.tensor1d(LABELS, 'int32');
		const out = (['plain', 'residual'] as const).map((wiring) => {
			const net = residualNetwork({ depth: 8, wiring }, 6);
			const norms = layerGradientNorms(net, x, y).map((n) => n.norm);
			disposeNetwork(net);
			return norms;
		});
		tf.dispose([x, y]);
		return out;
	};
	const { cpu, wasm } = await onCpuThenWasm(run);
	await useBackend('cpu');
	cpu.flat().forEach((v, i) => expect(wasm.flat()[i]).toBeCloseTo(v, 3));
});
