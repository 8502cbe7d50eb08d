/**
 * From the worker's evaluation (every variant's logits on the 10,000 test images) to what the
 * page shows: per variant the predictions, confusion matrix, per-class metrics, and the rare
 * class's ROC and PR curves; logit adjustment is made here, from the baseline's logits and the
 * training prior — no retraining. The curves rank images by the rare class's probability;
 * post-hoc adjustment divides the rare-vs-rest odds by a constant, a monotone change, so its
 * curves and areas are the baseline's and only its operating point (the argmax decision) moves.
 */
import { confusionMatrix } from '$lib/engine/confusionMatrix';
import { argmaxRows, classMetrics, type Summary } from '$lib/engine/imbalance/classMetrics';
import { adjustLogits, classColumn, softmaxRows } from '$lib/engine/imbalance/logitAdjustment';
import { rankingCurves, type RankingCurves } from '$lib/engine/imbalance/rankingCurves';
import { finish } from '$lib/engine/stepwise';
import type { RecipeId } from '$lib/engine/imbalance/imbalanceTraining';
import type { Variant } from './lab';

export const CLASSES = 10;

export interface Evaluation {
	rareClass: number;
	ratio: number;
	/** how the variants were trained (IMBALANCE_RECIPES) */
	recipe: RecipeId;
	step: number;
	epoch: number;
	counts: number[];
	logits: { id: string; values: Float32Array }[];
	photo: { id: string; values: Float32Array }[] | null;
}

export interface VariantResult {
	variant: Variant;
	predicted: Int32Array;
	confusion: Int32Array;
	summary: Summary;
	/** the rare class's probability per test image (the ranking score of the curves) */
	rareScore: Float32Array;
	curves: RankingCurves;
	/** the argmax decision for the rare class as a point of its ROC curve */
	operating: { fpr: number; tpr: number };
}

export interface Results {
	step: number;
	epoch: number;
	rareClass: number;
	recipe: RecipeId;
	/** training images per class (the prior) */
	counts: number[];
	variants: VariantResult[];
}

/**
 * A trained variant's results, kept per logits array (an evaluation's arrays are never changed):
 * toggling logit adjustment, or the page's effect running again for the same evaluation, then
 * computes only what changed instead of every variant's metrics and curves again.
 */
const computed = new WeakMap<
	Float32Array,
	{ labels: Uint8Array; rareClass: number; variant: Variant; result: VariantResult }
>();

/** The results kept for these logits, when they were computed for the same labels and class. */
function keptResult(
	logits: Float32Array,
	variant: Variant,
	labels: Uint8Array,
	rareClass: number
): VariantResult | null {
	const kept = computed.get(logits);
	return kept && kept.labels === labels && kept.rareClass === rareClass && kept.variant === variant
		? kept.result
		: null;
}

function resultOf(
	variant: Variant,
	logits: Float32Array,
	labels: Uint8Array,
	rareClass: number,
	/** the ranking this variant shares with another (logit adjustment: the baseline's) */
	ranking: Pick<VariantResult, 'rareScore' | 'curves'> | null
): VariantResult {
	const predicted = argmaxRows(logits, CLASSES);
	const confusion = confusionMatrix(labels, predicted, CLASSES);
	const summary = classMetrics(confusion, CLASSES);
	const rareScore =
		ranking?.rareScore ?? classColumn(softmaxRows(logits, CLASSES), CLASSES, rareClass);
	const curves =
		ranking?.curves ??
		rankingCurves(
			rareScore,
			Array.from(labels, (l) => l === rareClass)
		);
	const rare = summary.perClass[rareClass];
	const negatives = labels.length - rare.support;
	return {
		variant,
		predicted,
		confusion,
		summary,
		rareScore,
		curves,
		operating: {
			tpr: rare.recall ?? 0,
			fpr: negatives ? (rare.predicted - confusion[rareClass * CLASSES + rareClass]) / negatives : 0
		}
	};
}

/** Every variant's results; `adjust` adds logit adjustment of the baseline. */
export function results(
	evaluation: Evaluation,
	labels: Uint8Array,
	rareClass: number,
	adjust: boolean
): Results {
	return finish(resultSteps(evaluation, labels, rareClass, adjust));
}

/**
 * results() as steps: a pause point after each variant it had to compute (not after one kept from
 * before), so the page can spread a new evaluation's metrics over several tasks
 * (lib/state/slicedTask.ts) instead of one ~50 ms task while training runs.
 */
