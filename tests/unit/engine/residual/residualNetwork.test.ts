// The residual lab's networks against independent references: one block's output and gradient
// against a float64 loop (and a hand-computed case), on WASM against CPU with negative, zero and
// tied inputs; the lesion (a block replaced by the identity) against the net whose block branch
// is zeroed; the path-length distribution against the binomial; tensors back to baseline.
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { BN_EPSILON } from '$lib/engine/batchNorm/batchNorm';
import {
	blockCount,
	blockForward,
	disposeNetwork,
	forward,
	residualNetwork,
	trainableVariables,
	type ResidualBlock,
	type Wiring
} from '$lib/engine/residual/residualNetwork';
import {
	lesionAccuracy,
	randomBlocks,
	randomLesionCurve,
	randomLesionCurveSteps,
	singleBlockLesions,
	singleBlockLesionSteps
} from '$lib/engine/residual/lesion';
import { pathCounts, pathLengthDistribution } from '$lib/engine/residual/pathLengths';
import { seededRandom } from '$lib/engine/seededRandom';
import { maxDiff, onCpuThenWasm } from '../gradientCheck';
import { useBackend } from '../../tfBackend';

beforeAll(() => useBackend('cpu'));

/** A block of width `w` whose weights, γ and β are the given plain arrays. */
function blockOf(w: number, p: BlockParams): ResidualBlock {
	const layer = (W: number[], g: number[], b: number[]) => ({
		weights: tf.variable(tf.tensor2d(W, [w, w])),
		gamma: tf.variable(tf.tensor1d(g)),
		beta: tf.variable(tf.tensor1d(b)),
		runningMean: tf.variable(tf.zeros([w]), false),
		runningVariance: tf.variable(tf.ones([w]), false)
	});
	// variables outlive tidy; the tensors they were made from do not
	return tf.tidy(() => ({ first: layer(p.W1, p.g1, p.b1), second: layer(p.W2, p.g2, p.b2) }));
}
function disposeBlock(b: ResidualBlock): void {
	for (const l of [b.first, b.second])
		tf.dispose([l.weights, l.gamma, l.beta, l.runningMean, l.runningVariance]);
}

interface BlockParams {
	W1: number[];
	g1: number[];
	b1: number[];
	W2: number[];
	g2: number[];
	b2: number[];
}

/** Float64 reference: BN(xW) with batch statistics, per feature. */
function naiveNormalizedLinear(x: number[][], W: number[], g: number[], b: number[]): number[][] {
	const n = x.length;
	const w = g.length;
	const z = x.map((row) =>
		Array.from({ length: w }, (_, j) => row.reduce((s, v, i) => s + v * W[i * w + j], 0))
	);
	const out = z.map((row) => row.slice());
	for (let j = 0; j < w; j++) {
		const mean = z.reduce((s, r) => s + r[j], 0) / n;
		const variance = z.reduce((s, r) => s + (r[j] - mean) ** 2, 0) / n;
		for (let i = 0; i < n; i++)
			out[i][j] = (g[j] * (z[i][j] - mean)) / Math.sqrt(variance + BN_EPSILON) + b[j];
	}
	return out;
}
const relu = (m: number[][]) => m.map((r) => r.map((v) => Math.max(0, v)));

function naiveBlock(x: number[][], p: BlockParams, wiring: Wiring): number[][] {
	const inner = relu(naiveNormalizedLinear(x, p.W1, p.g1, p.b1));
	const branch = naiveNormalizedLinear(inner, p.W2, p.g2, p.b2);
	return relu(wiring === 'residual' ? branch.map((r, i) => r.map((v, j) => v + x[i][j])) : branch);
}

function randomParams(w: number, seed: number): BlockParams {
	const r = seededRandom(seed);
	const values = (k: number, lo = -1, hi = 1) =>
		Array.from({ length: k }, () => lo + (hi - lo) * r());
	return {
		W1: values(w * w),
		g1: values(w, 0.5, 1.5),
		b1: values(w, -0.5, 0.5),
		W2: values(w * w),
		g2: values(w, 0.5, 1.5),
		b2: values(w, -0.5, 0.5)
	};
}

