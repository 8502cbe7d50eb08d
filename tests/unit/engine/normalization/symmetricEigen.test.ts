// Both eigen solvers against hand-computed 2×2 and 3×3 cases and against reconstruction
// A = V Λ Vᵀ and orthonormality VᵀV = I on random symmetric matrices (seeded).
import { describe, expect, it } from 'vitest';
import { seededNormal } from '$lib/engine/seededRandom';
import { jacobiEigen } from '$lib/engine/normalization/jacobiEigen';
import { tridiagonalEigen } from '$lib/engine/normalization/tridiagonalEigen';
import type { SymmetricEigen } from '$lib/engine/normalization/eigenTypes';

const SOLVERS = [
	['jacobi', jacobiEigen],
	['tridiagonal', tridiagonalEigen]
] as const;

/** A = BᵀB + shift·I from a seeded Gaussian B: symmetric, with a spread of eigenvalues. */
function randomSymmetric(n: number, seed: number, shift = 0): Float64Array {
	const normal = seededNormal(seed);
	const b = Array.from({ length: n * n }, normal);
	const a = new Float64Array(n * n);
	for (let i = 0; i < n; i++)
		for (let j = 0; j < n; j++) {
			let sum = i === j ? shift : 0;
			for (let k = 0; k < n; k++) sum += b[k * n + i] * b[k * n + j];
			a[i * n + j] = sum;
		}
	return a;
}

function maxAbs(values: ArrayLike<number>): number {
	let m = 0;
	for (let i = 0; i < values.length; i++) m = Math.max(m, Math.abs(values[i]));
	return m;
}

/** Largest |A − VΛVᵀ| and |VVᵀ − I| entry. */
function residuals(a: ArrayLike<number>, eig: SymmetricEigen): { rebuild: number; orth: number } {
	const { n, values, vectors } = eig;
	let rebuild = 0;
	let orth = 0;
	for (let i = 0; i < n; i++)
		for (let j = 0; j < n; j++) {
			let sum = 0;
			let dot = 0;
			for (let k = 0; k < n; k++) {
				sum += vectors[k * n + i] * values[k] * vectors[k * n + j];
				dot += vectors[i * n + k] * vectors[j * n + k];
			}
			rebuild = Math.max(rebuild, Math.abs(sum - a[i * n + j]));
			orth = Math.max(orth, Math.abs(dot - (i === j ? 1 : 0)));
		}
	return { rebuild, orth };
}

/** v and w equal up to sign. */
function expectSameDirection(v: ArrayLike<number>, w: number[]): void {
	const sign = Math.sign(Array.from(v).reduce((s, x, i) => s + x * w[i], 0));
	w.forEach((x, i) => expect(v[i] * sign).toBeCloseTo(x, 12));
}