export function* resultSteps(
	evaluation: Evaluation,
	labels: Uint8Array,
	rareClass: number,
	adjust: boolean
): Generator<void, Results, void> {
	const variants: VariantResult[] = [];
	for (const { id, values } of evaluation.logits) {
		const variant = id as Variant;
		const kept = keptResult(values, variant, labels, rareClass);
		const result = kept ?? resultOf(variant, values, labels, rareClass, null);
		variants.push(result);
		if (!kept) {
			computed.set(values, { labels, rareClass, variant, result });
			yield;
		}
		if (id === 'baseline' && adjust)
			variants.push(
				resultOf(
					'logit-adjustment',
					adjustLogits(values, evaluation.counts),
					labels,
					rareClass,
					// logit adjustment divides the rare class's odds by a constant: the same ranking,
					// so the same curves (its score is the baseline's probability, as before)
					result
				)
			);
	}
	return {
		step: evaluation.step,
		epoch: evaluation.epoch,
		rareClass,
		recipe: evaluation.recipe,
		counts: evaluation.counts,
		variants
	};
}

/** The photo's probabilities per variant (logit adjustment from the baseline's and the prior). */
export function photoProbabilities(
	evaluation: Pick<Evaluation, 'photo' | 'counts'>,
	adjust: boolean
): { variant: Variant; probabilities: Float32Array }[] {
	const out: { variant: Variant; probabilities: Float32Array }[] = [];
	for (const { id, values } of evaluation.photo ?? []) {
		out.push({ variant: id as Variant, probabilities: softmaxRows(values, CLASSES) });
		if (id === 'baseline' && adjust)
			out.push({
				variant: 'logit-adjustment',
				probabilities: softmaxRows(adjustLogits(values, evaluation.counts), CLASSES)
			});
	}
	return out;
}

type Logits = { id: string; values: Float32Array };

/**
 * Each id of `order` with its logits from `list`; at step 0, where every variant is the same
 * seeded net, another variant's stand in for a missing one. Null while any is missing.
 */
function inOrder(list: Logits[], order: readonly string[], step: number): Logits[] | null {
	const out: Logits[] = [];
	for (const id of order) {
		const found =
			list.find((l) => l.id === id) ?? (step === 0 && list[0] ? { ...list[0], id } : null);
		if (!found) return null;
		out.push(found);
	}
	return out;
}

/** The photo's logits of every shard's latest reply, in `order` (what has come so far). */
export function mergePhotos(
	parts: readonly (Logits[] | null)[],
	order: readonly string[]
): Logits[] {
	const all = parts.flatMap((p) => p ?? []);
	return order.flatMap((id) => all.find((p) => p.id === id) ?? []);
}

/**
 * One evaluation from the shards' latest (each holds some of the variants; see
 * lib/training/shardedTraining.svelte.ts), its variants in `order`: null until every variant
 * of `order` has logits from one step of one data setting. At step 0 every variant holds the same
 * seeded weights whatever its remedy (the worker evaluates them once for all), so a shard that has
 * not answered yet is stood in for by another's logits, and `shown`, the evaluation on the page, is
 * returned itself when it is that same untrained step of the same setting and variants: a later
 * shard's step 0 costs no second round of metrics (~40 ms of CPU at 10,000 images).
 */
export function mergeEvaluations(
	parts: readonly (Evaluation | null)[],
	order: readonly string[],
	shown: Evaluation | null = null
): Evaluation | null {
	const present = parts.filter((p): p is Evaluation => p !== null);
	const [first] = present;
	if (!first) return null;
	const same = (p: Evaluation) =>
		p.step === first.step &&
		p.rareClass === first.rareClass &&
		p.ratio === first.ratio &&
		p.recipe === first.recipe;
	const usable = present.filter(same);
	if (usable.length < present.length && first.step !== 0) return null;
	const logits = inOrder(
		usable.flatMap((p) => p.logits),
		order,
		first.step
	);
	if (!logits) return null;
	if (
		first.step === 0 &&
		shown !== null &&
		same(shown) &&
		shown.logits.map((l) => l.id).join() === order.join()
	)
		return shown;
	return {
		...first,
		logits,
		photo: inOrder(
			usable.flatMap((p) => p.photo ?? []),
			order,
			first.step
		)
	};
}