/** A batch with negative, zero and tied values (rows 2 and 3 tie, column 1 is all zero-ish). */
const BATCH = [
	[1, 0, -2, 0.5],
	[-1.5, 0, 0.25, 2],
	[0.75, 0, 0.75, 0.75],
	[0.75, 0, 0.75, 0.75],
	[-0.5, 3, -1, -0.25]
];

describe('one block', () => {
	it('hand-computed: W = I, γ = 1, β = 0, batch of two', () => {
		// First BN of features (1, 3) and (2, −1): ±1 / √(1 + ε·) scaled; ReLU keeps the positive half.
		// Each column of the ReLU output is (0, a) or (a, 0), whose BN is (∓1, ±1)·a/√(a²/4·4…):
		// with two samples BN maps any distinct pair to ±s, s = d / √(d² + 4ε) for a gap d.
		const I = [1, 0, 0, 1];
		const p = { W1: I, g1: [1, 1], b1: [0, 0], W2: I, g2: [1, 1], b2: [0, 0] };
		const block = blockOf(2, p);
		const x = tf.tensor2d([1, 2, 3, -1], [2, 2]);
		const y = blockForward(block, 'residual', x, true);
		// first BN: feature 0 gap 2 → (−s2, s2); feature 1 gap 3 → (s3, −s3)
		const s = (d: number) => d / Math.sqrt(d * d + 4 * BN_EPSILON);
		const inner = [
			[0, s(3)],
			[s(2), 0]
		];
		// second BN: feature 0 (0, s2) → (−t0, t0), feature 1 (s3, 0) → (t1, −t1)
		const t0 = s(inner[1][0]);
		const t1 = s(inner[0][1]);
		const expected = [Math.max(0, 1 - t0), Math.max(0, 2 + t1), Math.max(0, 3 + t0), 0];
		Array.from(y.dataSync()).forEach((v, i) => expect(v).toBeCloseTo(expected[i], 5));
		tf.dispose([x, y]);
		disposeBlock(block);
	});

	it.each(['plain', 'residual'] as Wiring[])('%s block output equals a float64 loop', (wiring) => {
		const p = randomParams(4, 5);
		const block = blockOf(4, p);
		const start = tf.memory().numTensors;
		const y = tf.tidy(() => blockForward(block, wiring, tf.tensor2d(BATCH), true));
		const expected = naiveBlock(BATCH, p, wiring).flat();
		expect(maxDiff(y.dataSync() as Float32Array, Float32Array.from(expected))).toBeLessThan(1e-5);
		y.dispose();
		expect(tf.memory().numTensors).toBe(start);
		disposeBlock(block);
	});

	it('input gradient equals central differences of the float64 loop, on CPU and WASM', async () => {
		const p = randomParams(4, 9);
		const r = seededRandom(3);
		const upstream = BATCH.map((row) => row.map(() => r() * 2 - 1));
		const loss = (x: number[][]) =>
			naiveBlock(x, p, 'residual').reduce(
				(s, row, i) => s + row.reduce((t, v, j) => t + v * upstream[i][j], 0),
				0
			);
		const h = 1e-6;
		const numeric = BATCH.flatMap((row, i) =>
			row.map((_, j) => {
				const up = BATCH.map((rr) => rr.slice());
				const down = BATCH.map((rr) => rr.slice());
				up[i][j] += h;
				down[i][j] -= h;
				return (loss(up) - loss(down)) / (2 * h);
			})
		);
		const gradients = () => {
			const block = blockOf(4, p);
			const g = tf.tidy(() =>
				tf.grad((x: tf.Tensor) =>
					tf.sum(tf.mul(blockForward(block, 'residual', x as tf.Tensor2D, true), upstream))
				)(tf.tensor2d(BATCH))
			);
			const weights = tf.tidy(() => {
				const vars = [
					block.first.weights,
					block.first.gamma,
					block.second.weights,
					block.second.beta
				];
				const { grads } = tf.variableGrads(
					() => tf.sum(tf.mul(blockForward(block, 'residual', tf.tensor2d(BATCH), true), upstream)),
					vars
				);
				return vars.map((v) => Float32Array.from(grads[v.name].dataSync() as Float32Array));
			});
			const values = Float32Array.from(g.dataSync());
			g.dispose();
			disposeBlock(block);
			return { input: values, weights };
		};
		const { cpu, wasm } = await onCpuThenWasm(gradients);
		await useBackend('cpu');
		expect(maxDiff(cpu.input, Float32Array.from(numeric))).toBeLessThan(2e-3);
		expect(maxDiff(wasm.input, cpu.input)).toBeLessThan(1e-4);
		cpu.weights.forEach((w, i) => expect(maxDiff(wasm.weights[i], w)).toBeLessThan(1e-4));
	});
});

