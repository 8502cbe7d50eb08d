/**
 * The Normalization lab's written sentences quote the lab's own values — κ per preprocessing,
 * the steps each run took, divergence exactly past lr = 1 (η = 2/λmax) — at several images,
 * targets and learning rates; a flat or too-small image gets its explanation, never NaN.
 */
import { describe, expect, it } from 'vitest';
import type { KernelPreset } from '$lib/engine/kernelPresets';
import { PREPROCESSINGS } from '$lib/engine/normalization/preprocessing';
import { kappaText } from '$lib/viz/eigenvalueChart';
import {
	analyse,
	fitSteps,
	targetKernel,
	type Analysis,
	type Fits
} from '../../../src/routes/normalization/normalizationFit';
import {
	fitSentence,
	ILL_CONDITIONED_TEXT,
	kappaSentences
} from '../../../src/routes/normalization/normalizationText';
import { sampleLuma } from '../engine/normalization/sampleLuma';

/** a seeded smooth-plus-noise image: correlated neighbours, like a photo */
function texture(width: number, height: number, seed = 3): Float32Array {
	let s = seed;
	const rand = () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
	const out = new Float32Array(width * height);
	for (let y = 0; y < height; y++)
		for (let x = 0; x < width; x++)
			out[y * width + x] = 0.5 + 0.3 * Math.sin(x / 5) * Math.cos(y / 7) + 0.05 * rand();
	return out;
}

function runAll(a: Analysis, target: KernelPreset, lr: number, iters = 20_000): Fits {
	const steps = fitSteps(a, targetKernel(target), lr, iters, () => {});
	for (;;) {
		const next = steps.next();
		if (next.done) return next.value;
	}
}

const kappaOfEigen = (a: Analysis, p: (typeof PREPROCESSINGS)[number]) => {
	const v = a[p].eigen.values;
	return kappaText(Math.max(...v) / Math.min(...v));
};

describe('normalization sentences', () => {
	const images = [
		{ name: 'texture 64²', a: analyse(texture(64, 64), 64, 64) },
		{
			name: 'cat sample',
			a: (() => {
				const l = sampleLuma('cat.jpg');
				return analyse(l.data, l.width, l.height);
			})()
		}
	];
	for (const { name, a } of images) {
		it(`quotes κ of every preprocessing as the eigenvalues give it (${name})`, () => {
			const text = kappaSentences(a).join(' ');
			for (const p of PREPROCESSINGS) expect(text).toContain(`κ = ${kappaOfEigen(a, p)}`);
			expect(text).not.toMatch(/NaN|undefined|Infinity/);
		});
		for (const [target, lr] of [
			['sobel-x', 0.5],
			['laplacian', 0.95],
			['box', 0.99]
		] as const) {
			it(`quotes each run's steps and no divergence at lr ${lr}, ${target} (${name})`, () => {
				const fits = runAll(a, target, lr, 2000);
				const text = fitSentence(fits, lr);
				for (const p of ['raw01', 'centred', 'whitened'] as const) {
					const f = fits[p];
					if (!f?.ok) throw new Error('no fit');
					expect(f.descent.diverged).toBe(false);
					expect(text).toContain(f.descent.steps.toLocaleString('en'));
				}
				expect(text).not.toMatch(/diverged|NaN/);
			});
		}
		it(`every run diverges just past lr = 1 (η > 2/λmax), none just below (${name})`, () => {
			const past = runAll(a, 'sobel-x', 1.01);
			const below = runAll(a, 'sobel-x', 0.99, 500);
			for (const p of PREPROCESSINGS) {
				expect(past[p]?.ok && past[p].descent.diverged).toBe(true);
				expect(below[p]?.ok && below[p].descent.diverged).toBe(false);
			}
			expect(fitSentence(past, 1.01)).toMatch(
				/\|1 − 2·1\.01\| = 1\.020 > 1.*\[0, 1\] diverged after/
			);
		});
	}

	it.each([0.4, 0.123])('explains a flat image (%s) instead of printing NaN', (gray) => {
		const a = analyse(new Float32Array(32 * 32).fill(gray), 32, 32);
		expect(kappaSentences(a)).toEqual([ILL_CONDITIONED_TEXT.flat]);
		const text = fitSentence(runAll(a, 'sobel-x', 0.95), 0.95);
		expect(text).toContain('no fit (κ infinite)');
		expect(text).not.toMatch(/NaN/);
	});

	it('explains an image too small for nine 3×3 patches', () => {
		const a = analyse(texture(4, 4), 4, 4);
		expect(kappaSentences(a)).toEqual([ILL_CONDITIONED_TEXT['too-small']]);
	});
});

describe('fitSteps', () => {
	it('runs to the lab cap when the iterations field is cleared (null), not to NaN', () => {
		const a = analyse(texture(32, 32), 32, 32);
		const steps = fitSteps(a, targetKernel('sobel-x'), 0.5, null as unknown as number, () => {});
		let next = steps.next();
		while (!next.done) next = steps.next();
		const fit = next.value.raw01;
		expect(fit?.ok && fit.descent.steps).toBeGreaterThan(1);
		expect(fit?.ok && Number.isFinite(fit.descent.losses[fit.descent.steps])).toBe(true);
	});
});
