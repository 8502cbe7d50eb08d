// Softmax regression's full-batch step against the same step written as plain loops (on the CPU
// backend and on WASM, the lab worker's backend), several
// learning rates side by side equal to separate runs, weights folded back onto raw pixels give
// the same scores, and no tensor is left behind.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '$lib/engine/seededRandom';
import {
	createSoftmaxTrainer,
	inputSecondMomentTop,
	learningRateGrid
} from '$lib/engine/normalization/softmaxRegression';
import {
	rawClassifier,
	type FashionTransform
} from '$lib/engine/normalization/fashionPreprocessing';

/** One gradient step of softmax regression by loops: returns the loss before and new W, b. */
function naiveStep(x: number[][], labels: number[], w: number[][], b: number[], eta: number) {
	const n = x.length;
	const d = x[0].length;
	const gw = w.map((row) => row.map(() => 0));
	const gb = b.map(() => 0);
	let loss = 0;
	for (let i = 0; i < n; i++) {
		const z = b.map((bc, c) => bc + x[i].reduce((s, xj, j) => s + xj * w[j][c], 0));
		const top = Math.max(...z);
		const e = z.map((v) => Math.exp(v - top));
		const sum = e.reduce((a, v) => a + v, 0);
		loss -= Math.log(e[labels[i]] / sum) / n;
		for (let c = 0; c < 10; c++) {
			const delta = (e[c] / sum - (c === labels[i] ? 1 : 0)) / n;
			gb[c] += delta;
			for (let j = 0; j < d; j++) gw[j][c] += x[i][j] * delta;
		}
	}
	return {
		loss,
		w: w.map((row, j) => row.map((v, c) => v - eta * gw[j][c])),
		b: b.map((v, c) => v - eta * gb[c])
	};
}

describe.each(['cpu', 'wasm'])('softmax regression on %s', (backend) => {
	beforeAll(async () => {
		expect(await tf.setBackend(backend)).toBe(true);
	});

	const random = seededRandom(11);
	const n = 12;
	const d = 5;
	const x = Array.from({ length: n }, () => Array.from({ length: d }, () => random() * 2 - 0.5));
	const labels = Array.from({ length: n }, (_, i) => (i * 7) % 10);

	it('three steps at two learning rates side by side equal the loop, rate by rate', () => {
		const rates = [0.5, 2];
		const before = tf.memory().numTensors;
		const inputs = tf.tensor2d(x);
		const trainer = createSoftmaxTrainer(inputs, labels, rates);
		inputs.dispose();
		const states = rates.map(() => ({
			w: Array.from({ length: d }, () => new Array<number>(10).fill(0)),
			b: new Array<number>(10).fill(0)
		}));
		for (let s = 0; s < 3; s++) {
			const losses = trainer.step();
			rates.forEach((eta, g) => {
				const next = naiveStep(x, labels, states[g].w, states[g].b, eta);
				expect(losses[g]).toBeCloseTo(next.loss, 5);
				states[g] = next;
			});
		}
		expect(trainer.steps).toBe(3);
		rates.forEach((_, g) => {
			const { weights, bias } = trainer.weights(g);
			states[g].w.flat().forEach((v, i) => expect(weights[i]).toBeCloseTo(v, 5));
			states[g].b.forEach((v, c) => expect(bias[c]).toBeCloseTo(v, 5));
			// the loss after the last step, too
			expect(trainer.losses()[g]).toBeCloseTo(
				naiveStep(x, labels, states[g].w, states[g].b, 0).loss,
				5
			);
		});
		// from zero weights the first loss is ln 10
		trainer.dispose();
		expect(tf.memory().numTensors).toBe(before);
	});

	it('starts at ln 10 from zero weights', () => {
		const inputs = tf.tensor2d(x);
		const trainer = createSoftmaxTrainer(inputs, labels, [1]);
		expect(trainer.step()[0]).toBeCloseTo(Math.log(10), 5);
		trainer.dispose();
		inputs.dispose();
	});

	it('λmax of E[x̃x̃ᵀ] by power iteration matches the explicit (d+1)×(d+1) matrix', () => {
		const before = tf.memory().numTensors;
		const inputs = tf.tensor2d(x);
		const top = inputSecondMomentTop(inputs, 200);
		inputs.dispose();
		expect(tf.memory().numTensors).toBe(before);
		// power iteration by hand on the explicit matrix
		const xt = x.map((row) => [...row, 1]);
		const m = xt[0].map((_, i) => xt[0].map((_, j) => xt.reduce((s, r) => s + r[i] * r[j], 0) / n));
		let v = m.map(() => 1);
		let lambda = 0;
		for (let k = 0; k < 500; k++) {
			const u = m.map((row) => row.reduce((s, mij, j) => s + mij * v[j], 0));
			lambda = Math.hypot(...u);
			v = u.map((ui) => ui / lambda);
		}
		expect(top).toBeCloseTo(lambda, 4);
	});

	it('the grid spans a hundredth to ten times 20/λmax, 31 points, 10^0.1 apart', () => {
		const grid = learningRateGrid(4);
		expect(grid.length).toBe(31);
		expect(grid[20]).toBeCloseTo(5, 12);
		expect(grid[0]).toBeCloseTo(0.05, 12);
		expect(grid[30]).toBeCloseTo(50, 12);
		expect(grid[1] / grid[0]).toBeCloseTo(10 ** 0.1, 12);
	});

	it('rawClassifier: D(x − m)·w + b equals x·w′ + b′ (diagonal and full D)', () => {
		const dim = 784;
		const r = seededRandom(2);
		const img = Float32Array.from({ length: dim }, r);
		const w = Float32Array.from({ length: dim * 10 }, () => r() - 0.5);
		const b = Float32Array.from({ length: 10 }, () => r() - 0.5);
		const offset = Float32Array.from({ length: dim }, r);
		const diag = Float32Array.from({ length: dim }, () => 1 + r());
		const full = new Float32Array(dim * dim);
		for (let i = 0; i < dim; i++)
			for (let j = 0; j <= i; j++) full[i * dim + j] = full[j * dim + i] = (r() - 0.5) / 30;
		const transforms: FashionTransform[] = [
			{ preprocessing: 'standardised', offset, scale: diag, matrix: null },
			{ preprocessing: 'whitened', offset, scale: null, matrix: full }
		];
		for (const t of transforms) {
			const xp = new Float64Array(dim);
			for (let i = 0; i < dim; i++) {
				if (t.matrix)
					for (let j = 0; j < dim; j++) xp[i] += t.matrix[i * dim + j] * (img[j] - offset[j]);
				else xp[i] = t.scale![i] * (img[i] - offset[i]);
			}
			const raw = rawClassifier(t, w, b);
			for (let c = 0; c < 10; c++) {
				let direct = b[c];
				let folded = raw.bias[c];
				for (let i = 0; i < dim; i++) {
					direct += xp[i] * w[i * 10 + c];
					folded += img[i] * raw.weights[i * 10 + c];
				}
				expect(folded).toBeCloseTo(direct, 3);
			}
		}
	});
});
