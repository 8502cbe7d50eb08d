/**
 * How well one class's score ranks its own examples above the rest, whatever the threshold:
 * the ROC curve (true- against false-positive rate) and the precision–recall curve, each with
 * its area. ROC AUC ignores how rare the class is (both rates are within-class shares); the PR
 * curve does not (precision counts the many negatives), which is why it is the one to read on
 * imbalanced data. Tied scores are one threshold (one point), so the ROC area counts a tie as
 * half a win, as the Mann–Whitney statistic does. Pure: no TF.js.
 */

export interface RocPoint {
	/** the score at or above which an example is called positive */
	threshold: number;
	fpr: number;
	tpr: number;
}

export interface PrPoint {
	threshold: number;
	recall: number;
	precision: number;
}

export interface RankingCurves {
	roc: RocPoint[];
	pr: PrPoint[];
	/** trapezoid area under the ROC curve; null without positives or without negatives */
	rocAuc: number | null;
	/** average precision Σ (Rₖ − Rₖ₋₁) Pₖ (the step-wise PR area); null without positives */
	prAuc: number | null;
	positives: number;
	negatives: number;
}

/**
 * ROC and PR curves of `scores` for the examples whose `positive` flag is set.
 * Points run from the highest threshold down; ROC starts at (0, 0) (threshold +∞).
 */
export function rankingCurves(
	scores: ArrayLike<number>,
	positive: ArrayLike<boolean | number>
): RankingCurves {
	const n = scores.length;
	const order = descendingOrder(scores);
	let positives = 0;
	for (let i = 0; i < n; i++) if (positive[i]) positives++;
	const negatives = n - positives;
	const roc: RocPoint[] = [{ threshold: Infinity, fpr: 0, tpr: 0 }];
	const pr: PrPoint[] = [];
	let tp = 0;
	let fp = 0;
	let rocAuc = 0;
	let prAuc = 0;
	let lastRecall = 0;
	for (let i = 0; i < n;) {
		const threshold = scores[order[i]];
		// every example tied at this score goes over the threshold together (NaNs, last, together)
		while (i < n && same(scores[order[i]], threshold)) {
			if (positive[order[i]]) tp++;
			else fp++;
			i++;
		}
		const tpr = positives ? tp / positives : 0;
		const fpr = negatives ? fp / negatives : 0;
		const previous = roc[roc.length - 1];
		rocAuc += ((fpr - previous.fpr) * (tpr + previous.tpr)) / 2;
		roc.push({ threshold, fpr, tpr });
		const precision = tp / (tp + fp);
		pr.push({ threshold, recall: tpr, precision });
		prAuc += (tpr - lastRecall) * precision;
		lastRecall = tpr;
	}
	return {
		roc,
		pr,
		rocAuc: positives && negatives ? rocAuc : null,
		prAuc: positives ? prAuc : null,
		positives,
		negatives
	};
}

export interface ThresholdCounts {
	tp: number;
	fp: number;
	fn: number;
	/** tp / (tp + fp); null when nothing reaches the threshold */
	precision: number | null;
	/** tp / (tp + fn); null without positives */
	recall: number | null;
}

/** Precision and recall when an example is called positive at score ≥ `threshold`. */
export function atThreshold(
	scores: ArrayLike<number>,
	positive: ArrayLike<boolean | number>,
	threshold: number
): ThresholdCounts {
	let tp = 0;
	let fp = 0;
	let fn = 0;
	for (let i = 0; i < scores.length; i++) {
		const called = scores[i] >= threshold;
		if (positive[i]) {
			if (called) tp++;
			else fn++;
		} else if (called) fp++;
	}
	return {
		tp,
		fp,
		fn,
		precision: tp + fp > 0 ? tp / (tp + fp) : null,
		recall: tp + fn > 0 ? tp / (tp + fn) : null
	};
}

/** At most `max` points of a curve, evenly spaced along it, first and last kept (for drawing). */
export function thinned<T>(points: T[], max: number): T[] {
	if (points.length <= max) return points;
	const out: T[] = [];
	for (let k = 0; k < max; k++) out.push(points[Math.round((k * (points.length - 1)) / (max - 1))]);
	return out;
}

const same = (a: number, b: number) => a === b || (a !== a && b !== b);

/**
 * Indices of `scores` from the highest score to the lowest, NaN last. A comparator sort of 10,000
 * indices took ~15 ms a variant on the page (five variants per evaluation: a ~90 ms task while
 * /imbalance trained); float32 scores (the app's probabilities) are sorted instead as packed
 * numeric keys — the float's bits made order-preserving, times a power of two, plus the index —
 * with the typed array's native sort (~1 ms). Other arrays take the comparator sort.
 */
export function descendingOrder(scores: ArrayLike<number>): ArrayLike<number> {
	const n = scores.length;
	const slots = 2 ** Math.ceil(Math.log2(Math.max(2, n)));
	if (!(scores instanceof Float32Array) || slots > 2 ** 21) {
		const rank = (v: number) => (v !== v ? -Infinity : v);
		return Array.from({ length: n }, (_, i) => i).sort((a, b) => rank(scores[b]) - rank(scores[a]));
	}
	const bits = new Uint32Array(scores.buffer, scores.byteOffset, n);
	const keys = new Float64Array(n);
	for (let i = 0; i < n; i++) {
		const b = bits[i];
		// negative floats: every bit flipped; positive: the sign bit set; NaN: below everything
		const ordered =
			scores[i] !== scores[i] ? 0 : b & 0x80000000 ? ~b >>> 0 : (b | 0x80000000) >>> 0;
		keys[i] = ordered * slots + i;
	}
	keys.sort();
	const order = new Int32Array(n);
	for (let i = 0; i < n; i++) order[i] = keys[n - 1 - i] % slots;
	// NaN keys are the smallest, so they come last: descending order with NaN at the end
	return order;
}
