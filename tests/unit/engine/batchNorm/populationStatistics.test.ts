// Ioffe & Szegedy's Algorithm 2 (population statistics with the final weights, for inference)
// against a float64 loop written from the paper: training images cut into mini-batches of m, each
// layer normalised by its own batch's statistics, E[x] = mean of μ_B, Var[x] = m/(m−1)·mean of σ²_B;
// and inference with those statistics against the same loop.
import * as tf from '@tensorflow/tfjs-core';
import { readFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { BN_EPSILON } from '$lib/engine/batchNorm/batchNorm';
import { disposeNetwork, forward, ioffeNetwork } from '$lib/engine/batchNorm/ioffeNetwork';
import { populationStatistics } from '$lib/engine/batchNorm/populationStatistics';
import { spriteToImages } from '$lib/engine/fashionMnistData';
import { seededRandom } from '$lib/engine/seededRandom';
import { useBackend } from '../../tfBackend';

const N = 10;
const M = 4;
let images: Float32Array;

beforeAll(async () => {
	await useBackend('cpu');
	const png = PNG.sync.read(readFileSync('static/data/fashion-mnist/train-images.png'));
	images = spriteToImages(png.data, png.width, png.height, N, 100);
});

type Layer = { w: Float32Array; gamma: Float32Array; beta: Float32Array; inputs: number };
const sigmoid = (v: number) => 1 / (1 + Math.exp(-v));

/** z = h·W for one row h, in float64 */
function affine(h: number[], l: Layer): number[] {
	const units = l.gamma.length;
	const z = new Array<number>(units).fill(0);
	for (let k = 0; k < l.inputs; k++)
		for (let u = 0; u < units; u++) z[u] += h[k] * l.w[k * units + u];
	return z;
}

/** Algorithm 2 by hand: batches of M consecutive rows (the last N mod M rows left out). */
function algorithm2(rows: number[][], layers: Layer[]) {
	const out: { mean: number[]; variance: number[] }[] = [];
	const batches = Math.floor(rows.length / M);
	let h = rows.slice(0, batches * M);
	for (const l of layers) {
		const units = l.gamma.length;
		const mean = new Array<number>(units).fill(0);
		const variance = new Array<number>(units).fill(0);
		const next: number[][] = [];
		for (let b = 0; b < batches; b++) {
			const z = h.slice(b * M, (b + 1) * M).map((r) => affine(r, l));
			const mu = Array.from({ length: units }, (_, u) => z.reduce((s, r) => s + r[u], 0) / M);
			const s2 = Array.from(
				{ length: units },
				(_, u) => z.reduce((s, r) => s + (r[u] - mu[u]) ** 2, 0) / M
			);
			for (let u = 0; u < units; u++) {
				mean[u] += mu[u] / batches;
				variance[u] += ((M / (M - 1)) * s2[u]) / batches;
			}
			for (const r of z)
				next.push(
					r.map((v, u) =>
						sigmoid((l.gamma[u] * (v - mu[u])) / Math.sqrt(s2[u] + BN_EPSILON) + l.beta[u])
					)
				);
		}
		out.push({ mean, variance });
		h = next;
	}
	return out;
}

describe('population statistics (Ioffe & Szegedy, Algorithm 2)', () => {
	it('average each batch’s mean and unbiased variance, layer by layer with the frozen weights; inference uses them', () => {
		const start = tf.memory().numTensors;
		const net = ioffeNetwork('bn', 3, 0.1);
		// learned-looking γ and β, so that they enter the layers above
		const random = seededRandom(11);
		tf.tidy(() => {
			for (const l of net.hidden) {
				l.gamma!.assign(tf.tensor1d(Array.from({ length: 100 }, () => 0.5 + random())));
				l.shift.assign(tf.tensor1d(Array.from({ length: 100 }, () => random() - 0.5)));
			}
		});
		const layers: Layer[] = net.hidden.map((l, i) => ({
			w: l.weights.dataSync() as Float32Array,
			gamma: l.gamma!.dataSync() as Float32Array,
			beta: l.shift.dataSync() as Float32Array,
			inputs: i === 0 ? 784 : 100
		}));
		const rows = Array.from({ length: N }, (_, i) =>
			Array.from(images.subarray(i * 784, (i + 1) * 784))
		);
		const expected = algorithm2(rows, layers);

		const x = tf.tensor2d(images, [N, 784]);
		const statistics = populationStatistics(net, x, M);
		expect(statistics).toHaveLength(3);
		statistics.forEach((s, layer) => {
			const mean = s.mean.dataSync();
			const variance = s.variance.dataSync();
			for (const u of [0, 41, 99]) {
				const e = expected[layer];
				expect(Math.abs(mean[u] - e.mean[u]), `layer ${layer} unit ${u}`).toBeLessThan(
					1e-4 * Math.max(1, Math.abs(e.mean[u]))
				);
				expect(Math.abs(variance[u] - e.variance[u]), `layer ${layer} unit ${u}`).toBeLessThan(
					1e-4 * Math.max(1, e.variance[u])
				);
			}
		});

		// inference with them: every layer normalised by E[x] and Var[x], whatever the batch
		const logits = tf.tidy(() =>
			Array.from(
				forward(net, tf.slice(x, [0, 0], [2, 784]), false, false, statistics).logits.dataSync()
			)
		);
		const wOut = net.output.weights.dataSync();
		for (let r = 0; r < 2; r++) {
			let h = rows[r];
			layers.forEach((l, layer) => {
				const { mean, variance } = expected[layer];
				h = affine(h, l).map((v, u) =>
					sigmoid((l.gamma[u] * (v - mean[u])) / Math.sqrt(variance[u] + BN_EPSILON) + l.beta[u])
				);
			});
			for (let c = 0; c < 10; c++) {
				const want = h.reduce((s, v, k) => s + v * wOut[k * 10 + c], 0);
				expect(logits[r * 10 + c]).toBeCloseTo(want, 4);
			}
		}
		// …and not the running averages (a fresh network's 0 and 1)
		const running = tf.tidy(() =>
			Array.from(forward(net, tf.slice(x, [0, 0], [2, 784]), false).logits.dataSync())
		);
		expect(running[0]).not.toBeCloseTo(logits[0], 3);

		const plain = ioffeNetwork('plain', 3);
		expect(populationStatistics(plain, x, M)).toEqual([]);
		tf.dispose([x, ...statistics.flatMap((s) => [s.mean, s.variance])]);
		disposeNetwork(net);
		disposeNetwork(plain);
		expect(tf.memory().numTensors).toBe(start);
	});
});
