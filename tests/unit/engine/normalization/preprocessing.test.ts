// The five preprocessings as transforms of the patch matrix: moments predicted from the raw
// moments equal the moments of the transformed rows (computed here by plain loops); the
// exact invariances of κ; ZCA makes the covariance the identity.
import { describe, expect, it } from 'vitest';
import { seededRandom } from '$lib/engine/seededRandom';
import { jacobiEigen } from '$lib/engine/normalization/jacobiEigen';
import { patchConditioning } from '$lib/engine/normalization/patchConditioning';
import { imagePatches, patchMoments, type LumaImage } from '$lib/engine/normalization/patchMoments';
import {
	covariance,
	PREPROCESSINGS,
	preprocessingTransform,
	transformedMoments,
	transformRows
} from '$lib/engine/normalization/preprocessing';
import { sampleLuma } from './sampleLuma';

/** A smooth random image: neighbouring pixels correlate, as in a photo. */
function smoothImage(width: number, height: number, seed: number): LumaImage {
	const random = seededRandom(seed);
	const noise = Array.from({ length: width * height }, random);
	const data = new Float32Array(width * height);
	for (let y = 0; y < height; y++)
		for (let x = 0; x < width; x++) {
			let s = 0;
			let n = 0;
			for (let dy = -2; dy <= 2; dy++)
				for (let dx = -2; dx <= 2; dx++) {
					const yy = y + dy;
					const xx = x + dx;
					if (yy >= 0 && yy < height && xx >= 0 && xx < width) {
						s += noise[yy * width + xx];
						n++;
					}
				}
			data[y * width + x] = 0.2 + 0.6 * (s / n);
		}
	return { data, width, height };
}

/** E[x] and E[xxᵀ] of [N, d] rows, by plain loops. */
function rowMoments(rows: Float64Array, d: number): { mean: number[]; moment: number[] } {
	const count = rows.length / d;
	const mean = new Array<number>(d).fill(0);
	const moment = new Array<number>(d * d).fill(0);
	for (let n = 0; n < count; n++)
		for (let i = 0; i < d; i++) {
			mean[i] += rows[n * d + i] / count;
			for (let j = 0; j < d; j++) moment[i * d + j] += (rows[n * d + i] * rows[n * d + j]) / count;
		}
	return { mean, moment };
}

function kappaOf(moment: ArrayLike<number>): number {
	const { values } = jacobiEigen(moment, 9);
	return values[0] / values[8];
}

const image = smoothImage(40, 30, 5);
const moments = patchMoments(image);
const patches = imagePatches(image);
const covEigen = jacobiEigen(covariance(moments), 9);

