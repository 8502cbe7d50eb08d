import { describe, expect, it } from 'vitest';
import type { ConvGeometry } from '$lib/engine/convArithmetic';
import {
	KERNEL_PRESETS,
	PRESET_DESCRIPTIONS,
	PRESET_LABELS,
	presetKernel,
	type KernelPreset
} from '$lib/engine/kernelPresets';
import { naiveConvolution } from '$lib/engine/naiveConvolution';

const SIZES = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
const sum = (values: Float32Array) => values.reduce((s, v) => s + v, 0);
const absSum = (values: Float32Array) => values.reduce((s, v) => s + Math.abs(v), 0);
const transpose = (values: Float32Array, k: number) =>
	Float32Array.from(values, (_, i) => values[(i % k) * k + Math.floor(i / k)]);
const valid = (k: number): ConvGeometry => ({
	kernelSize: k,
	stride: 1,
	padding: 'valid',
	dilation: 1
});
/** n×n image whose value is f(row, col). */
const image = (n: number, f: (row: number, col: number) => number) =>
	Float32Array.from({ length: n * n }, (_, i) => f(Math.floor(i / n), i % n));

describe('labels and descriptions', () => {
	it.each(KERNEL_PRESETS.map((p) => [p]))('%s has a label and a one-sentence description', (p) => {
		expect(PRESET_LABELS[p].length).toBeGreaterThan(2);
		expect(PRESET_DESCRIPTIONS[p]).toMatch(/^[A-Z].{20,}\.$/);
	});

	it.each<[KernelPreset, string]>([
		['gaussian', 'Gaussian blur'],
		['sobel-x', 'Sobel x'],
		['log', 'Laplacian of Gaussian']
	])('%s is labelled %s', (p, label) => {
		expect(PRESET_LABELS[p]).toBe(label);
	});
});

describe('3×3 presets equal their textbook forms', () => {
	it.each<[KernelPreset, number[]]>([
		['identity', [0, 0, 0, 0, 1, 0, 0, 0, 0]],
		['sharpen', [0, -1, 0, -1, 5, -1, 0, -1, 0]],
		['sobel-x', [-1, 0, 1, -2, 0, 2, -1, 0, 1]],
		['sobel-y', [-1, -2, -1, 0, 0, 0, 1, 2, 1]],
		['prewitt-x', [-1, 0, 1, -1, 0, 1, -1, 0, 1]],
		['prewitt-y', [-1, -1, -1, 0, 0, 0, 1, 1, 1]],
		['laplacian', [0, 1, 0, 1, -4, 1, 0, 1, 0]],
		['emboss', [-2, -1, 0, -1, 1, 1, 0, 1, 2]],
		['outline', [-1, -1, -1, -1, 8, -1, -1, -1, -1]]
	])('%s', (p, expected) => {
		expect(Array.from(presetKernel(p, 3))).toEqual(expected);
	});

	it('box is 1/9 everywhere', () => {
		for (const v of presetKernel('box', 3)) expect(v).toBeCloseTo(1 / 9, 7);
	});

	it('gaussian is OpenCV getGaussianKernel(3, 0.8) squared: [0.239, 0.522, 0.239] ⊗ itself', () => {
		const g1 = [0.239, 0.522, 0.239];
		const g = presetKernel('gaussian', 3);
		for (let i = 0; i < 9; i++) expect(g[i]).toBeCloseTo(g1[Math.floor(i / 3)] * g1[i % 3], 3);
	});
});