describe('the network', () => {
	it('depth = 2n + 2 weight layers: 8 → 3 blocks, 20 → 9, 56 → 27', () => {
		expect([8, 20, 56].map(blockCount)).toEqual([3, 9, 27]);
		expect(() => blockCount(7)).toThrow();
		const net = residualNetwork({ depth: 8, wiring: 'plain' }, 1);
		// input + 3 blocks × 2 normalized layers, each (W, γ, β), then the head's W and b
		expect(trainableVariables(net)).toHaveLength(7 * 3 + 2);
		disposeNetwork(net);
	});

	it('deleting a residual block equals the net with that block’s branch zeroed', () => {
		const start = tf.memory().numTensors;
		const net = residualNetwork({ depth: 8, wiring: 'residual' }, 4);
		const x = tf.tidy(() => tf.randomNormal([16, 784], 0, 1, 'float32', 7) as tf.Tensor2D);
		// a few training-mode passes so the running statistics are not the initial 0 / 1
		for (let i = 0; i < 3; i++)
			forward(net, x, { training: true, updateStatistics: true }).dispose();
		for (const block of [1, 2, 3]) {
			const lesioned = forward(net, x, { deleted: new Set([block]) });
			// zero the branch: the second BN's γ and β at 0 make F(h) = 0 whatever h
			const second = net.blocks[block - 1].second;
			const saved = [second.gamma.clone(), second.beta.clone()];
			tf.tidy(() => {
				second.gamma.assign(tf.zerosLike(second.gamma));
				second.beta.assign(tf.zerosLike(second.beta));
			});
			const zeroed = forward(net, x);
			second.gamma.assign(saved[0]);
			second.beta.assign(saved[1]);
			const intact = forward(net, x);
			expect(
				maxDiff(lesioned.dataSync() as Float32Array, zeroed.dataSync() as Float32Array)
			).toBeLessThan(1e-5);
			// and the deletion changes something
			expect(
				maxDiff(lesioned.dataSync() as Float32Array, intact.dataSync() as Float32Array)
			).toBeGreaterThan(1e-3);
			tf.dispose([lesioned, zeroed, intact, ...saved]);
		}
		x.dispose();
		disposeNetwork(net);
		expect(tf.memory().numTensors).toBe(start);
	});

	it('a training pass moves every running average by 0.1 towards its batch statistic', () => {
		const net = residualNetwork({ depth: 8, wiring: 'residual' }, 5);
		const x = tf.tidy(() => tf.randomNormal([16, 784], 0, 1, 'float32', 3) as tf.Tensor2D);
		forward(net, x, { training: true, updateStatistics: true }).dispose();
		// the input layer's z = xW by a loop; running starts at mean 0, variance 1
		const xs = x.dataSync();
		const W = net.input.weights.dataSync();
		const mean = net.input.runningMean.dataSync();
		const variance = net.input.runningVariance.dataSync();
		for (const j of [0, 17, 63]) {
			const z = Array.from({ length: 16 }, (_, i) => {
				let s = 0;
				for (let k = 0; k < 784; k++) s += xs[i * 784 + k] * W[k * 64 + j];
				return s;
			});
			const mu = z.reduce((a, b) => a + b, 0) / 16;
			const v = z.reduce((a, b) => a + (b - mu) ** 2, 0) / 16;
			expect(mean[j]).toBeCloseTo(0.1 * mu, 4);
			expect(variance[j]).toBeCloseTo(0.9 + 0.1 * v, 3);
		}
		// every layer's averages moved (the last block's second BN too)
		const last = net.blocks[2].second;
		expect(
			Math.max(...Array.from(last.runningVariance.dataSync(), (v) => Math.abs(v - 1)))
		).toBeGreaterThan(1e-3);
		x.dispose();
		disposeNetwork(net);
	});

	it('plain and residual nets of one seed start from the same weights', () => {
		const a = residualNetwork({ depth: 8, wiring: 'plain' }, 11);
		const b = residualNetwork({ depth: 8, wiring: 'residual' }, 11);
		trainableVariables(a).forEach((v, i) =>
			expect(Array.from(v.dataSync())).toEqual(Array.from(trainableVariables(b)[i].dataSync()))
		);
		disposeNetwork(a);
		disposeNetwork(b);
	});

	it('lesion accuracies: intact first, then one per block, counted against labels by hand', () => {
		const start = tf.memory().numTensors;
		const net = residualNetwork({ depth: 8, wiring: 'plain' }, 2);
		const r = seededRandom(1);
		const count = 30;
		const images = Float32Array.from({ length: count * 784 }, () => r() * 2 - 1);
		const labels = Uint8Array.from({ length: count }, () => Math.floor(r() * 10));
		const set = { images, labels, count };
		const study = singleBlockLesions(net, set);
		expect(study).toHaveLength(4);
		// reference for the intact net: argmax of the logits, compared one by one
		const logits = tf.tidy(() => forward(net, tf.tensor2d(images, [count, 784])));
		const values = logits.dataSync();
		let right = 0;
		for (let i = 0; i < count; i++) {
			const row = Array.from(values.subarray(i * 10, i * 10 + 10));
			if (row.indexOf(Math.max(...row)) === labels[i]) right++;
		}
		logits.dispose();
		expect(study[0]).toBeCloseTo(right / count, 10);
		// the shared-prefix study agrees with a full forward pass per lesion
		for (let b = 1; b <= 3; b++) expect(study[b]).toBe(lesionAccuracy(net, set, new Set([b])));
		// the k-random curve is the mean over the same seeded draws of full forward passes
		const curve = randomLesionCurve(net, set, 2, 9);
		const r2 = seededRandom(9);
		const draws = [1, 2, 3].map((k) =>
			Array.from({ length: k === 3 ? 1 : 2 }, () => randomBlocks(3, k, r2))
		);
		draws.forEach((sets, k) => {
			const mean = sets.reduce((s, d) => s + lesionAccuracy(net, set, d), 0) / sets.length;
			expect(curve[k]).toBeCloseTo(mean, 12);
		});
		disposeNetwork(net);
		expect(tf.memory().numTensors).toBe(start);
	});

	it('a lesion study run a piece at a time stops midway with its tensors freed', () => {
		const net = residualNetwork({ depth: 8, wiring: 'residual' }, 2);
		const r = seededRandom(4);
		const count = 12;
		const images = Float32Array.from({ length: count * 784 }, () => r() * 2 - 1);
		const labels = Uint8Array.from({ length: count }, () => Math.floor(r() * 10));
		const set = { images, labels, count };
		const start = tf.memory().numTensors;
		for (const steps of [
			singleBlockLesionSteps(net, set),
			randomLesionCurveSteps(net, set, 2, 3)
		]) {
			// two pieces in: an activation is held; stopping frees it
			steps.next();
			steps.next();
			expect(tf.memory().numTensors).toBeGreaterThan(start);
			steps.return([]);
			expect(tf.memory().numTensors).toBe(start);
		}
		// one piece per block pass and chunk: 3 blocks, one chunk → 3 pauses + 1 after the chunk
		let pieces = 0;
		const steps = singleBlockLesionSteps(net, set);
		let next = steps.next();
		while (!next.done) {
			pieces++;
			next = steps.next();
		}
		expect(pieces).toBe(4);
		expect(next.value).toEqual(singleBlockLesions(net, set));
		disposeNetwork(net);
	});

	it('random lesions draw k distinct blocks out of n', () => {
		const r = seededRandom(5);
		for (let k = 1; k <= 9; k++) {
			const s = randomBlocks(9, k, r);
			expect(s.size).toBe(k);
			for (const b of s) expect(b >= 1 && b <= 9).toBe(true);
		}
	});
});

describe('path lengths', () => {
	it.each([3, 9, 27])('n = %i: C(n, k) paths of length k, summing to 2ⁿ', (n) => {
		// Pascal's triangle as the independent reference
		let row = [1];
		for (let i = 0; i < n; i++) row = [...row, 0].map((v, k) => v + (k ? row[k - 1] : 0));
		expect(pathCounts(n)).toEqual(row);
		const p = pathLengthDistribution(n);
		expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
		expect(p.reduce((s, v, k) => s + v * k, 0)).toBeCloseTo(n / 2, 10);
	});
});
