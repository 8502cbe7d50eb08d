/**
 * The Imbalance lab's declaration: its URL schema and what it measures.
 *
 *   /imbalance/?class=6&ratio=10&recipe=adam&weights=true&oversample=true&undersample=true&adjust=true&show=baseline&threshold=0.5&steps=860
 *
 * `class` is made rare in the training set (1/`ratio` of its images kept); the baseline always
 * trains, the three retrained remedies when their toggle is on (a change retrains every variant
 * from the same seed), logit adjustment is post-hoc on the baseline (no retraining). `show` is
 * the variant whose confusion matrix, per-class table and threshold are shown. `recipe` is how every
 * variant trains (IMBALANCE_RECIPES: Adam from He's or from PyTorch's initialisation, or SGD with
 * momentum, dropout and PyTorch's); which of class weights and oversampling recovers more turns
 * on it, above all on the initialisation. A Train press runs
 * until `steps` (default TRAIN_STEPS), then pauses on its own; the learning rate falls along a
 * cosine to ~0 over those steps, so the recall it stops at is settled (scripts/bench-imbalance.mjs).
 */
import { RATIO_RANGE, RECIPES, TRAIN_STEPS } from '$lib/engine/imbalance/imbalanceTraining';
import { defineLab } from '$lib/runtime/labDefinition';
import { STEPS_RANGE } from '$lib/workers/imbalanceProtocol';
import { boolField, enumField, intField, numberField } from '$lib/state/fields';
import type { StateOf } from '$lib/state/urlSchema';
import { imbalanceCode } from './code';
import { remedyPrediction } from './prediction';

/** Every variant the lab can show, in the order of the exports and the tables. */
export const VARIANTS = [
	'baseline',
	'class-weights',
	'oversampling',
	'undersampling',
	'logit-adjustment'
] as const;
export type Variant = (typeof VARIANTS)[number];

export const VARIANT_NAMES: Record<Variant, string> = {
	baseline: 'Baseline',
	'class-weights': 'Class weights',
	oversampling: 'Oversampling',
	undersampling: 'Undersampling',
	'logit-adjustment': 'Logit adjustment'
};

/** Steps of batch 64 a Train press runs by default, the learning rate's cosine decay with it. */
export { TRAIN_STEPS };

export function imbalanceSchema() {
	return {
		/** the class made rare, 0–9 (6: Shirt) */
		class: intField(0, 9, 6),
		/** ρ: the other classes have ρ times as many training images as the rare one */
		ratio: intField(RATIO_RANGE.min, RATIO_RANGE.max, 10),
		/** how every variant trains: 'adam', 'adam-pytorch' or 'sgd' (IMBALANCE_RECIPES) */
		recipe: enumField(RECIPES, 'adam'),
		weights: boolField(true),
		oversample: boolField(true),
		undersample: boolField(true),
		adjust: boolField(true),
		/** the variant whose confusion matrix, per-class metrics and threshold are shown */
		show: enumField(VARIANTS, 'baseline'),
		/** the rare class's probability at or above which an image is called rare (shown variant) */
		threshold: numberField(0, 1, 0.5),
		/** training pauses on its own after this many steps */
		steps: intField(STEPS_RANGE.min, STEPS_RANGE.max, TRAIN_STEPS)
	};
}
export type ImbalanceState = StateOf<ReturnType<typeof imbalanceSchema>>;

/** The variants on, in order (the baseline always). */
export function variantsOn(s: ImbalanceState): Variant[] {
	const on: Record<Variant, boolean> = {
		baseline: true,
		'class-weights': s.weights,
		oversampling: s.oversample,
		undersampling: s.undersample,
		'logit-adjustment': s.adjust
	};
	return VARIANTS.filter((v) => on[v]);
}

export const lab = defineLab('/imbalance/', {
	schema: imbalanceSchema,
	// a variant switched off cannot be the one shown
	reconcile: (s): ImbalanceState =>
		variantsOn(s).includes(s.show) ? s : { ...s, show: 'baseline' as Variant },
	observables: {
		step: 'training steps taken by every variant at the last evaluation',
		rareTrainingImages: 'training images of the rare class after thinning',
		accuracy: 'baseline accuracy on the 10,000 test images (0–1)',
		balancedAccuracy: 'baseline balanced accuracy (mean per-class recall, 0–1)',
		macroF1: 'baseline macro-F1 (0–1)',
		rareRecall: 'baseline recall of the rare class (0–1)',
		rarePrecision: 'baseline precision of the rare class (0–1; null when never predicted)',
		rocAuc: 'area under the rare class’s ROC curve, baseline',
		adjustedRareRecall: 'recall of the rare class after logit adjustment (0–1)',
		weightsRareRecall: 'recall of the rare class, class-weighted loss (0–1; null when off)',
		oversamplingRareRecall: 'recall of the rare class, oversampling (0–1; null when off)',
		undersamplingRareRecall: 'recall of the rare class, undersampling (0–1; null when off)'
	},
	predictions: [remedyPrediction],
	code: (s) => imbalanceCode(s)
});
