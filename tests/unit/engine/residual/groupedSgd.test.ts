// SGD with momentum and weight decay, applied a shape at a time, against the update written out
// in float64 (PyTorch's torch.optim.SGD: g + λθ, v ← μv + g, θ ← θ − lr·v) on a loss whose
// gradient is known by hand: f = Σ c·θ², ∂f/∂θ = 2cθ. Variables of three shapes, two sharing one.
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, expect, it } from 'vitest';
import { groupedSgd } from '$lib/engine/residual/groupedSgd';
import { useBackend } from '../../tfBackend';

beforeAll(() => useBackend('cpu'));

const STARTS = [
	{ values: [1, -2, 0.5, 0], shape: [2, 2], c: 0.5 },
	{ values: [-1, 3, 2, -0.25], shape: [2, 2], c: 1.5 },
	{ values: [0.3, -0.7, 1.1], shape: [3], c: 2 },
	{ values: [4], shape: [1], c: 0.1 }
];

it.each([
	{ momentum: 0.9, weightDecay: 1e-2 },
	{ momentum: 0, weightDecay: 0 },
	{ momentum: 0.5, weightDecay: 0 }
])('three steps equal the update written out (%o)', ({ momentum, weightDecay }) => {
	const lr = 0.05;
	const vars = STARTS.map((s) => tf.variable(tf.tensor(s.values, s.shape)));
	const optimizer = groupedSgd(lr, { momentum, weightDecay });
	const start = tf.memory().numTensors;
	const theta = STARTS.map((s) => s.values.slice());
	const velocity = STARTS.map((s) => s.values.map(() => 0));
	for (let step = 0; step < 3; step++) {
		const loss = optimizer.minimize(
			() => tf.addN(vars.map((v, i) => tf.mul(tf.sum(tf.square(v)), STARTS[i].c))) as tf.Scalar,
			vars
		);
		const expectedLoss = theta.reduce(
			(s, t, i) => s + STARTS[i].c * t.reduce((a, v) => a + v * v, 0),
			0
		);
		expect(loss.dataSync()[0]).toBeCloseTo(expectedLoss, 4);
		loss.dispose();
		theta.forEach((t, i) =>
			t.forEach((value, j) => {
				const g = 2 * STARTS[i].c * value + weightDecay * value;
				velocity[i][j] = momentum > 0 ? momentum * velocity[i][j] + g : g;
				t[j] = value - lr * velocity[i][j];
			})
		);
		vars.forEach((v, i) =>
			Array.from(v.dataSync()).forEach((value, j) => expect(value).toBeCloseTo(theta[i][j], 5))
		);
	}
	// the velocities are one tensor per shape with momentum, none without
	expect(tf.memory().numTensors - start).toBe(momentum > 0 ? 3 : 0);
	optimizer.dispose();
	expect(tf.memory().numTensors).toBe(start);
	tf.dispose(vars);
});
