import { describe, expect, it } from 'vitest';
import { presetKernel, type KernelPreset } from '$lib/engine/kernelPresets';
import { separableTerms, type SeparableTerm } from '$lib/engine/separableKernel';
import { seededRandom } from '$lib/engine/seededRandom';

const SIZES = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];

/** Σ vertical ⊗ horizontal, in double precision, row-major [k, k]. */
function reconstruct(terms: SeparableTerm[], k: number): Float64Array {
	const out = new Float64Array(k * k);
	for (const { vertical, horizontal } of terms) {
		for (let i = 0; i < k; i++) {
			for (let j = 0; j < k; j++) out[i * k + j] += vertical[i] * horizontal[j];
		}
	}
	return out;
}

/** Largest |difference|, relative to the kernel's largest |weight| (the terms are float32). */
function relativeError(kernel: Float32Array, terms: SeparableTerm[], k: number): number {
	const rebuilt = reconstruct(terms, k);
	const scale = Math.max(1e-30, ...kernel.map(Math.abs));
	return Math.max(0, ...kernel.map((w, i) => Math.abs(w - rebuilt[i]))) / scale;
}

function randomKernel(k: number, seed: number): Float32Array {
	const random = seededRandom(seed);
	return Float32Array.from({ length: k * k }, () => random() * 2 - 1);
}

/** Σ of `rank` random outer products: a kernel of known rank. */
function kernelOfRank(k: number, rank: number, seed: number): Float32Array {
	const random = seededRandom(seed);
	const kernel = new Float32Array(k * k);
	for (let t = 0; t < rank; t++) {
		const u = Array.from({ length: k }, () => random() * 2 - 1);
		const v = Array.from({ length: k }, () => random() * 2 - 1);
		kernel.forEach((_, i) => (kernel[i] += u[Math.floor(i / k)] * v[i % k]));
	}
	return kernel;
}

describe('separableTerms', () => {
	it.each(SIZES.flatMap((k) => [1, 2, 3].map((seed) => [k, seed])))(
		'random %i×%i kernel (seed %i): the outer products sum back to it within 1e-6',
		(k, seed) => {
			const kernel = randomKernel(k, seed * 31 + k);
			const terms = separableTerms(kernel, k);
			expect(terms.length).toBeLessThanOrEqual(k);
			expect(relativeError(kernel, terms, k)).toBeLessThan(1e-6);
		}
	);

	it.each(SIZES.filter((k) => k > 1))(
		'%i×%i: horizontal factors are orthonormal, vertical factors shrink',
		(k) => {
			const terms = separableTerms(randomKernel(k, 7), k);
			const dot = (a: Float32Array, b: Float32Array) => a.reduce((s, x, i) => s + x * b[i], 0);
			terms.forEach((a, p) =>
				terms.forEach((b, q) =>
					expect(dot(a.horizontal, b.horizontal)).toBeCloseTo(p === q ? 1 : 0, 5)
				)
			);
			const sigma = terms.map((t) => Math.hypot(...t.vertical));
			sigma.slice(1).forEach((s, i) => expect(s).toBeLessThanOrEqual(sigma[i] + 1e-6));
		}
	);

	it.each<[KernelPreset, number[]]>([
		['identity', SIZES],
		['box', SIZES],
		['gaussian', SIZES],
		['sobel-x', SIZES.slice(1)],
		['sobel-y', SIZES.slice(1)],
		['prewitt-x', SIZES.slice(1)],
		['prewitt-y', SIZES.slice(1)]
	])('the %s preset is one term at every size', (name, sizes) => {
		for (const k of sizes) {
			const kernel = presetKernel(name, k);
			const terms = separableTerms(kernel, k);
			expect(terms, `k=${k}`).toHaveLength(1);
			expect(relativeError(kernel, terms, k)).toBeLessThan(1e-6);
		}
	});

	it.each<[string, number, Float32Array, number]>([
		['laplacian 3×3', 2, presetKernel('laplacian', 3), 3],
		['outline 3×3 (9·identity − ones)', 2, presetKernel('outline', 3), 3],
		['random 5×5', 5, randomKernel(5, 42), 5],
		['random 11×11', 11, randomKernel(11, 43), 11],
		['rank 2 by construction, 7×7', 2, kernelOfRank(7, 2, 5), 7],
		['rank 3 by construction, 9×9', 3, kernelOfRank(9, 3, 6), 9],
		['all zeros, 3×3', 0, new Float32Array(9), 3]
	])('%s has %i terms', (_name, rank, kernel, k) => {
		const terms = separableTerms(kernel, k);
		expect(terms).toHaveLength(rank);
		expect(relativeError(kernel, terms, k)).toBeLessThan(1e-6);
	});

	it('hand-checked: [[1, 2], [2, 4]] = (√5, 2√5)ᵀ (1, 2)/√5', () => {
		const [term, ...rest] = separableTerms(new Float32Array([1, 2, 2, 4]), 2);
		expect(rest).toHaveLength(0);
		// The SVD fixes each factor only up to a shared sign.
		const sign = Math.sign(term.horizontal[0]);
		expect(Array.from(term.horizontal, (x) => x * sign)).toEqual([
			expect.closeTo(1 / Math.sqrt(5), 6),
			expect.closeTo(2 / Math.sqrt(5), 6)
		]);
		expect(Array.from(term.vertical, (x) => x * sign)).toEqual([
			expect.closeTo(Math.sqrt(5), 5),
			expect.closeTo(2 * Math.sqrt(5), 5)
		]);
	});

	it('drops terms below tolerance · σmax', () => {
		// Rank 1 plus a tiny second term: σ₂/σ₁ ≈ 1e-4.
		const kernel = new Float32Array([1, 1, 1, 1 + 4e-4]);
		expect(separableTerms(kernel, 2)).toHaveLength(2);
		expect(separableTerms(kernel, 2, 1e-5)).toHaveLength(2);
		expect(separableTerms(kernel, 2, 1e-3)).toHaveLength(1);
	});

	it.each<[number, number]>([
		[8, 3],
		[9, 0],
		[4, 2.5]
	])('a kernel of length %i with k = %d is a RangeError', (length, k) => {
		const kernel = new Float32Array(length);
		expect(() => separableTerms(kernel, k)).toThrow(RangeError);
	});
});
