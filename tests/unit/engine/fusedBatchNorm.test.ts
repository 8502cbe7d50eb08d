// The residual lab's layer op, ReLU(BN(xW) [+ shortcut]) in training mode, as it runs on WASM (the
// fused batch-norm kernels, engine/fusedBatchNorm.ts) against TF.js's autodiff of the composed ops
// (matMul, batchNorm.ts's batchNormTrain, add, relu) on the CPU backend, with negative inputs, an
// all-zero column (variance 0, and a pre-activation of exactly 0 at the ReLU's kink) and tied rows;
// against central finite differences of the same function written out in float64; the
// statistics against a naive loop; no tensor left behind.
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { batchNormTrain, BN_EPSILON } from '$lib/engine/batchNorm/batchNorm';
import { batchNormTrainKernel, hasFusedBatchNorm } from '$lib/engine/fusedBatchNorm';
import { normalizedLinearTrain } from '$lib/engine/residual/normalizedLinear';
import { maxDiff, randomTensor } from './gradientCheck';
import { useBackend } from '../tfBackend';

beforeAll(() => useBackend('wasm'));
afterAll(() => useBackend('cpu'));

const N = 6;
const IN = 4;
const OUT = 5;

/** x with a negative column, an all-zero column and tied rows; W whose column 4 reads only it. */
function values(seed: number) {
	const x = Array.from(randomTensor([N, IN], seed).dataSync());
	for (let i = 0; i < N; i++) x[i * IN + 1] = -Math.abs(x[i * IN + 1]) - 0.5;
	for (let i = 0; i < N; i++) x[i * IN + 3] = 0;
	for (let j = 0; j < IN; j++) x[4 * IN + j] = x[2 * IN + j];
	const w = Array.from(randomTensor([IN, OUT], seed + 1).dataSync());
	for (let i = 0; i < IN; i++) w[i * OUT + 4] = i === 3 ? 1 : 0;
	return {
		x,
		w,
		gamma: [1.5, -0.5, 0, 1, 2],
		// β = 0 on the zero column: its pre-activation is exactly 0 (without a shortcut)
		beta: [0.1, 0, -0.3, 0.2, 0],
		shortcut: Array.from(randomTensor([N, OUT], seed + 2).dataSync()),
		upstream: Array.from(randomTensor([N, OUT], seed + 3).dataSync())
	};
}

type Values = ReturnType<typeof values>;
type Variant = { relu: boolean; shortcut: boolean };

/** The output and the gradients of sum(out · upstream) for x, W, γ, β [, shortcut]. */
function run(v: Values, { relu, shortcut }: Variant, fused: boolean): Float32Array[] {
	return tf.tidy(() => {
		const x = tf.tensor2d(v.x, [N, IN]);
		const w = tf.tensor2d(v.w, [IN, OUT]);
		const gamma = tf.tensor1d(v.gamma);
		const beta = tf.tensor1d(v.beta);
		const s = tf.tensor2d(v.shortcut, [N, OUT]);
		const upstream = tf.tensor2d(v.upstream, [N, OUT]);
		const layer = (...t: tf.Tensor[]) => {
			const [a, b, g, c, sc] = t as [
				tf.Tensor2D,
				tf.Tensor2D,
				tf.Tensor1D,
				tf.Tensor1D,
				tf.Tensor2D
			];
			if (fused)
				return normalizedLinearTrain(a, b, g, c, { relu, shortcut: shortcut ? sc : undefined });
			let y = batchNormTrain(tf.matMul(a, b), g, c).y;
			if (shortcut) y = tf.add(sc, y);
			return relu ? tf.relu(y) : y;
		};
		const inputs = shortcut ? [x, w, gamma, beta, s] : [x, w, gamma, beta];
		const out = layer(x, w, gamma, beta, s);
		const grads = tf.grads((...t: tf.Tensor[]) => tf.sum(tf.mul(layer(...t, s), upstream)))(inputs);
		return [out, ...grads].map((t) => Float32Array.from(t.dataSync()));
	});
}

/** sum(out · upstream) in float64, written out: the finite-difference reference. */
function loss64(v: Values, { relu, shortcut }: Variant): number {
	let total = 0;
	for (let j = 0; j < OUT; j++) {
		const z = Array.from({ length: N }, (_, i) => {
			let s = 0;
			for (let k = 0; k < IN; k++) s += v.x[i * IN + k] * v.w[k * OUT + j];
			return s;
		});
		const mean = z.reduce((a, b) => a + b, 0) / N;
		const variance = z.reduce((a, b) => a + (b - mean) ** 2, 0) / N;
		for (let i = 0; i < N; i++) {
			let y = ((z[i] - mean) / Math.sqrt(variance + BN_EPSILON)) * v.gamma[j] + v.beta[j];
			if (shortcut) y += v.shortcut[i * OUT + j];
			if (relu) y = Math.max(0, y);
			total += y * v.upstream[i * OUT + j];
		}
	}
	return total;
}

