/**
 * The lab's tables as .csv: per-class metrics of every variant, the rare class's ROC and PR
 * curves, and the confusion matrices. An undefined figure (a precision nobody was predicted for)
 * is an empty field, never NaN.
 */
import { thinned } from '$lib/engine/imbalance/rankingCurves';
import { CLASSES, type Results } from './imbalanceResults';

const field = (v: number | null): string => (v === null ? '' : String(Number(v.toFixed(6))));

export const METRICS_HEADER = 'variant,ratio,class,precision,recall,f1,support';

export function metricsCsv(results: Results, ratio: number): string {
	const rows = [METRICS_HEADER];
	for (const r of results.variants)
		r.summary.perClass.forEach((m, c) =>
			rows.push(
				[r.variant, ratio, c, field(m.precision), field(m.recall), field(m.f1), m.support].join(',')
			)
		);
	return rows.join('\n') + '\n';
}

/** Both curves of every variant, long format; at most `max` points per curve. */
export function curvesCsv(results: Results, ratio: number, max = 1000): string {
	const rows = ['variant,ratio,class,curve,threshold,x,y'];
	for (const r of results.variants) {
		const head = `${r.variant},${ratio},${results.rareClass}`;
		for (const p of thinned(r.curves.roc, max))
			rows.push(
				`${head},roc,${Number.isFinite(p.threshold) ? field(p.threshold) : ''},${field(p.fpr)},${field(p.tpr)}`
			);
		for (const p of thinned(r.curves.pr, max))
			rows.push(`${head},pr,${field(p.threshold)},${field(p.recall)},${field(p.precision)}`);
	}
	return rows.join('\n') + '\n';
}

/** One row per (variant, true class, predicted class). */
export function confusionCsv(results: Results, ratio: number): string {
	const rows = ['variant,ratio,true_class,predicted_class,count'];
	for (const r of results.variants)
		for (let t = 0; t < CLASSES; t++)
			for (let p = 0; p < CLASSES; p++)
				rows.push(`${r.variant},${ratio},${t},${p},${r.confusion[t * CLASSES + p]}`);
	return rows.join('\n') + '\n';
}
