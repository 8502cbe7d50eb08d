// The one-pass SGD step that groupedSgd runs on WASM (engine/sgdKernel.ts) against groupedSgd's
// ops on the CPU backend: the very same floats, step after step, with and without momentum and
// weight decay, on a loss whose gradient is exact in float32 (f = Σ c·θ², c a power of 2) and
// starting values that are negative, zero and tied, and 256 awkward ones; a velocity per variable, freed by dispose.
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, expect, it } from 'vitest';
import { groupedSgd } from '$lib/engine/residual/groupedSgd';
import { hasSgdKernel } from '$lib/engine/sgdKernel';
import { useBackend } from '../tfBackend';

afterAll(() => useBackend('cpu'));

const STARTS = [
	{ values: [1, -2, 0.5, 0], shape: [2, 2], c: 0.5 },
	{ values: [-1, 3, 3, -0.25], shape: [2, 2], c: 2 },
	{ values: [0.3, -0.7, 0.3], shape: [3], c: 0.25 },
	{ values: [0], shape: [1], c: 1 },
	// many awkward values: a rounding step done otherwise than TF.js's ops shows here
	{
		values: Array.from({ length: 256 }, (_, i) => Math.sin(i * 1.7) * 3.3),
		shape: [16, 16],
		c: 0.5
	}
];

function steps(options: { momentum: number; weightDecay: number }): number[][][] {
	const vars = STARTS.map((s) => tf.variable(tf.tensor(s.values, s.shape)));
	const optimizer = groupedSgd(0.05, options);
	const start = tf.memory().numTensors;
	const trace: number[][][] = [];
	for (let step = 0; step < 4; step++) {
		optimizer
			.minimize(
				() => tf.addN(vars.map((v, i) => tf.mul(tf.sum(tf.square(v)), STARTS[i].c))) as tf.Scalar,
				vars
			)
			.dispose();
		trace.push(vars.map((v) => Array.from(v.dataSync())));
	}
	const velocities = tf.memory().numTensors - start;
	optimizer.dispose();
	expect(tf.memory().numTensors).toBe(start);
	tf.dispose(vars);
	trace.push([[velocities]]);
	return trace;
}

it.each([
	{ momentum: 0.9, weightDecay: 1e-2 },
	{ momentum: 0, weightDecay: 1e-4 },
	{ momentum: 0.5, weightDecay: 0 },
	{ momentum: 0, weightDecay: 0 }
])('on WASM, the very floats of the ops on CPU (%o)', async (options) => {
	await useBackend('cpu');
	const cpu = steps(options);
	await useBackend('wasm');
	expect(hasSgdKernel()).toBe(true);
	const wasm = steps(options);
	expect(wasm.slice(0, -1)).toEqual(cpu.slice(0, -1));
	// one velocity per variable on WASM, one per shape with the ops
	expect(wasm.at(-1)).toEqual([[options.momentum > 0 ? 5 : 0]]);
	expect(cpu.at(-1)).toEqual([[options.momentum > 0 ? 4 : 0]]);
});
