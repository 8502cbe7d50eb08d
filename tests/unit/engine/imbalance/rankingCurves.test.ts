import { describe, expect, it } from 'vitest';
import {
	atThreshold,
	rankingCurves,
	thinned
} from '../../../../src/lib/engine/imbalance/rankingCurves';

describe('rankingCurves', () => {
	const scores = [0.9, 0.8, 0.7, 0.6, 0.5];
	const positive = [1, 0, 1, 0, 0];
	const c = rankingCurves(scores, positive);

	it('ROC points and AUC by hand (5 of the 6 positive–negative pairs in order)', () => {
		expect(c.roc.map((p) => [p.fpr, p.tpr])).toEqual([
			[0, 0],
			[0, 0.5],
			[1 / 3, 0.5],
			[1 / 3, 1],
			[2 / 3, 1],
			[1, 1]
		]);
		expect(c.rocAuc).toBeCloseTo(5 / 6, 12);
	});

	it('PR points and average precision by hand', () => {
		expect(c.pr.map((p) => p.precision)).toEqual([1, 1 / 2, 2 / 3, 2 / 4, 2 / 5]);
		expect(c.prAuc).toBeCloseTo(0.5 * 1 + 0.5 * (2 / 3), 12);
	});

	it('a tie is one threshold and half a win', () => {
		const tied = rankingCurves([0.5, 0.5], [1, 0]);
		expect(tied.roc).toHaveLength(2);
		expect(tied.rocAuc).toBeCloseTo(0.5, 12);
	});

	it('no positives: no AUC (null, not NaN)', () => {
		const none = rankingCurves([0.2, 0.1], [0, 0]);
		expect(none.rocAuc).toBeNull();
		expect(none.prAuc).toBeNull();
	});

	it('precision and recall at a threshold; nothing called positive leaves precision undefined', () => {
		expect(atThreshold(scores, positive, 0.7)).toMatchObject({
			tp: 2,
			fp: 1,
			fn: 0,
			precision: 2 / 3,
			recall: 1
		});
		expect(atThreshold(scores, positive, 0.95)).toMatchObject({ precision: null, recall: 0 });
	});

	it('thinned keeps the ends', () => {
		const t = thinned([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], 4);
		expect(t).toEqual([0, 3, 6, 9]);
	});
});
