import { describe, expect, it } from 'vitest';
import {
	atThreshold,
	descendingOrder,
	rankingCurves,
	thinned
} from '../../../../src/lib/engine/imbalance/rankingCurves';
import { seededRandom } from '../../../../src/lib/engine/seededRandom';

/** The curves by the definition, with a plain comparator sort: the reference for the fast sort. */
function naiveCurves(scores: number[], positive: boolean[]) {
	const order = scores.map((_, i) => i).sort((a, b) => scores[b] - scores[a]);
	const P = positive.filter(Boolean).length;
	const N = scores.length - P;
	const roc = [[0, 0]];
	let [tp, fp] = [0, 0];
	for (let i = 0; i < order.length;) {
		const t = scores[order[i]];
		while (i < order.length && scores[order[i]] === t) {
			if (positive[order[i++]]) tp++;
			else fp++;
		}
		roc.push([fp / N, tp / P]);
	}
	return roc;
}

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

	it('float32 scores (the fast packed sort) give the comparator sort’s curves: ties, ±0, negatives', () => {
		const random = seededRandom(5);
		// 3,000 scores on a coarse grid (many ties), half of them negative, with −0 and +0 among them
		const values = Array.from({ length: 3000 }, () => Math.round((random() * 2 - 1) * 40) / 20);
		values[7] = -0;
		values[8] = 0;
		const scores = Float32Array.from(values);
		const positive = values.map(() => random() < 0.2);
		const fast = rankingCurves(scores, positive);
		const reference = naiveCurves(Array.from(scores), positive);
		expect(fast.roc.map((p) => [p.fpr, p.tpr])).toEqual(reference);
		// the same as the plain-array path, to the last bit
		const slow = rankingCurves(Array.from(scores), positive);
		expect(fast.rocAuc).toBe(slow.rocAuc);
		expect(fast.prAuc).toBe(slow.prAuc);
		// (−0 and +0 are one threshold; which of the two names it depends on the sort)
		const plain = (roc: typeof fast.roc) => roc.map((p) => ({ ...p, threshold: p.threshold + 0 }));
		expect(plain(fast.roc)).toEqual(plain(slow.roc));
	});

	it('descendingOrder: highest first, NaN last, every index once', () => {
		const scores = Float32Array.from([0.5, NaN, -2, Infinity, -Infinity, 0.5, 3]);
		const order = Array.from(descendingOrder(scores));
		expect(order.slice(0, 2)).toEqual([3, 6]);
		expect(order.slice(2, 4).sort()).toEqual([0, 5]);
		expect(order.slice(4)).toEqual([2, 4, 1]);
		expect(Array.from(descendingOrder([1, NaN, 2]))).toEqual([2, 0, 1]);
		// NaN scores are one group at the end, not an endless loop
		const c = rankingCurves(scores, [1, 0, 1, 0, 0, 1, 0]);
		expect(c.roc).toHaveLength(1 + 6);
		expect(c.roc.at(-1)).toMatchObject({ fpr: 1, tpr: 1 });
	});

	it('thinned keeps the ends', () => {
		const t = thinned([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], 4);
		expect(t).toEqual([0, 3, 6, 9]);
	});
});
