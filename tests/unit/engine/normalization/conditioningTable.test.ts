// The "Conditioning table" export: the contract's header, one row per preprocessing in order,
// numbers that parse back to the lab's own values, and empty cells (not NaN) without κ.
import { describe, expect, it } from 'vitest';
import { conditioningTableCsv } from '$lib/engine/normalization/conditioningTable';
import { fitFilter } from '$lib/engine/normalization/filterFit';
import { patchConditioning } from '$lib/engine/normalization/patchConditioning';
import { patchMoments } from '$lib/engine/normalization/patchMoments';
import { PREPROCESSINGS } from '$lib/engine/normalization/preprocessing';
import { seededRandom } from '$lib/engine/seededRandom';

const SOBEL_X = [-1, 0, 1, -2, 0, 2, -1, 0, 1];

describe('conditioningTableCsv', () => {
	it('header, five named rows, values that parse back', () => {
		const random = seededRandom(8);
		const img = { data: Float32Array.from({ length: 30 * 30 }, random), width: 30, height: 30 };
		const lab = patchConditioning(patchMoments(img));
		const fits = Object.fromEntries(PREPROCESSINGS.map((p) => [p, fitFilter(lab[p], SOBEL_X)]));
		const lines = conditioningTableCsv(lab, fits).trim().split('\n');
		expect(lines[0]).toBe('preprocessing,lambda_max,lambda_min,kappa,best_lr,iterations');
		expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual([
			'raw01',
			'raw255',
			'centred',
			'standardised',
			'whitened'
		]);
		lines.slice(1).forEach((line, i) => {
			const [, lmax, lmin, kappa, lr, steps] = line.split(',').map(Number);
			const p = PREPROCESSINGS[i];
			const c = lab[p].conditioning;
			if (!c.ok) throw new Error(c.reason);
			expect(lmax).toBe(c.lambdaMax);
			expect(lmin).toBe(c.lambdaMin);
			expect(kappa).toBeCloseTo(lmax / lmin, 9);
			expect(lr).toBeCloseTo(2 / (lmax + lmin), 12);
			const fit = fits[p];
			expect(fit.ok && steps).toBe(fit.ok && fit.descent.steps);
		});
	});

	it('a flat image: rows with empty cells, no NaN or Infinity', () => {
		const flat = { data: new Float32Array(100).fill(0.3), width: 10, height: 10 };
		const csv = conditioningTableCsv(patchConditioning(patchMoments(flat)));
		expect(csv).not.toMatch(/NaN|Infinity/);
		expect(csv.trim().split('\n').slice(1)).toEqual(PREPROCESSINGS.map((p) => `${p},,,,,`));
	});
});
