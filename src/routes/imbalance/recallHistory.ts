/**
 * The rare class's recall of every variant at each evaluation of one run (every 100 steps and
 * where the run stops), so the lab can show how the remedies' order changes as the network
 * trains. Logit adjustment only moves the baseline's decision: it finds the rare class as well as
 * the baseline ranks it, which after a few passes is poorly (the retrained remedies lead) and
 * after ~10 passes well enough to lead (scripts/bench-imbalance.mjs). Pure.
 */
import { FASHION_CLASSES } from '$lib/engine/fashionClasses';
import type { Results } from './imbalanceResults';
import { pct } from './imbalanceText';
import { VARIANT_NAMES, VARIANTS, type Variant } from './lab';

export interface RecallHistory {
	/**
	 * the run the points belong to: rare class, training counts and the retrained variants (logit
	 * adjustment, switched on or off, is the same run: its points just lack it while it is off)
	 */
	key: string;
	/** evaluations by step, ascending; a variant's recall is null when the class has no test image */
	points: { step: number; recall: Partial<Record<Variant, number | null>> }[];
}

export const EMPTY_HISTORY: RecallHistory = { key: '', points: [] };

const keyOf = (res: Results) =>
	`${res.recipe}/${res.rareClass}/${res.counts.join(',')}/${res.variants
		.map((v) => v.variant)
		.filter((v) => v !== 'logit-adjustment')
		.join(',')}`;

/**
 * The history with `res` added. A new setting (recipe, class, ratio, variants) or a step below the last
 * one (a reset) starts a new history; an evaluation at a step already held replaces it.
 */
export function addEvaluation(history: RecallHistory, res: Results): RecallHistory {
	const key = keyOf(res);
	const point = {
		step: res.step,
		recall: Object.fromEntries(
			res.variants.map((v) => [v.variant, v.summary.perClass[res.rareClass].recall])
		) as Partial<Record<Variant, number | null>>
	};
	const last = history.points.at(-1);
	if (history.key !== key || (last && res.step < last.step)) return { key, points: [point] };
	if (last && last.step === res.step)
		return { key, points: [...history.points.slice(0, -1), point] };
	return { key, points: [...history.points, point] };
}

/** The variants a history holds at any of its points, in the lab's order. */
export function historyVariants(history: RecallHistory): Variant[] {
	return VARIANTS.filter((v) => history.points.some((p) => v in p.recall));
}

/** One line per variant: recall against step (a null recall leaves a gap). */
export function historySeries(
	history: RecallHistory
): { name: string; variant: Variant; x: number[]; y: number[] }[] {
	return historyVariants(history).map((variant) => ({
		name: VARIANT_NAMES[variant],
		variant,
		x: history.points.map((p) => p.step),
		y: history.points.map((p) => p.recall[variant] ?? NaN)
	}));
}

/** The variant (other than the baseline) with the highest recall at a point; null when none. */
function leader(
	point: RecallHistory['points'][number]
): { variant: Variant; recall: number } | null {
	let best: { variant: Variant; recall: number } | null = null;
	for (const [variant, recall] of Object.entries(point.recall) as [Variant, number | null][]) {
		if (variant === 'baseline' || recall === null || !Number.isFinite(recall)) continue;
		if (!best || recall > best.recall) best = { variant, recall };
	}
	return best;
}

const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth'];

/** Logit adjustment's place among the remedies at a point ("second of 4"), ties in its favour. */
function rank(point: RecallHistory['points'][number]): string {
	const remedies = (Object.entries(point.recall) as [Variant, number | null][]).filter(
		([v, r]) => v !== 'baseline' && r !== null && Number.isFinite(r)
	);
	const own = point.recall['logit-adjustment'] ?? NaN;
	const place = remedies.filter(([, r]) => (r as number) > own).length;
	return `${ORDINALS[place] ?? `${place + 1}th`} of ${remedies.length}`;
}

/**
 * What the history shows, in words from its own numbers: which remedy found the most of the rare
 * class at the first evaluation after training began and which at the last, and where logit
 * adjustment stood. Null before two trained evaluations.
 */
export function historySentence(history: RecallHistory, rareClass: number): string | null {
	const trained = history.points.filter((p) => p.step > 0);
	if (trained.length < 2) return null;
	const [first, last] = [trained[0], trained[trained.length - 1]];
	const [a, b] = [leader(first), leader(last)];
	if (!a || !b) return null;
	const name = FASHION_CLASSES[rareClass];
	const base = (p: typeof first) => pct(p.recall.baseline ?? null);
	const lead =
		a.variant === b.variant
			? `${VARIANT_NAMES[b.variant]} found the most ${name} images both at step ${first.step} (${pct(a.recall)}) and at step ${last.step} (${pct(b.recall)})`
			: `At step ${first.step} ${VARIANT_NAMES[a.variant].toLowerCase()} found the most ${name} images (${pct(a.recall)}); at step ${last.step} ${VARIANT_NAMES[b.variant].toLowerCase()} does (${pct(b.recall)})`;
	const adjusted = (p: typeof first) => p.recall['logit-adjustment'];
	const la =
		adjusted(first) === undefined || adjusted(last) === undefined
			? ''
			: ` Logit adjustment, which only shifts the baseline's decision, came ${rank(first)} at step ${first.step} (${pct(adjusted(first) ?? null)}) and ${rank(last)} at step ${last.step} (${pct(adjusted(last) ?? null)}), while the baseline's own ${name} recall went from ${base(first)} to ${base(last)}: without retraining, it finds only as many ${name} images as the baseline's scores allow.`;
	return `${lead}.${la}`;
}
