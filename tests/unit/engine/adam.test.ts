// The one optimizer (engine/adam.ts): its steps against Adam written out here in plain numbers,
// against tf.train.adam, and on WASM (started as the app starts it, with ConvLab's kernels)
// against the CPU backend on a conv–max-pool net whose windows hold negative and tied values.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { describe, expect, it } from 'vitest';
import { adam } from '$lib/engine/adam';
import { switchBackend } from '$lib/engine/wasmKernels';
import { convPoolSteps, maxDiff, randomTensor } from './gradientCheck';

/** A variable holding `initial`'s values; `initial` is freed. */
function variableOf(initial: tf.Tensor): tf.Variable {
	const v = tf.variable(initial);
	initial.dispose();
	return v;
}

/** Adam on f(w) = Σ c_i·w_i² (gradient 2·c_i·w_i), each weight on its own, in plain numbers. */
function referenceAdam(
	w0: number[],
	c: number[],
	learningRates: number[],
	beta1 = 0.9,
	beta2 = 0.999,
	epsilon = 1e-7
): number[][] {
	const w = [...w0];
	const m = w.map(() => 0);
	const v = w.map(() => 0);
	const path: number[][] = [];
	learningRates.forEach((lr, index) => {
		const t = index + 1;
		for (let i = 0; i < w.length; i++) {
			const g = 2 * c[i] * w[i];
			m[i] = beta1 * m[i] + (1 - beta1) * g;
			v[i] = beta2 * v[i] + (1 - beta2) * g * g;
			const mHat = m[i] / (1 - beta1 ** t);
			const vHat = v[i] / (1 - beta2 ** t);
			w[i] -= (lr * mHat) / (Math.sqrt(vHat) + epsilon);
		}
		path.push([...w]);
	});
	return path;
}

describe('adam', () => {
	it('takes the steps Adam takes, by hand: first a step of ≈ lr against the gradient’s sign', async () => {
		await switchBackend('cpu');
		const w0 = [1, -2, 0.5, 0];
		const c = [1, 3, -0.5, 2];
		const w = tf.variable(tf.tensor1d(w0));
		const coefficients = tf.tensor1d(c);
		// the rate changes between steps: the moments carry on
		const rates = [0.1, 0.1, 0.05, 0.05, 0.2];
		const optimizer = adam(rates[0]);
		const expected = referenceAdam(w0, c, rates);
		rates.forEach((lr, step) => {
			optimizer.learningRate = lr;
			const loss = optimizer.minimize(() => tf.sum(tf.mul(coefficients, tf.square(w))), [w]);
			// the loss is f before the update
			const before = step === 0 ? w0 : expected[step - 1];
			expect(loss.dataSync()[0]).toBeCloseTo(
				before.reduce((s, x, i) => s + c[i] * x * x, 0),
				5
			);
			loss.dispose();
			const got = Array.from(w.dataSync());
			got.forEach((x, i) => expect(x).toBeCloseTo(expected[step][i], 6));
		});
		// the first step by hand: w − lr·sign(g) (a zero gradient stays put)
		expect(expected[0][0]).toBeCloseTo(0.9, 6);
		expect(expected[0][1]).toBeCloseTo(-1.9, 6);
		expect(expected[0][2]).toBeCloseTo(0.6, 6);
		expect(expected[0][3]).toBe(0);
		optimizer.dispose();
		tf.dispose([w, coefficients]);
	});

	it('follows tf.train.adam step for step, and leaves no tensor behind', async () => {
		await switchBackend('cpu');
		const baseline = tf.memory().numTensors;
		const run = (make: 'ours' | 'tf') => {
			const w = variableOf(randomTensor([3, 4], 5));
			const x = randomTensor([6, 3], 6);
			const y = randomTensor([6, 4], 7);
			const f = () => tf.mean(tf.square(tf.sub(tf.matMul(x, w), y))) as tf.Scalar;
			const optimizer = make === 'ours' ? adam(0.05) : tf.train.adam(0.05);
			for (let i = 0; i < 6; i++) {
				if (make === 'ours') (optimizer as ReturnType<typeof adam>).minimize(f, [w]).dispose();
				else (optimizer as tf.Optimizer).minimize(f, false, [w]);
			}
			const values = w.dataSync() as Float32Array;
			optimizer.dispose();
			tf.dispose([w, x, y]);
			return { values, left: tf.memory().numTensors - baseline };
		};
		const mine = run('ours');
		const reference = run('tf');
		// float32 round-off of two orders of the same arithmetic, on weights of size ~1
		expect(maxDiff(mine.values, reference.values)).toBeLessThan(1e-5);
		expect(mine.left).toBe(0);
	});

	it('on WASM moves a conv–max-pool net as on CPU (negative, zero and tied windows)', async () => {
		const { cpu, wasm } = await convPoolSteps(() => adam(0.01));
		cpu.losses.forEach((l, i) =>
			expect(Math.abs(wasm.losses[i] - l)).toBeLessThan(1e-5 * Math.max(1, Math.abs(l)))
		);
		// Adam divides by √v: a gradient near zero turns round-off into a visible step, so the
		// bound is the gradient tests' 1e-4 (a wrong kernel moves weights by ~lr = 1e-2)
		expect(maxDiff(wasm.weights[0], cpu.weights[0])).toBeLessThan(1e-4);
		expect(maxDiff(wasm.weights[1], cpu.weights[1])).toBeLessThan(1e-4);
	});
});
