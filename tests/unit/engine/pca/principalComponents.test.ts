// Patch PCA against independent references: a naive float64 covariance and ml-matrix's
// eigen-decomposition (not the engine's tridiagonal solver), on small data.
import * as tf from '@tensorflow/tfjs-core';
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { beforeAll, describe, expect, it } from 'vitest';
import { samplePatches } from '$lib/engine/pca/patchSampling';
import {
	componentsFor,
	principalComponents,
	project,
	screeSlope,
	topComponentsOfRows
} from '$lib/engine/pca/principalComponents';
import { topEigen } from '$lib/engine/pca/topEigen';
import { blockCoefficients, reconstruct } from '$lib/engine/pca/reconstruction';
import { seededRandom } from '$lib/engine/seededRandom';
import { useBackend } from '../../tfBackend';
import { structuredImage } from './structuredImage';

beforeAll(() => useBackend('cpu'));

function naiveCovariance(rows: Float32Array, n: number, d: number): number[][] {
	const mean = new Array<number>(d).fill(0);
	for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] += rows[i * d + j] / n;
	const c = Array.from({ length: d }, () => new Array<number>(d).fill(0));
	for (let i = 0; i < n; i++)
		for (let a = 0; a < d; a++)
			for (let b = 0; b < d; b++)
				c[a][b] += ((rows[i * d + a] - mean[a]) * (rows[i * d + b] - mean[b])) / n;
	return c;
}

describe('samplePatches', () => {
	it('reads each patch row by row from a seeded origin, the same for the same seed', () => {
		const img = { data: Float32Array.from({ length: 30 }, (_, i) => i), width: 6, height: 5 };
		const a = samplePatches(img, 4, 10, 7);
		expect(samplePatches(img, 4, 10, 7)).toEqual(a);
		for (let n = 0; n < 10; n++) {
			const top = Math.floor(a[n * 16] / 6);
			const left = a[n * 16] % 6;
			expect(top).toBeLessThanOrEqual(1);
			expect(left).toBeLessThanOrEqual(2);
			for (let i = 0; i < 16; i++)
				expect(a[n * 16 + i]).toBe((top + Math.floor(i / 4)) * 6 + left + (i % 4));
		}
	});
	it('refuses an image smaller than the patch', () => {
		expect(() => samplePatches({ data: new Float32Array(9), width: 3, height: 3 }, 4, 5)).toThrow(
			/no 4×4 patch/
		);
	});
});