describe('small and larger sizes', () => {
	it.each<[KernelPreset, number, number[]]>([
		['identity', 1, [1]],
		['box', 1, [1]],
		['gaussian', 1, [1]],
		['sharpen', 1, [1]],
		['emboss', 1, [1]],
		['laplacian', 1, [0]],
		['outline', 1, [0]],
		['log', 1, [0]],
		['sobel-x', 1, [0]],
		['prewitt-y', 1, [0]],
		['identity', 2, [1, 0, 0, 0]],
		['identity', 4, [0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]],
		['box', 2, [0.25, 0.25, 0.25, 0.25]],
		['gaussian', 2, [0.25, 0.25, 0.25, 0.25]],
		['sobel-x', 2, [-1, 1, -1, 1]],
		['sobel-y', 2, [-1, -1, 1, 1]],
		['prewitt-x', 2, [-1, 1, -1, 1]],
		['outline', 2, [3, -1, -1, -1]],
		['emboss', 2, [-1, 0, 0, 2]],
		['laplacian', 2, [-4, 2, 2, 0]]
	])('%s at k=%i is %j', (p, k, expected) => {
		const kernel = Array.from(presetKernel(p, k));
		expect(kernel).toHaveLength(expected.length);
		kernel.forEach((v, i) => expect(v).toBeCloseTo(expected[i], 6));
	});

	it("sobel-x at k=5 is OpenCV's [1,4,6,4,1]ᵀ ⊗ [−1,−2,0,2,1]", () => {
		const smooth = [1, 4, 6, 4, 1];
		const diff = [-1, -2, 0, 2, 1];
		const expected = smooth.flatMap((s) => diff.map((d) => s * d));
		expect(Array.from(presetKernel('sobel-x', 5))).toEqual(expected);
	});

	it('laplacian at k=5 spreads +4 over the 12 taps of the radius-2 disk', () => {
		const lap = presetKernel('laplacian', 5);
		const disk = [2, 6, 7, 8, 10, 11, 13, 14, 16, 17, 18, 22];
		lap.forEach((v, i) => expect(v).toBeCloseTo(i === 12 ? -4 : disk.includes(i) ? 1 / 3 : 0, 6));
	});

	it('outline at k=5 is 24 at the centre and −1 elsewhere', () => {
		expect(Array.from(presetKernel('outline', 5))).toEqual(
			Array.from({ length: 25 }, (_, i) => (i === 12 ? 24 : -1))
		);
	});
});

describe('every preset at every size 1..11', () => {
	const all = KERNEL_PRESETS.flatMap((p) => SIZES.map((k) => [p, k] as const));

	it.each(all)('%s k=%i: k² finite weights, not all zero unless documented', (p, k) => {
		const kernel = presetKernel(p, k);
		expect(kernel).toBeInstanceOf(Float32Array);
		expect(kernel).toHaveLength(k * k);
		expect(kernel.every(Number.isFinite)).toBe(true);
		const allowedZero =
			k === 1 &&
			['laplacian', 'outline', 'log', 'sobel-x', 'sobel-y', 'prewitt-x', 'prewitt-y'].includes(p);
		if (!allowedZero) expect(absSum(kernel)).toBeGreaterThan(0);
	});

	it.each(SIZES)('k=%i: blurs, identity, sharpen and emboss sum to 1', (k) => {
		for (const p of ['identity', 'box', 'gaussian', 'sharpen', 'emboss'] as const) {
			expect(sum(presetKernel(p, k)), p).toBeCloseTo(1, 5);
		}
	});

	it.each(SIZES)('k=%i: edge and second-derivative kernels sum to 0', (k) => {
		for (const p of [
			'laplacian',
			'log',
			'outline',
			'sobel-x',
			'sobel-y',
			'prewitt-x',
			'prewitt-y'
		] as const) {
			const kernel = presetKernel(p, k);
			expect(Math.abs(sum(kernel)), p).toBeLessThanOrEqual(1e-5 * Math.max(1, absSum(kernel)));
		}
	});

	it.each(SIZES)('k=%i: gaussian is symmetric and peaks in the middle', (k) => {
		const g = presetKernel('gaussian', k);
		const flipped = Float32Array.from(g).reverse();
		g.forEach((v, i) => {
			expect(v).toBeCloseTo(flipped[i], 7);
			expect(v).toBeCloseTo(transpose(g, k)[i], 7);
		});
		const mid = Math.floor((k - 1) / 2);
		expect(g[mid * k + mid]).toBe(Math.max(...g));
	});

	it.each(SIZES)('k=%i: y derivatives are the transposes of x derivatives', (k) => {
		expect(presetKernel('sobel-y', k)).toEqual(transpose(presetKernel('sobel-x', k), k));
		expect(presetKernel('prewitt-y', k)).toEqual(transpose(presetKernel('prewitt-x', k), k));
	});

	it.each(SIZES)(
		'k=%i: laplacian and log have a −4 / most-negative anchor, positive weights sum to 4',
		(k) => {
			if (k === 1) return;
			const a = Math.floor((k - 1) / 2);
			for (const p of ['laplacian', 'log'] as const) {
				const kernel = presetKernel(p, k);
				expect(kernel[a * k + a], p).toBe(Math.min(...kernel));
				expect(
					kernel.filter((v) => v > 0).reduce((s, v) => s + v, 0),
					p
				).toBeCloseTo(4, 5);
			}
			expect(presetKernel('laplacian', k)[a * k + a]).toBe(-4);
		}
	);
});

