// The classifier runs' figures and sentences come from the worker's curves: steps to a loss below
// 0.6, the step η, λ1/λ2, and the whitening sentence only when the numbers say so.
import { describe, expect, it } from 'vitest';
import type { Preprocessing } from '$lib/engine/normalization/preprocessing';
import type { Curve } from '$lib/training/trainingView';
import {
	classifierSentences,
	runSummaries
} from '../../../src/routes/normalization/classifierRuns';

const spectra = [
	{ preprocessing: 'raw01', lambdaMax: 110, lambda2: 13.75 },
	{ preprocessing: 'raw255', lambdaMax: 7.1e6, lambda2: 8.9e5 },
	{ preprocessing: 'centred', lambdaMax: 20, lambda2: 12.5 },
	{ preprocessing: 'standardised', lambdaMax: 175, lambda2: 116 },
	{ preprocessing: 'whitened', lambdaMax: 1, lambda2: 1 }
] as const;

/** losses before steps 1…n (after 0…n−1 steps); test accuracy measured at step n */
function curves(losses: Record<Preprocessing, number[]>, accuracy: Record<Preprocessing, number>) {
	const train = (p: Preprocessing): Curve => ({
		step: losses[p].map((_, k) => k + 1),
		values: { loss: losses[p] }
	});
	const test = (p: Preprocessing): Curve => ({
		step: [losses[p].length],
		values: { accuracy: [accuracy[p]] }
	});
	return { train, test };
}

const losses: Record<Preprocessing, number[]> = {
	raw01: [2.3, 1.4, 0.9, 0.7],
	raw255: [2.3, 1.5, 1.0, 0.8],
	centred: [2.3, 0.9, 0.59, 0.5],
	standardised: [2.3, 0.8, 0.55, 0.45],
	whitened: [2.3, 0.3, 0.1, 0.05]
};

describe('classifier runs', () => {
	it('summaries: steps to < 0.6, η = rate·20/λ1, λ1/λ2, the last loss and accuracy', () => {
		const { train, test } = curves(losses, {
			raw01: 0.76,
			raw255: 0.75,
			centred: 0.81,
			standardised: 0.811,
			whitened: 0.767
		});
		const runs = runSummaries([...spectra], 0.5, train, test);
		expect(runs.map((r) => r.reached)).toEqual([null, null, 2, 2, 1]);
		expect(runs[0].step).toBeCloseTo((0.5 * 20) / 110, 12);
		expect(runs[0].ratio).toBeCloseTo(8, 12);
		expect(runs[4]).toMatchObject({ steps: 4, loss: 0.05, accuracy: 0.767, accuracyStep: 4 });
		const text = classifierSentences(runs, 4).join(' ');
		expect(text).toContain(
			'pixels in [0, 1] not within 4 steps, pixels in [0, 255] not within 4 steps, centred in 2 steps, standardised in 2 steps, ZCA-whitened in 1 step.'
		);
		expect(text).toContain('falls from 8.0 to 1.6');
		expect(text).toContain('ZCA-whitened 76.7 %');
		expect(text).toContain(
			'Whitening has the lowest training loss (0.050) but not the best test accuracy (76.7 % against 81.1 %)'
		);
	});

	it('says nothing about worse generalisation when whitening scores best', () => {
		const { train, test } = curves(losses, {
			raw01: 0.7,
			raw255: 0.7,
			centred: 0.8,
			standardised: 0.8,
			whitened: 0.85
		});
		const text = classifierSentences(runSummaries([...spectra], 1, train, test), 4).join(' ');
		expect(text).not.toContain('Wadia');
		expect(text).toContain('here also the best test accuracy');
	});

	it('before any step: what to press; no accuracy quoted before the runs are scored', () => {
		const empty = (): Curve => ({ step: [], values: {} });
		const runs = runSummaries([], 1, empty, empty);
		expect(classifierSentences(runs, 100)).toEqual([
			'Press Train: the five runs take 100 full-batch steps each, from zero weights, and are scored on every test image.'
		]);
		const { train } = curves(losses, {} as Record<Preprocessing, number>);
		const unscored = classifierSentences(runSummaries([...spectra], 1, train, empty), 4).join(' ');
		expect(unscored).not.toContain('%');
	});
});
