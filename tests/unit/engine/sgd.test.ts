// SGD (engine/sgd.ts): its steps against SGD written out here in plain numbers (momentum, weight
// decay, a learning rate changed between steps), against tf.train.momentum and tf.train.sgd, on
// WASM against the CPU backend on a conv–max-pool net whose windows hold negative, zero and tied
// values, and inside the VariantTrainer through its `optimizer` option.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { describe, expect, it } from 'vitest';
import { sgd } from '$lib/engine/sgd';
import { switchBackend } from '$lib/engine/wasmKernels';
import { convPoolSteps, maxDiff, randomTensor, relativeDiff } from './gradientCheck';

function variableOf(initial: tf.Tensor): tf.Variable {
	const v = tf.variable(initial);
	initial.dispose();
	return v;
}

/** SGD on f(w) = Σ c_i·w_i² (gradient 2·c_i·w_i), each weight on its own, in plain numbers. */
function referenceSgd(
	w0: number[],
	c: number[],
	learningRates: number[],
	momentum: number,
	weightDecay: number
): number[][] {
	const w = [...w0];
	const v = w.map(() => 0);
	const path: number[][] = [];
	learningRates.forEach((lr, t) => {
		for (let i = 0; i < w.length; i++) {
			const g = 2 * c[i] * w[i] + weightDecay * w[i];
			v[i] = t === 0 ? g : momentum * v[i] + g;
			w[i] -= lr * (momentum > 0 ? v[i] : g);
		}
		path.push([...w]);
	});
	return path;
}

describe('sgd', () => {
	for (const [momentum, weightDecay] of [
		[0, 0],
		[0.9, 0],
		[0.9, 1e-2],
		[0, 0.5]
	])
		it(`takes the steps SGD takes, by hand (momentum ${momentum}, weight decay ${weightDecay})`, async () => {
			await switchBackend('cpu');
			const w0 = [1, -2, 0.5, 0];
			const c = [1, 3, -0.5, 2];
			const w = tf.variable(tf.tensor1d(w0));
			const coefficients = tf.tensor1d(c);
			const rates = [0.1, 0.1, 0.05, 0.05, 0.2];
			const optimizer = sgd(rates[0], { momentum, weightDecay });
			const expected = referenceSgd(w0, c, rates, momentum, weightDecay);
			rates.forEach((lr, step) => {
				optimizer.learningRate = lr;
				const loss = optimizer.minimize(() => tf.sum(tf.mul(coefficients, tf.square(w))), [w]);
				const before = step === 0 ? w0 : expected[step - 1];
				expect(loss.dataSync()[0]).toBeCloseTo(
					before.reduce((s, x, i) => s + c[i] * x * x, 0),
					5
				);
				loss.dispose();
				Array.from(w.dataSync()).forEach((x, i) => expect(x).toBeCloseTo(expected[step][i], 6));
			});
			// the first step by hand: w − lr·(2c + λ)·w = −2 + 0.1·(12 + 2λ)
			expect(expected[0][1]).toBeCloseTo(-2 + 0.1 * (12 + 2 * weightDecay), 9);
			optimizer.dispose();
			tf.dispose([w, coefficients]);
		});

	it('follows tf.train.sgd and tf.train.momentum step for step, and leaves no tensor behind', async () => {
		await switchBackend('cpu');
		const baseline = tf.memory().numTensors;
		const run = (momentum: number, make: 'ours' | 'tf') => {
			const w = variableOf(randomTensor([3, 4], 5));
			const x = randomTensor([6, 3], 6);
			const y = randomTensor([6, 4], 7);
			const f = () => tf.mean(tf.square(tf.sub(tf.matMul(x, w), y))) as tf.Scalar;
			const values = (() => {
				if (make === 'ours') {
					const optimizer = sgd(0.05, { momentum });
					for (let i = 0; i < 6; i++) optimizer.minimize(f, [w]).dispose();
					optimizer.dispose();
				} else {
					const optimizer = momentum > 0 ? tf.train.momentum(0.05, momentum) : tf.train.sgd(0.05);
					for (let i = 0; i < 6; i++) optimizer.minimize(f, false, [w]);
					optimizer.dispose();
				}
				return w.dataSync() as Float32Array;
			})();
			tf.dispose([w, x, y]);
			return { values, left: tf.memory().numTensors - baseline };
		};
		for (const momentum of [0, 0.9]) {
			const mine = run(momentum, 'ours');
			const reference = run(momentum, 'tf');
			expect(maxDiff(mine.values, reference.values)).toBeLessThan(1e-6);
			expect(mine.left).toBe(0);
		}
	});

	it('on WASM moves a conv–max-pool net as on CPU (negative, zero and tied windows)', async () => {
		const { cpu, wasm } = await convPoolSteps(() =>
			sgd(0.05, { momentum: 0.9, weightDecay: 1e-4 })
		);
		cpu.losses.forEach((l, i) =>
			expect(Math.abs(wasm.losses[i] - l)).toBeLessThan(1e-5 * Math.max(1, Math.abs(l)))
		);
		// float32 round-off relative to the weights' size; a wrong max-pool gradient moves a weight
		// by lr·|g|, orders of magnitude more
		expect(relativeDiff(wasm.weights[0], cpu.weights[0])).toBeLessThan(1e-5);
		expect(relativeDiff(wasm.weights[1], cpu.weights[1])).toBeLessThan(1e-5);
	});

	it('refuses a momentum outside [0, 1) and a negative weight decay', () => {
		expect(() => sgd(0.1, { momentum: 1 })).toThrow(/momentum/);
		expect(() => sgd(0.1, { weightDecay: -1 })).toThrow(/weight decay/);
	});
});
