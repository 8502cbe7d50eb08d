// Li et al.'s filter-normalized loss slice: the normalization against a hand computation, every
// neuron of the direction as long as the same neuron of the weights, α = 0 equal to the trained
// net's own loss and accuracy, α ≠ 0 equal to the net with W + α·d written into its weights, the
// live net untouched, tensors back to baseline.
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, expect, it } from 'vitest';
import {
	filterNormalize,
	filterNormalizedDirection,
	lossSlice,
	meanRise,
	sliceAlphas
} from '$lib/engine/residual/lossSlice';
import {
	crossEntropy,
	disposeNetwork,
	forward,
	residualNetwork,
	type ResidualNetwork
} from '$lib/engine/residual/residualNetwork';
import { useBackend } from '../../tfBackend';

beforeAll(() => useBackend('cpu'));

it('filter normalization, by hand: each column of d gets the norm of the same column of W', () => {
	// d = [[3, 0, 1], [4, 1, 0]], W = [[1, 2, 0], [0, 2, 0]] (rows = inputs, columns = neurons)
	const d = Float32Array.from([3, 0, 1, 4, 1, 0]);
	const w = Float32Array.from([1, 2, 0, 0, 2, 0]);
	const out = filterNormalize(d, w, 2, 3);
	// column 0: (3, 4)/5 · 1; column 1: (0, 1)/1 · √8; column 2: W's column is 0, so d's is too
	const expected = [0.6, 0, 0, 0.8, Math.sqrt(8), 0];
	Array.from(out).forEach((v, i) => expect(v).toBeCloseTo(expected[i], 6));
	// a zero column of d stays zero (no division by 0)
	expect(
		Array.from(filterNormalize(Float32Array.from([0, 0]), Float32Array.from([1, 1]), 2, 1))
	).toEqual([0, 0]);
});

const columnNorms = (values: ArrayLike<number>, rows: number, cols: number) =>
	Array.from({ length: cols }, (_, j) => {
		let s = 0;
		for (let i = 0; i < rows; i++) s += values[i * cols + j] ** 2;
		return Math.sqrt(s);
	});

/** A depth-8 net trained a few steps by hand-free means: training passes set its running stats. */
function smallNet(): { net: ResidualNetwork; x: tf.Tensor2D; labels: tf.Tensor1D } {
	const net = residualNetwork({ depth: 8, wiring: 'residual' }, 2);
	const x = tf.tidy(() => tf.randomNormal([32, 784], 0, 1, 'float32', 5) as tf.Tensor2D);
	const labels = tf.tensor1d(
		Int32Array.from({ length: 32 }, (_, i) => (i * 7) % 10),
		'int32'
	);
	for (let i = 0; i < 2; i++) forward(net, x, { training: true, updateStatistics: true }).dispose();
	return { net, x, labels };
}

it('one direction per weight matrix, each neuron as long as the net’s own', () => {
	const { net, x, labels } = smallNet();
	const direction = filterNormalizedDirection(net, 9);
	// input, 3 blocks × 2, head: the depth's 8 weight layers
	expect(direction).toHaveLength(8);
	const head = net.head.weights.dataSync();
	expect(columnNorms(direction[7], 64, 10).map((v) => v.toFixed(4))).toEqual(
		columnNorms(head, 64, 10).map((v) => v.toFixed(4))
	);
	const w1 = net.blocks[1].first.weights.dataSync();
	expect(columnNorms(direction[3], 64, 64).map((v) => v.toFixed(4))).toEqual(
		columnNorms(w1, 64, 64).map((v) => v.toFixed(4))
	);
	tf.dispose([x, labels]);
	disposeNetwork(net);
});

it('α = 0 is the trained net’s loss; α ≠ 0 is the net with W + α·d; the net is left as it was', () => {
	const { net, x, labels } = smallNet();
	const direction = filterNormalizedDirection(net, 9);
	const before = net.blocks[0].first.weights.dataSync().slice();
	const start = tf.memory().numTensors;
	const [minus, zero, half] = lossSlice(net, direction, x, labels, [-0.5, 0, 0.5]);
	expect(tf.memory().numTensors).toBe(start);
	expect(Array.from(net.blocks[0].first.weights.dataSync())).toEqual(Array.from(before));

	const lossAndAccuracy = () => {
		const logits = forward(net, x);
		const loss = crossEntropy(logits, labels);
		const guesses = tf.argMax(logits, 1).dataSync();
		const truth = labels.dataSync();
		let right = 0;
		for (let i = 0; i < truth.length; i++) if (guesses[i] === truth[i]) right++;
		const value = loss.dataSync()[0];
		tf.dispose([logits, loss]);
		return { loss: value, accuracy: right / truth.length };
	};
	const trained = lossAndAccuracy();
	expect(zero.alpha).toBe(0);
	expect(zero.loss).toBeCloseTo(trained.loss, 5);
	expect(zero.accuracy).toBe(trained.accuracy);

	// write W + 0.5·d into the weights themselves, then put them back
	const matrices = [
		net.input.weights,
		...net.blocks.flatMap((b) => [b.first.weights, b.second.weights]),
		net.head.weights
	];
	const saved = matrices.map((m) => m.dataSync().slice());
	matrices.forEach((m, i) =>
		m.assign(
			tf.tensor(
				saved[i].map((v, j) => v + 0.5 * direction[i][j]),
				m.shape
			)
		)
	);
	const moved = lossAndAccuracy();
	tf.tidy(() => matrices.forEach((m, i) => m.assign(tf.tensor(saved[i], m.shape))));
	expect(half.loss).toBeCloseTo(moved.loss, 4);
	expect(half.accuracy).toBe(moved.accuracy);
	// a step as long as the weights' half moves the loss
	expect(Math.abs(half.loss - zero.loss)).toBeGreaterThan(1e-3);
	expect(minus.loss).not.toBeCloseTo(half.loss, 3);
	tf.dispose([x, labels]);
	disposeNetwork(net);
});

it('41 points from −1 to 1 with α = 0 among them; the mean rise over the centre', () => {
	const alphas = sliceAlphas(41);
	expect(alphas).toHaveLength(41);
	expect(alphas[0]).toBe(-1);
	expect(alphas[40]).toBe(1);
	expect(alphas[20]).toBe(0);
	// loss = α² at α = −1, 0, 1: mean rise (1 + 0 + 1)/3
	const points = [-1, 0, 1].map((alpha) => ({ alpha, loss: alpha * alpha, accuracy: 1 }));
	expect(meanRise(points)).toBeCloseTo(2 / 3, 9);
	expect(meanRise(points, 0.5)).toBe(0);
});
