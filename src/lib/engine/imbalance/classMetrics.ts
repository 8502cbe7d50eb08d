/**
 * What a confusion matrix says class by class, the way an imbalanced data set has to be read:
 * precision, recall, F1 and support per class, and the three summaries that disagree when one
 * class is rare — accuracy (dominated by the common classes), balanced accuracy (the mean
 * recall) and macro-F1. A figure with a zero denominator is `null`, never NaN: a class nobody
 * predicted has no precision (0/0 is undefined, not 0 and not 100 %), a class absent from the
 * test set has no recall. Pure: no TF.js.
 */

export interface ClassMetrics {
	/** tp / (tp + fp); null when the class was never predicted */
	precision: number | null;
	/** tp / (tp + fn); null when the class has no example */
	recall: number | null;
	/** 2tp / (2tp + fp + fn); null when the class was neither present nor predicted */
	f1: number | null;
	/** examples of the class (the row sum) */
	support: number;
	/** images predicted as the class (the column sum) */
	predicted: number;
}

export interface Summary {
	perClass: ClassMetrics[];
	/** the diagonal over the total; null for an empty matrix */
	accuracy: number | null;
	/** mean recall over the classes that have examples */
	balancedAccuracy: number | null;
	/** mean F1 over the classes whose F1 is defined */
	macroF1: number | null;
}

const ratio = (num: number, den: number): number | null => (den > 0 ? num / den : null);

function mean(values: (number | null)[]): number | null {
	const defined = values.filter((v): v is number => v !== null);
	return defined.length ? defined.reduce((a, b) => a + b, 0) / defined.length : null;
}

/**
 * Per-class metrics of a confusion matrix.
 * @param counts counts[t · classes + p]: images of true class t predicted as p
 */
export function classMetrics(counts: ArrayLike<number>, classes: number): Summary {
	const perClass: ClassMetrics[] = [];
	let diagonal = 0;
	let total = 0;
	for (let c = 0; c < classes; c++) {
		let support = 0;
		let predicted = 0;
		for (let k = 0; k < classes; k++) {
			support += counts[c * classes + k];
			predicted += counts[k * classes + c];
		}
		const tp = counts[c * classes + c];
		const fp = predicted - tp;
		const fn = support - tp;
		diagonal += tp;
		total += support;
		perClass.push({
			precision: ratio(tp, predicted),
			recall: ratio(tp, support),
			f1: ratio(2 * tp, 2 * tp + fp + fn),
			support,
			predicted
		});
	}
	return {
		perClass,
		accuracy: ratio(diagonal, total),
		balancedAccuracy: mean(perClass.map((m) => m.recall)),
		macroF1: mean(perClass.map((m) => m.f1))
	};
}

/** The predicted class of each row of [N, classes] scores (the first maximum on ties). */
export function argmaxRows(scores: Float32Array, classes: number): Int32Array {
	const n = Math.floor(scores.length / classes);
	const out = new Int32Array(n);
	for (let i = 0; i < n; i++) {
		let best = 0;
		for (let k = 1; k < classes; k++)
			if (scores[i * classes + k] > scores[i * classes + best]) best = k;
		out[i] = best;
	}
	return out;
}