const VARIANTS: Variant[] = [
	{ relu: false, shortcut: false },
	{ relu: true, shortcut: false },
	{ relu: true, shortcut: true },
	{ relu: false, shortcut: true }
];

it('runs fused on WASM', () => {
	expect(hasFusedBatchNorm()).toBe(true);
});

it.each(VARIANTS)(
	'%o: output and every gradient equal TF.js’s autodiff on CPU',
	async (variant) => {
		const v = values(1);
		await useBackend('wasm');
		const start = tf.memory().numTensors;
		const wasm = run(v, variant, true);
		expect(tf.memory().numTensors).toBe(start);
		await useBackend('cpu');
		const cpu = run(v, variant, false);
		await useBackend('wasm');
		const names = ['out', 'dx', 'dW', 'dγ', 'dβ', 'dshortcut'];
		expect(wasm).toHaveLength(cpu.length);
		cpu.forEach((reference, i) => expect(maxDiff(wasm[i], reference), names[i]).toBeLessThan(2e-5));
		if (variant.relu && !variant.shortcut) {
			// the zero column sits on the ReLU's kink: output 0 and no gradient through it (TF.js's rule)
			for (let i = 0; i < N; i++) expect(wasm[0][i * OUT + 4]).toBe(0);
			expect(wasm[3][4]).toBe(0);
			expect(wasm[4][4]).toBe(0);
		}
	}
);

it.each(VARIANTS)('%o: gradients equal central finite differences in float64', async (variant) => {
	await useBackend('wasm');
	// random inputs, away from the ReLU's kink
	const v = values(7);
	v.x = Array.from(randomTensor([N, IN], 21).dataSync());
	v.w = Array.from(randomTensor([IN, OUT], 22).dataSync());
	v.beta = [0.1, -0.2, 0.3, 0, 0.05];
	const [, ...grads] = run(v, variant, true);
	const keys: (keyof Values)[] = [
		'x',
		'w',
		'gamma',
		'beta',
		...(variant.shortcut ? ['shortcut' as const] : [])
	];
	const h = 1e-5;
	keys.forEach((key, g) => {
		const values64 = v[key];
		const numeric = values64.map((_, k) => {
			const plus = { ...v, [key]: values64.map((a, i) => (i === k ? a + h : a)) };
			const minus = { ...v, [key]: values64.map((a, i) => (i === k ? a - h : a)) };
			return (loss64(plus, variant) - loss64(minus, variant)) / (2 * h);
		});
		expect(maxDiff(grads[g], Float32Array.from(numeric)), key).toBeLessThan(5e-4);
	});
});

it('hands out μ and the biased σ² of a naive loop, x̂ and 1/√(σ² + ε)', () => {
	const v = values(3);
	const z = tf.tensor2d(v.shortcut, [N, OUT]);
	const gamma = tf.tensor1d(v.gamma);
	const beta = tf.tensor1d(v.beta);
	const outs = batchNormTrainKernel(z, gamma, beta, { epsilon: BN_EPSILON, relu: false });
	const [out, xHat, inverse, mean, variance] = outs.map((t) => t.dataSync());
	for (let j = 0; j < OUT; j++) {
		const column = Array.from({ length: N }, (_, i) => v.shortcut[i * OUT + j]);
		const mu = column.reduce((a, b) => a + b, 0) / N;
		const s2 = column.reduce((a, b) => a + (b - mu) ** 2, 0) / N;
		expect(mean[j]).toBeCloseTo(mu, 6);
		expect(variance[j]).toBeCloseTo(s2, 6);
		expect(inverse[j]).toBeCloseTo(1 / Math.sqrt(s2 + BN_EPSILON), 5);
		column.forEach((value, i) => {
			const normalized = (value - mu) / Math.sqrt(s2 + BN_EPSILON);
			expect(xHat[i * OUT + j]).toBeCloseTo(normalized, 5);
			expect(out[i * OUT + j]).toBeCloseTo(normalized * v.gamma[j] + v.beta[j], 5);
		});
	}
	tf.dispose([...outs, z, gamma, beta]);
});
