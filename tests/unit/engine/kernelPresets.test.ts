import { describe, expect, it } from 'vitest';
import type { ConvGeometry } from '$lib/engine/convArithmetic';
import {
	KERNEL_PRESETS,
	PRESET_DESCRIPTIONS,
	PRESET_LABELS,
	presetKernel,
	type KernelPreset
} from '$lib/engine/kernelPresets';
import { CUSTOM_KERNEL_INFO, PRESET_INFO, presetSizeNote } from '$lib/engine/kernelPresetInfo';
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
	it('the preset names (the URL values) keep their order', () => {
		expect(KERNEL_PRESETS).toEqual([
			'identity',
			'box',
			'gaussian',
			'sharpen',
			'sobel-x',
			'sobel-y',
			'prewitt-x',
			'prewitt-y',
			'laplacian',
			'log',
			'emboss',
			'outline',
			'random'
		]);
	});

	it.each(KERNEL_PRESETS.map((p) => [p]))('%s says what it detects', (p) => {
		expect(PRESET_INFO[p].detects).toMatch(/^[A-Z].{60,}\.$/);
	});

	it('every preset detects something different', () => {
		const texts = new Set(KERNEL_PRESETS.map((p) => PRESET_INFO[p].detects));
		expect(texts.size).toBe(KERNEL_PRESETS.length);
		expect(texts.has(CUSTOM_KERNEL_INFO.detects)).toBe(false);
	});

	it.each<[KernelPreset, number, RegExp | null]>([
		['sobel-x', 3, null],
		['sobel-x', 11, null],
		['sobel-x', 1, /all zeros/],
		['identity', 1, null],
		['laplacian', 2, /tap \(1, 1\).*1×1 preset fits around it: all zeros/],
		['sharpen', 2, /1×1 preset fits around it: the identity/],
		['sharpen', 4, /tap \(2, 2\).*3×3 preset centred there, with a zero last row and column/],
		['gaussian', 6, /tap \(3, 3\).*half a pixel up-left/],
		['identity', 8, /tap \(4, 4\).*output still equals the input/]
	])('size note for %s at k=%i', (p, k, expected) => {
		const note = presetSizeNote(p, k);
		if (expected === null) expect(note).toBeNull();
		else expect(note).toMatch(expected);
	});

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
		// k = 2 derivatives: the raw [−1, 1] rows, scaled so a unit step gives 4 (Sobel), 3 (Prewitt)
		['sobel-x', 2, [-2, 2, -2, 2]],
		['sobel-y', 2, [-2, -2, 2, 2]],
		['prewitt-x', 2, [-1.5, 1.5, -1.5, 1.5]],
		// centre-tap presets at k = 2 are their 1×1 versions at the anchor (top-left)
		['sharpen', 2, [1, 0, 0, 0]],
		['emboss', 2, [1, 0, 0, 0]],
		['outline', 2, [0, 0, 0, 0]],
		['laplacian', 2, [0, 0, 0, 0]],
		['log', 2, [0, 0, 0, 0]],
		// k = 4: the 3×3 preset with a zero last row and column
		['sharpen', 4, [0, -1, 0, 0, -1, 5, -1, 0, 0, -1, 0, 0, 0, 0, 0, 0]],
		['laplacian', 4, [0, 1, 0, 0, 1, -4, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0]],
		['outline', 4, [-1, -1, -1, 0, -1, 8, -1, 0, -1, -1, -1, 0, 0, 0, 0, 0]],
		['emboss', 4, [-2, -1, 0, 0, -1, 1, 1, 0, 0, 1, 2, 0, 0, 0, 0, 0]],
		// k = 4 Sobel x: [1, 3, 3, 1]ᵀ ⊗ [−1, −1, 1, 1] has positive sum 16, so ÷ 4
		[
			'sobel-x',
			4,
			[
				-0.25, -0.25, 0.25, 0.25, -0.75, -0.75, 0.75, 0.75, -0.75, -0.75, 0.75, 0.75, -0.25, -0.25,
				0.25, 0.25
			]
		],
		// k = 5 outline: 8 at the centre, −8/24 elsewhere
		['outline', 5, Array.from({ length: 25 }, (_, i) => (i === 12 ? 8 : -1 / 3))],
		// k = 5 emboss: ramp r + c − 4 has positive sum 1·4 + 2·3 + 3·2 + 4·1 = 20, so × 4/20
		[
			'emboss',
			5,
			Array.from({ length: 25 }, (_, i) => {
				const r = Math.floor(i / 5);
				const c = i % 5;
				return (r + c - 4) * 0.2 + (i === 12 ? 1 : 0);
			})
		]
	])('%s at k=%i is %j', (p, k, expected) => {
		const kernel = Array.from(presetKernel(p, k));
		expect(kernel).toHaveLength(expected.length);
		kernel.forEach((v, i) => expect(v).toBeCloseTo(expected[i], 6));
	});

	// OpenCV's getDerivKernels shapes, scaled so the positive weights (the unit-step answer) sum
	// to 4 as in the 3×3 Sobel: smoothing sum × positive half of the difference.
	it.each<[number, number[], number[], number]>([
		// 16 × (2 + 1) = 48
		[5, [1, 4, 6, 4, 1], [-1, -2, 0, 2, 1], 48],
		// 64 × (5 + 4 + 1) = 640
		[7, [1, 6, 15, 20, 15, 6, 1], [-1, -4, -5, 0, 5, 4, 1], 640],
		// C(10, j) sums to 1024; C(9, j − 1) − C(9, j) has positive half 42 + 48 + 27 + 8 + 1 = 126
		[
			11,
			[1, 10, 45, 120, 210, 252, 210, 120, 45, 10, 1],
			[-1, -8, -27, -48, -42, 0, 42, 48, 27, 8, 1],
			129024
		]
	])('sobel-x at k=%i is smoothing ⊗ difference × 4 / %j', (k, smooth, diff, positive) => {
		const expected = smooth.flatMap((s) => diff.map((d) => (4 * s * d) / positive));
		const kernel = presetKernel('sobel-x', k);
		expected.forEach((v, i) => expect(kernel[i]).toBeCloseTo(v, 6));
	});

	it('sobel-x at k=11 stays small: the largest weight is 252 · 48 · 4 / 129024 = 0.375', () => {
		expect(Math.max(...presetKernel('sobel-x', 11))).toBeCloseTo(0.375, 6);
	});

	it('prewitt-x at k=5 is rows of [−1, −2, 0, 2, 1] / 5 (positive sum 5 × 3 → 3)', () => {
		const kernel = presetKernel('prewitt-x', 5);
		const row = [-0.2, -0.4, 0, 0.4, 0.2];
		kernel.forEach((v, i) => expect(v).toBeCloseTo(row[i % 5], 6));
	});

	it('laplacian at k=5 spreads +4 over the 12 taps of the radius-2 disk', () => {
		const lap = presetKernel('laplacian', 5);
		const disk = [2, 6, 7, 8, 10, 11, 13, 14, 16, 17, 18, 22];
		lap.forEach((v, i) => expect(v).toBeCloseTo(i === 12 ? -4 : disk.includes(i) ? 1 / 3 : 0, 6));
	});
});