describe('principalComponents', () => {
	const d = 16;
	const n = 600;
	const rows = samplePatches(structuredImage(40, 30), 4, n, 5);

	it('eigenvalues match a naive covariance and ml-matrix’s eigen-solver', async () => {
		const before = tf.memory().numTensors;
		const pca = await principalComponents(rows, n, d);
		expect(tf.memory().numTensors).toBe(before);
		const reference = new EigenvalueDecomposition(new Matrix(naiveCovariance(rows, n, d)), {
			assumeSymmetric: true
		});
		const expected = [...reference.realEigenvalues].sort((a, b) => b - a);
		for (let i = 0; i < d; i++) expect(pca.values[i]).toBeCloseTo(Math.max(0, expected[i]), 5);
		// each component is an eigenvector of the naive covariance: C v = λ v
		const c = naiveCovariance(rows, n, d);
		for (let i = 0; i < 4; i++) {
			const v = pca.components.subarray(i * d, (i + 1) * d);
			for (let a = 0; a < d; a++) {
				let s = 0;
				for (let b = 0; b < d; b++) s += c[a][b] * v[b];
				expect(s).toBeCloseTo(pca.values[i] * v[a], 5);
			}
		}
	});

	it('components are orthonormal and in order of decreasing variance', async () => {
		const pca = await principalComponents(rows, n, d);
		for (let i = 0; i < d; i++)
			for (let j = 0; j < d; j++) {
				let dot = 0;
				for (let t = 0; t < d; t++) dot += pca.components[i * d + t] * pca.components[j * d + t];
				expect(dot).toBeCloseTo(i === j ? 1 : 0, 9);
			}
		for (let i = 1; i < d; i++) expect(pca.values[i]).toBeLessThanOrEqual(pca.values[i - 1]);
	});

	it('explained variance sums to 1 and cumulative ends at 1', async () => {
		const pca = await principalComponents(rows, n, d);
		expect(pca.explained.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
		expect(pca.cumulative[d - 1]).toBeCloseTo(1, 10);
		expect(componentsFor(pca, 1)).toBeLessThanOrEqual(d);
		// projections on a component have the component's variance
		const y = project(pca, rows, 1);
		const mean = y.reduce((a, b) => a + b, 0) / n;
		const variance = y.reduce((a, b) => a + (b - mean) ** 2, 0) / n;
		expect(variance).toBeCloseTo(pca.values[0], 4);
	});

	it('reconstruction with every component is exact; fewer lose PSNR; ratio counts stored numbers', async () => {
		const img = structuredImage(18, 13, 9);
		const pca = await principalComponents(samplePatches(img, 4, 500, 2), 500, 16);
		const blocks = await blockCoefficients(img, pca, 4);
		const full = reconstruct(img, pca, blocks, 16);
		for (let i = 0; i < img.data.length; i++) expect(full.pixels[i]).toBeCloseTo(img.data[i], 5);
		const two = reconstruct(img, pca, blocks, 2);
		expect(two.psnr).toBeLessThan(full.psnr);
		// 5 × 4 blocks of 4×4 (padded), k = 2: 20·2 coefficients + 3 stored 16-vectors
		expect(two.compressionRatio).toBeCloseTo((18 * 13) / (20 * 2 + 3 * 16), 10);
		let sq = 0;
		for (let i = 0; i < img.data.length; i++) sq += (two.pixels[i] - img.data[i]) ** 2;
		expect(two.psnr).toBeCloseTo(10 * Math.log10(img.data.length / sq), 6);
	});

	it('blockCoefficients: each padded block’s projections on the first kMax components, as a naive loop gives', async () => {
		const img = structuredImage(18, 13, 4);
		const pca = await principalComponents(samplePatches(img, 4, 400, 3), 400, 16);
		const before = tf.memory().numTensors;
		const blocks = await blockCoefficients(img, pca, 4, 5);
		expect(tf.memory().numTensors).toBe(before);
		expect([blocks.across, blocks.down, blocks.coefficients.length]).toEqual([5, 4, 5 * 4 * 5]);
		for (let by = 0; by < 4; by++)
			for (let bx = 0; bx < 5; bx++)
				for (let i = 0; i < 5; i++) {
					let c = 0;
					for (let dy = 0; dy < 4; dy++)
						for (let dx = 0; dx < 4; dx++) {
							// the last row and column of blocks repeat the edge pixel
							const y = Math.min(by * 4 + dy, 12);
							const x = Math.min(bx * 4 + dx, 17);
							const j = dy * 4 + dx;
							c += pca.components[i * 16 + j] * (img.data[y * 18 + x] - pca.mean[j]);
						}
					expect(blocks.coefficients[(by * 5 + bx) * 5 + i]).toBeCloseTo(c, 5);
				}
	});

	it('topComponentsOfRows (no covariance formed) finds the top two as ml-matrix does on the naive covariance', async () => {
		const m = 36;
		const count = 500;
		const data = samplePatches(structuredImage(50, 40, 6), 6, count, 8);
		const before = tf.memory().numTensors;
		const top = await topComponentsOfRows(data, count, m, 2);
		expect(tf.memory().numTensors).toBe(before);
		const c = naiveCovariance(data, count, m);
		const reference = new EigenvalueDecomposition(new Matrix(c), { assumeSymmetric: true });
		const order = [...reference.realEigenvalues.keys()].sort(
			(a, b) => reference.realEigenvalues[b] - reference.realEigenvalues[a]
		);
		let trace = 0;
		for (let i = 0; i < m; i++) trace += c[i][i];
		expect(top.totalVariance).toBeCloseTo(trace, 8);
		for (let i = 0; i < 2; i++) {
			const value = reference.realEigenvalues[order[i]];
			expect(top.values[i] / value).toBeCloseTo(1, 4);
			expect(top.explained[i]).toBeCloseTo(value / trace, 5);
			// the same direction up to sign
			let dot = 0;
			for (let j = 0; j < m; j++)
				dot += top.components[i * m + j] * reference.eigenvectorMatrix.get(j, order[i]);
			expect(Math.abs(dot)).toBeCloseTo(1, 4);
		}
	});

	it('topEigen finds the top eigenpairs of a larger matrix as ml-matrix does', () => {
		const m = 60;
		const r = seededRandom(11);
		const x = Array.from({ length: 80 }, () => Array.from({ length: m }, () => r() - 0.5));
		const a = new Float64Array(m * m);
		for (const row of x)
			for (let i = 0; i < m; i++)
				for (let j = 0; j < m; j++) a[i * m + j] += row[i] * row[j] * (1 + i / 10);
		for (let i = 0; i < m; i++) for (let j = 0; j < i; j++) a[i * m + j] = a[j * m + i];
		const mat = new Matrix(m, m);
		for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) mat.set(i, j, a[i * m + j]);
		const expected = [
			...new EigenvalueDecomposition(mat, { assumeSymmetric: true }).realEigenvalues
		].sort((p, q) => q - p);
		const top = topEigen(a, m, 3);
		for (let i = 0; i < 3; i++) expect(top.values[i]).toBeCloseTo(expected[i], 6);
	});

	it('screeSlope of an exact power law is its exponent', () => {
		const values = Array.from({ length: 30 }, (_, i) => 5 * (i + 1) ** -1.8);
		expect(screeSlope(values)).toBeCloseTo(-1.8, 10);
	});
});
