/**
 * The imbalance lab's recall history: evaluations of one run collected by step, a new run on a new
 * setting or a reset, the chart's series, and the sentence, which must quote the history's own
 * numbers (hand-made evaluations).
 */
import { describe, expect, it } from 'vitest';
import type { Results } from '../../../src/routes/imbalance/imbalanceResults';
import type { Variant } from '../../../src/routes/imbalance/lab';
import {
	addEvaluation,
	EMPTY_HISTORY,
	historySentence,
	historySeries,
	type RecallHistory
} from '../../../src/routes/imbalance/recallHistory';

const RARE = 6;

/** An evaluation whose variants have these rare-class recalls (null: no test image of the class). */
function res(
	step: number,
	recalls: Partial<Record<Variant, number | null>>,
	ratio = 10,
	recipe = 'adam'
): Results {
	return {
		step,
		epoch: 0,
		rareClass: RARE,
		recipe,
		counts: [600, 600, 600, 600, 600, 600, Math.round(600 / ratio), 600, 600, 600],
		variants: Object.entries(recalls).map(([variant, recall]) => ({
			variant: variant as Variant,
			summary: {
				perClass: Array.from({ length: 10 }, (_, c) => ({ recall: c === RARE ? recall : 0.9 }))
			}
		}))
	} as unknown as Results;
}

const run = (...evaluations: Results[]): RecallHistory =>
	evaluations.reduce(addEvaluation, EMPTY_HISTORY);

describe('the recall history', () => {
	it('keeps one point per step, in order; a repeated step replaces its point', () => {
		const h = run(
			res(0, { baseline: 0, 'logit-adjustment': 0.1 }),
			res(100, { baseline: 0.01, 'logit-adjustment': 0.2 }),
			res(100, { baseline: 0.02, 'logit-adjustment': 0.25 }),
			res(200, { baseline: 0.03, 'logit-adjustment': 0.3 })
		);
		expect(h.points.map((p) => p.step)).toEqual([0, 100, 200]);
		expect(h.points[1].recall).toEqual({ baseline: 0.02, 'logit-adjustment': 0.25 });
	});

	it('starts again on a reset (a lower step) and on a new setting (ratio, recipe, variants)', () => {
		const h = run(res(0, { baseline: 0 }), res(100, { baseline: 0.1 }));
		expect(addEvaluation(h, res(0, { baseline: 0 })).points).toHaveLength(1);
		expect(addEvaluation(h, res(200, { baseline: 0.1 }, 50)).points).toHaveLength(1);
		expect(addEvaluation(h, res(200, { baseline: 0.1 }, 10, 'sgd')).points).toHaveLength(1);
		expect(addEvaluation(h, res(200, { baseline: 0.1, oversampling: 0.3 })).points).toHaveLength(1);
		expect(addEvaluation(h, res(200, { baseline: 0.2 })).points).toHaveLength(3);
		// logit adjustment switched on is the same run (no retraining): its line starts there
		const adjusted = addEvaluation(h, res(100, { baseline: 0.1, 'logit-adjustment': 0.3 }));
		expect(adjusted.points).toHaveLength(2);
		expect(historySeries(adjusted)[1]).toMatchObject({ variant: 'logit-adjustment' });
		expect(historySeries(adjusted)[1].y[1]).toBe(0.3);
		expect(Number.isNaN(historySeries(adjusted)[1].y[0])).toBe(true);
	});

	it('gives one series per variant in the lab’s order, a gap where recall is undefined', () => {
		const h = run(
			res(0, { baseline: 0, oversampling: 0, 'logit-adjustment': 0 }),
			res(100, { baseline: null, oversampling: 0.4, 'logit-adjustment': 0.2 })
		);
		const series = historySeries(h);
		expect(series.map((s) => s.variant)).toEqual(['baseline', 'oversampling', 'logit-adjustment']);
		expect(series[1]).toMatchObject({ name: 'Oversampling', x: [0, 100], y: [0, 0.4] });
		expect(Number.isNaN(series[0].y[1])).toBe(true);
	});

	it('says which remedy led first and last, with the history’s own numbers', () => {
		expect(historySentence(run(res(0, { baseline: 0 }), res(100, { baseline: 0.1 })), RARE)).toBe(
			null
		);
		const overtaken = run(
			res(0, { baseline: 0, 'class-weights': 0, oversampling: 0, 'logit-adjustment': 0 }),
			res(100, { baseline: 0, 'class-weights': 0.3, oversampling: 0.35, 'logit-adjustment': 0.2 }),
			res(860, {
				baseline: 0.04,
				'class-weights': 0.38,
				oversampling: 0.33,
				'logit-adjustment': 0.46
			})
		);
		const sentence = historySentence(overtaken, RARE)!;
		expect(sentence).toContain('At step 100 oversampling found the most Shirt images (35.0 %)');
		expect(sentence).toContain('at step 860 logit adjustment does (46.0 %)');
		expect(sentence).toContain(
			'came third of 3 at step 100 (20.0 %) and first of 3 at step 860 (46.0 %)'
		);
		expect(sentence).toContain('Shirt recall went from 0.0 % to 4.0 %');
		// the same leader at both ends is said so, without claiming it led in between; the
		// baseline is not a remedy, even where it finds the most
		const same = run(
			res(100, { baseline: 0, oversampling: 0.3 }),
			res(200, { baseline: 0.5, oversampling: 0.4 })
		);
		expect(historySentence(same, RARE)).toBe(
			'Oversampling found the most Shirt images both at step 100 (30.0 %) and at step 200 (40.0 %).'
		);
	});
});
