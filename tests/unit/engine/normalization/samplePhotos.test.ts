// The figures, as orderings and ranges, on the eight shipped sample photos through the
// app's own pipeline (decode → composite over white → luma → every 3×3 patch): centring
// shrinks κ 1.5–25× (the NumPy reference: 1.8–22×, median ≈ 4×), ZCA brings κ to
// ≤ 1.1 on most samples, and gradient descent at each preprocessing's optimal step needs
// raw > centred > whitened iterations, the learned kernel converging to the target.
import { describe, expect, it } from 'vitest';
import { fitFilter, type FilterFit } from '$lib/engine/normalization/filterFit';
import { patchConditioning } from '$lib/engine/normalization/patchConditioning';
import { patchMoments } from '$lib/engine/normalization/patchMoments';
import { PREPROCESSINGS, type Preprocessing } from '$lib/engine/normalization/preprocessing';
import { SAMPLES, sampleLuma } from './sampleLuma';

const SOBEL_X = [-1, 0, 1, -2, 0, 2, -1, 0, 1];

interface Row {
	kappa: Record<Preprocessing, number>;
	fits: Record<Preprocessing, FilterFit>;
}

const rows = new Map<string, Row>();
for (const file of SAMPLES) {
	const lab = patchConditioning(patchMoments(sampleLuma(file)));
	const kappa = {} as Record<Preprocessing, number>;
	const fits = {} as Record<Preprocessing, FilterFit>;
	for (const p of PREPROCESSINGS) {
		const c = lab[p].conditioning;
		if (!c.ok) throw new Error(`${file} ${p}: ${c.reason}`);
		kappa[p] = c.kappa;
		const fit = fitFilter(lab[p], SOBEL_X);
		if (!fit.ok) throw new Error(`${file} ${p}: ${fit.reason}`);
		fits[p] = fit;
	}
	rows.set(file, { kappa, fits });
}

const median = (v: number[]) => {
	const s = [...v].sort((a, b) => a - b);
	return (s[(s.length - 1) >> 1] + s[s.length >> 1]) / 2;
};

describe('the eight sample photos', () => {
	it.each(SAMPLES)(
		'%s: κ raw01 = raw255, standardised = centred, centred 1.5–25× below raw',
		(file) => {
			const { kappa } = rows.get(file)!;
			expect(Math.abs(kappa.raw255 / kappa.raw01 - 1)).toBeLessThan(1e-9);
			expect(Math.abs(kappa.standardised / kappa.centred - 1)).toBeLessThan(1e-9);
			const shrink = kappa.raw01 / kappa.centred;
			expect(shrink).toBeGreaterThan(1.5);
			expect(shrink).toBeLessThan(25);
			expect(kappa.whitened).toBeLessThan(2.5);
		}
	);

	it('centring shrinks κ about 4× (median 3–6×); whitened κ ≤ 1.1 on at least 6 of 8', () => {
		const all = [...rows.values()];
		expect(median(all.map((r) => r.kappa.raw01 / r.kappa.centred))).toBeGreaterThan(3);
		expect(median(all.map((r) => r.kappa.raw01 / r.kappa.centred))).toBeLessThan(6);
		expect(all.filter((r) => r.kappa.whitened <= 1.1).length).toBeGreaterThanOrEqual(6);
	});

	it.each(SAMPLES)('%s: iterations raw ≥ centred > whitened (raw capped at 20,000)', (file) => {
		const { fits } = rows.get(file)!;
		const steps = (p: Preprocessing) => fits[p].descent.steps;
		expect(steps('raw01')).toBeGreaterThan(steps('centred'));
		expect(steps('raw255')).toBe(steps('raw01'));
		expect(steps('centred')).toBeGreaterThan(steps('whitened'));
		expect(steps('whitened')).toBeLessThanOrEqual(10);
		for (const p of ['centred', 'standardised', 'whitened'] as const)
			expect(fits[p].descent.converged).toBe(true);
		// never more than the worst case the theory allows, (κ/2)·ln(1/ε) (+ a step)
		for (const p of PREPROCESSINGS)
			if (fits[p].descent.converged)
				expect(steps(p)).toBeLessThanOrEqual(fits[p].predictedSteps + 1);
	});

	it('median iterations: thousands raw, fewer centred, a handful whitened', () => {
		const all = [...rows.values()];
		const m = (p: Preprocessing) => median(all.map((r) => r.fits[p].descent.steps));
		expect(m('raw01')).toBeGreaterThan(5000);
		expect(m('centred')).toBeLessThan(m('raw01') / 2);
		expect(m('centred')).toBeGreaterThan(500);
		expect(m('whitened')).toBeLessThanOrEqual(3);
	});

	it.each(SAMPLES)('%s: every converged run’s kernel is the Sobel target within 1e-2', (file) => {
		for (const fit of Object.values(rows.get(file)!.fits)) {
			expect(Array.from(fit.minimiser).every(Number.isFinite)).toBe(true);
			if (!fit.descent.converged) continue;
			fit.kernel.forEach((v, i) => expect(Math.abs(v - SOBEL_X[i])).toBeLessThan(1e-2));
			expect(fit.descent.losses.at(-1)!).toBeLessThan(1e-5 * fit.descent.losses[0]);
		}
	});
});