describe('preprocessing transforms', () => {
	it.each(PREPROCESSINGS)(
		'%s: moments from the raw moments = moments of the transformed patches',
		(name) => {
			const t = preprocessingTransform(name, moments, covEigen, 1e-5);
			const predicted = transformedMoments(moments, t);
			const direct = rowMoments(transformRows(patches, t), 9);
			const scale = Math.max(...direct.moment.map(Math.abs));
			direct.moment.forEach((v, i) =>
				expect(Math.abs(predicted.moment[i] - v)).toBeLessThan(1e-10 * scale)
			);
			direct.mean.forEach((v, i) =>
				expect(Math.abs(predicted.mean[i] - v)).toBeLessThan(1e-10 * Math.sqrt(scale))
			);
		}
	);

	it('raw255 is 255 × raw01; centred, standardised and whitened patches have mean 0', () => {
		const raw = transformRows(patches, preprocessingTransform('raw01', moments));
		const bytes = transformRows(patches, preprocessingTransform('raw255', moments));
		raw.forEach((v, i) => expect(bytes[i]).toBeCloseTo(255 * v, 9));
		for (const name of ['centred', 'standardised', 'whitened'] as const) {
			const { mean } = rowMoments(
				transformRows(patches, preprocessingTransform(name, moments, covEigen)),
				9
			);
			mean.forEach((m) => expect(Math.abs(m)).toBeLessThan(1e-12));
		}
	});

	it('standardised patches have variance 1 on average over the nine pixels (one global σ)', () => {
		const rows = transformRows(patches, preprocessingTransform('standardised', moments));
		const { moment } = rowMoments(rows, 9);
		let trace = 0;
		for (let i = 0; i < 9; i++) trace += moment[i * 9 + i];
		expect(trace / 9).toBeCloseTo(1, 10);
		// …but not per pixel: σ is global, so the pixels keep their own (unequal) variances.
		expect(Math.abs(moment[0] - moment[40])).toBeGreaterThan(1e-4);
	});

	it('ZCA with ε = 0: output covariance = identity within 1e-6', () => {
		const rows = transformRows(patches, preprocessingTransform('whitened', moments, covEigen, 0));
		const { moment } = rowMoments(rows, 9);
		for (let i = 0; i < 9; i++)
			for (let j = 0; j < 9; j++)
				expect(Math.abs(moment[i * 9 + j] - (i === j ? 1 : 0))).toBeLessThan(1e-6);
	});

	it('ZCA with ε: output covariance V diag(λ/(λ + ε)) Vᵀ, and ZCA is symmetric', () => {
		const eps = 1e-3;
		const t = preprocessingTransform('whitened', moments, covEigen, eps);
		const { moment } = rowMoments(transformRows(patches, t), 9);
		const { values, vectors } = covEigen;
		for (let i = 0; i < 9; i++)
			for (let j = 0; j < 9; j++) {
				let expected = 0;
				for (let k = 0; k < 9; k++)
					expected += (vectors[k * 9 + i] * values[k] * vectors[k * 9 + j]) / (values[k] + eps);
				expect(moment[i * 9 + j]).toBeCloseTo(expected, 9);
				expect(t.matrix[i * 9 + j]).toBeCloseTo(t.matrix[j * 9 + i], 12);
			}
	});

	it('whitened needs the covariance eigen-decomposition', () => {
		expect(() => preprocessingTransform('whitened', moments)).toThrow(/eigen/);
	});
});

describe('κ invariances, exact', () => {
	// On the patch matrices themselves (the transform applied to P, moments by plain loops) and
	// on the lab's path from the raw moments, for a synthetic image and a shipped photo.
	it('raw01 and raw255 have the same κ to 1e-9 relative; standardised has the κ of centred', () => {
		const kappa = (name: (typeof PREPROCESSINGS)[number]) =>
			kappaOf(rowMoments(transformRows(patches, preprocessingTransform(name, moments)), 9).moment);
		expect(Math.abs(kappa('raw255') / kappa('raw01') - 1)).toBeLessThan(1e-9);
		expect(Math.abs(kappa('standardised') / kappa('centred') - 1)).toBeLessThan(1e-9);
		// and centring does change it: the invariance is not a property of every transform
		expect(kappa('centred')).toBeLessThan(kappa('raw01') / 1.5);
	});

	it.each(['cat.jpg', 'brick.jpg'] as const)('%s through patchConditioning', (file) => {
		const lab = patchConditioning(patchMoments(sampleLuma(file)));
		const k = Object.fromEntries(
			PREPROCESSINGS.map((p) => {
				const c = lab[p].conditioning;
				return [p, c.ok ? c.kappa : NaN];
			})
		);
		expect(Math.abs(k.raw255 / k.raw01 - 1)).toBeLessThan(1e-9);
		expect(Math.abs(k.standardised / k.centred - 1)).toBeLessThan(1e-9);
		// only λmax (hence the usable step) scales, by 255²
		const ratio = lab.raw255.eigen.values[0] / lab.raw01.eigen.values[0];
		expect(ratio / 255 ** 2).toBeCloseTo(1, 12);
	});
});