describe('every preset at every size 1..11', () => {
	const all = KERNEL_PRESETS.flatMap((p) => SIZES.map((k) => [p, k] as const));

	it.each(all)('%s k=%i: k² finite weights, not all zero unless documented', (p, k) => {
		const kernel = presetKernel(p, k);
		expect(kernel).toBeInstanceOf(Float32Array);
		expect(kernel).toHaveLength(k * k);
		expect(kernel.every(Number.isFinite)).toBe(true);
		// k = 1 cannot compare neighbours; k = 2 centre-tap kernels are their 1×1 versions
		const allowedZero =
			(k === 1 &&
				['laplacian', 'outline', 'log', 'sobel-x', 'sobel-y', 'prewitt-x', 'prewitt-y'].includes(
					p
				)) ||
			(k === 2 && ['laplacian', 'outline', 'log'].includes(p));
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

	it.each([3, 4, 5, 6, 7, 8, 9, 10, 11])(
		'k=%i: laplacian and log have a −4 / most-negative anchor, positive weights sum to 4',
		(k) => {
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

describe('the Laplacian of Gaussian is a Mexican hat at every odd k', () => {
	/** The continuous hat −(1 − r²/2σ²)·exp(−r²/2σ²), written out here: its sign at radius r. */
	const hatSign = (r: number, sigma: number) => Math.sign(-(1 - (r * r) / (2 * sigma * sigma)));

	it.each([3, 5, 7, 9, 11])(
		'k=%i: negative centre, positive ring; along the middle row it rises from the centre to a peak and (k ≥ 5) the ring is inside the kernel',
		(k) => {
			const kernel = presetKernel('log', k);
			const a = (k - 1) / 2;
			const row = Array.from({ length: k }, (_, c) => kernel[a * k + c]);
			expect(row[a]).toBeLessThan(0);
			// the ring: the middle row's outermost tap is positive (the kernel reaches the ring)
			expect(row[0]).toBeGreaterThan(0);
			expect(row[k - 1]).toBeGreaterThan(0);
			// rising from the centre to the ring's peak: the peak is not at the centre
			const peak = row.indexOf(Math.max(...row));
			expect(Math.abs(peak - a)).toBeGreaterThanOrEqual(1);
			for (let c = a; c < k - 1 && c < a + Math.abs(peak - a); c++)
				expect(row[c + 1]).toBeGreaterThan(row[c]);
			// symmetric under the kernel's 8 symmetries
			for (let r = 0; r < k; r++)
				for (let c = 0; c < k; c++) {
					expect(kernel[r * k + c]).toBeCloseTo(kernel[c * k + r], 6);
					expect(kernel[r * k + c]).toBeCloseTo(kernel[(k - 1 - r) * k + c], 6);
				}
			// the hat's zero crossing √2·σ lies inside the kernel's radius
			expect(hatSign(a, a / 2)).toBe(1);
		}
	);

	it('k=3: the 4 sides outweigh the corners (a centre-surround, not a diagonal Laplacian)', () => {
		const kernel = presetKernel('log', 3);
		const [corner, side, centre] = [kernel[0], kernel[1], kernel[4]];
		expect(centre).toBeLessThan(0);
		expect(side).toBeGreaterThan(corner);
		expect(corner).toBeGreaterThan(0);
		expect(presetSizeNote('log', 3)).toContain('Mexican hat');
	});
});

describe('the scaling rule: the 3×3 response at every size', () => {
	const n = 15;
	/** 0 left of column 7, 1 from column 7 on: a unit step. */
	const step = image(n, (_r, c) => (c >= 7 ? 1 : 0));
	const dot = image(n, (r, c) => (r === 7 && c === 7 ? 1 : 0));

	it.each(SIZES.filter((k) => k > 1))(
		'k=%i: a unit step gives at most 4 with Sobel and 3 with Prewitt, in x and y',
		(k) => {
			for (const [p, expected, input] of [
				['sobel-x', 4, step],
				['prewitt-x', 3, step],
				['sobel-y', 4, transpose(step, n)],
				['prewitt-y', 3, transpose(step, n)]
			] as const) {
				const out = naiveConvolution(input, n, n, presetKernel(p, k), valid(k)).data;
				expect(Math.max(...out), p).toBeCloseTo(expected, 5);
				expect(Math.min(...out), p).toBeGreaterThanOrEqual(-1e-6);
			}
		}
	);

	it.each([3, 4, 5, 6, 7, 8, 9, 10, 11])(
		'k=%i: a single dot under the output pixel gives −4 (laplacian), 5 (sharpen), 8 (outline)',
		(k) => {
			// valid: out[y][x] reads input[y + m][x + n], so the dot at 7 is under the anchor at y = 7 − a
			const a = Math.floor((k - 1) / 2);
			const at = (7 - a) * (n - k + 1) + (7 - a);
			for (const [p, expected] of [
				['laplacian', -4],
				['sharpen', 5],
				['outline', 8],
				['identity', 1]
			] as const) {
				const out = naiveConvolution(dot, n, n, presetKernel(p, k), valid(k)).data;
				expect(out[at], p).toBeCloseTo(expected, 5);
			}
		}
	);

	it.each(SIZES)('k=%i: no preset weight is larger than 8 (outputs stay readable)', (k) => {
		for (const p of KERNEL_PRESETS) {
			expect(Math.max(...Array.from(presetKernel(p, k), Math.abs)), p).toBeLessThanOrEqual(8);
		}
	});
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