describe.each(SOLVERS)('%s eigen-decomposition', (_, eigen) => {
	it('[[2, 1], [1, 2]]: eigenvalues 3 and 1, vectors (1, 1)/√2 and (1, −1)/√2', () => {
		const { values, vectors } = eigen([2, 1, 1, 2], 2);
		expect(values[0]).toBeCloseTo(3, 14);
		expect(values[1]).toBeCloseTo(1, 14);
		expectSameDirection(vectors.subarray(0, 2), [Math.SQRT1_2, Math.SQRT1_2]);
		expectSameDirection(vectors.subarray(2, 4), [Math.SQRT1_2, -Math.SQRT1_2]);
	});

	it('[[4, 1, 0], [1, 4, 1], [0, 1, 4]]: 4 + √2, 4, 4 − √2', () => {
		// Tridiagonal Toeplitz: λ_k = 4 + 2cos(kπ/4), v_k ∝ sin(jkπ/4).
		const { values, vectors } = eigen([4, 1, 0, 1, 4, 1, 0, 1, 4], 3);
		expect(Array.from(values)).toEqual([
			expect.closeTo(4 + Math.SQRT2, 13),
			expect.closeTo(4, 13),
			expect.closeTo(4 - Math.SQRT2, 13)
		]);
		expectSameDirection(vectors.subarray(0, 3), [0.5, Math.SQRT1_2, 0.5]);
		expectSameDirection(vectors.subarray(3, 6), [Math.SQRT1_2, 0, -Math.SQRT1_2]);
		expectSameDirection(vectors.subarray(6, 9), [0.5, -Math.SQRT1_2, 0.5]);
	});

	it('a diagonal matrix is its own decomposition, sorted largest first', () => {
		const { values } = eigen([1, 0, 0, 0, 5, 0, 0, 0, -2], 3);
		expect(Array.from(values)).toEqual([5, 1, -2]);
	});

	it('the zero matrix: all eigenvalues 0, vectors still orthonormal', () => {
		const eig = eigen(new Float64Array(16), 4);
		expect(maxAbs(eig.values)).toBe(0);
		expect(residuals(new Float64Array(16), eig).orth).toBeLessThan(1e-14);
	});

	it.each([3, 9, 20])('random n = %i: A = VΛVᵀ to 1e-10, V orthonormal', (n) => {
		const a = randomSymmetric(n, 7 + n);
		const eig = eigen(a, n);
		const { rebuild, orth } = residuals(a, eig);
		expect(rebuild).toBeLessThan(1e-10 * Math.max(1, maxAbs(a)));
		expect(orth).toBeLessThan(1e-12);
		for (let i = 1; i < n; i++) expect(eig.values[i]).toBeLessThanOrEqual(eig.values[i - 1]);
	});

	it('a rank-one matrix (a flat image’s patches): one eigenvalue, the rest 0', () => {
		const ones = new Float64Array(81).fill(0.25);
		const { values } = eigen(ones, 9);
		expect(values[0]).toBeCloseTo(9 * 0.25, 12);
		expect(maxAbs(values.subarray(1))).toBeLessThan(1e-14);
	});

	it('a rank-two 72×72 matrix (a set of two kinds of image): two eigenvalues, the rest 0', () => {
		const n = 72;
		const u = Array.from({ length: n }, (_, j) => (j % 12 < 6 ? 1 : -1) / Math.sqrt(n));
		const w = Array.from({ length: n }, (_, j) => (j < n / 2 ? 1 : -1) / Math.sqrt(n));
		expect(Math.abs(u.reduce((s, x, j) => s + x * w[j], 0))).toBeLessThan(1e-15);
		const a = new Float64Array(n * n);
		for (let i = 0; i < n; i++)
			for (let j = 0; j < n; j++) a[i * n + j] = 5 * u[i] * u[j] + 2 * w[i] * w[j];
		const eig = eigen(a, n);
		expect(eig.values[0]).toBeCloseTo(5, 12);
		expect(eig.values[1]).toBeCloseTo(2, 12);
		expect(maxAbs(eig.values.subarray(2))).toBeLessThan(1e-13);
		expectSameDirection(eig.vectors.subarray(0, n), u);
		const { rebuild, orth } = residuals(a, eig);
		expect(rebuild).toBeLessThan(1e-13);
		expect(orth).toBeLessThan(1e-12);
	});

	it('a matrix of tiny entries (1e-100 × the 3×3 case): its eigenvalues scale with it', () => {
		const tiny = 1e-100;
		const a = [4, 1, 0, 1, 4, 1, 0, 1, 4].map((x) => x * tiny);
		const { values } = eigen(a, 3);
		[4 + Math.SQRT2, 4, 4 - Math.SQRT2].forEach((v, i) =>
			expect(Math.abs(values[i] / tiny - v)).toBeLessThan(1e-12)
		);
	});

	it('a coupling of 1e-9 × the largest entry, off the tridiagonal, still turns the eigenvectors', () => {
		// axes 0 and 2 coupled by b (a tridiagonal solver must reduce it: it is not next to the
		// diagonal), axis 1 apart; the vector of λ ≈ c leans b / (c − 1) toward axis 0
		const [b, c] = [1e-9, 0.5];
		const { values, vectors } = eigen([1, 0, b, 0, 0.7, 0, b, 0, c], 3);
		expect(values[2]).toBeCloseTo(c, 12);
		const lean = vectors[6] / vectors[8];
		expect(Math.abs(lean - b / (c - 1)) / Math.abs(b / (c - 1))).toBeLessThan(1e-6);
	});

	it('rejects a matrix of the wrong size', () => {
		expect(() => eigen([1, 2, 3], 2)).toThrow(/2×2/);
	});
});

describe('the two solvers agree', () => {
	it('on a 60×60 covariance-like matrix, eigenvalue for eigenvalue', () => {
		const a = randomSymmetric(60, 3, 1e-3);
		const j = jacobiEigen(a, 60).values;
		const t = tridiagonalEigen(a, 60).values;
		for (let i = 0; i < 60; i++) expect(Math.abs(j[i] - t[i])).toBeLessThan(1e-10 * j[0]);
	});
});