describe('what the kernels respond to (naive convolution on synthetic images)', () => {
	const n = 14;
	const rightRamp = image(n, (_r, c) => c);
	const downRamp = image(n, (r) => r);
	const flat = image(n, () => 0.7);

	it.each(SIZES.filter((k) => k > 1))(
		'k=%i: x kernels positive on a left-to-right ramp, y kernels 0',
		(k) => {
			for (const p of ['sobel-x', 'prewitt-x'] as const) {
				const out = naiveConvolution(rightRamp, n, n, presetKernel(p, k), valid(k)).data;
				expect(Math.min(...out), p).toBeGreaterThan(0);
			}
			for (const p of ['sobel-y', 'prewitt-y'] as const) {
				const out = naiveConvolution(rightRamp, n, n, presetKernel(p, k), valid(k)).data;
				for (const v of out) expect(Math.abs(v), p).toBeLessThan(1e-3);
			}
			const down = naiveConvolution(downRamp, n, n, presetKernel('sobel-y', k), valid(k)).data;
			expect(Math.min(...down)).toBeGreaterThan(0);
		}
	);

	it.each(SIZES)('k=%i: zero-sum kernels give 0 on a flat image, unit-sum ones keep it', (k) => {
		for (const p of KERNEL_PRESETS.filter((q) => q !== 'random')) {
			const out = naiveConvolution(flat, n, n, presetKernel(p, k), valid(k)).data;
			const expected = 0.7 * sum(presetKernel(p, k));
			for (const v of out) expect(v, p).toBeCloseTo(expected, 4);
		}
	});

	it.each([3, 5, 7, 9, 11])(
		'k=%i: laplacian and log ignore a linear ramp (odd k is symmetric)',
		(k) => {
			const ramp = image(n, (r, c) => 0.3 * r + 0.1 * c);
			for (const p of ['laplacian', 'log'] as const) {
				const out = naiveConvolution(ramp, n, n, presetKernel(p, k), valid(k)).data;
				for (const v of out) expect(Math.abs(v), p).toBeLessThan(1e-4);
			}
		}
	);

	it('identity reproduces the image at its anchor (k=4, valid)', () => {
		const input = image(6, (r, c) => r * 10 + c);
		const out = naiveConvolution(input, 6, 6, presetKernel('identity', 4), valid(4));
		// out[y][x] reads input[y + 1][x + 1]: the anchor is at (1, 1).
		expect(Array.from(out.data)).toEqual([11, 12, 13, 21, 22, 23, 31, 32, 33]);
	});
});

describe('random preset', () => {
	it('is deterministic per (k, seed), default seed 1', () => {
		expect(presetKernel('random', 5, 9)).toEqual(presetKernel('random', 5, 9));
		expect(presetKernel('random', 5)).toEqual(presetKernel('random', 5, 1));
		expect(presetKernel('random', 5, 2)).not.toEqual(presetKernel('random', 5, 1));
	});

	it('has He-like scale sqrt(2/k²)', () => {
		const k = 11;
		const values = Array.from({ length: 40 }, (_, seed) =>
			Array.from(presetKernel('random', k, seed))
		).flat();
		const mean = values.reduce((s, v) => s + v, 0) / values.length;
		const std = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length);
		expect(Math.abs(mean)).toBeLessThan(0.01);
		expect(std / (Math.SQRT2 / k)).toBeGreaterThan(0.93);
		expect(std / (Math.SQRT2 / k)).toBeLessThan(1.07);
	});
});

describe('errors', () => {
	it.each([0, 12, 2.5, NaN, -3])('k=%s is a RangeError', (k) => {
		expect(() => presetKernel('box', k)).toThrow(RangeError);
		expect(() => presetKernel('box', k)).toThrow(/kernel size must be an integer from 1 to 11/);
	});

	it('an unknown preset name is a RangeError', () => {
		expect(() => presetKernel('blur' as KernelPreset, 3)).toThrow(/unknown kernel preset: blur/);
	});
});
