/**
 * The lab's sentences with numbers, made from the figures on screen (the same formatting as the
 * tables), so the written answer always agrees with the charts at every class, ratio and step.
 */
import { FASHION_CLASSES } from '$lib/engine/fashionClasses';
import { TRAIN_STEPS, type RecipeId } from '$lib/engine/imbalance/imbalanceTraining';
import { CLASSES, type Results, type VariantResult } from './imbalanceResults';
import { VARIANT_NAMES } from './lab';

/** A share as a percentage with one decimal; an undefined figure says so. */
export function pct(v: number | null | undefined): string {
	return v === null || v === undefined || !Number.isFinite(v)
		? 'undefined'
		: `${(100 * v).toFixed(1)} %`;
}

export function auc(v: number | null | undefined): string {
	return v === null || v === undefined || !Number.isFinite(v) ? 'undefined' : v.toFixed(3);
}

/** A whole number with thousands separators, as the tables write it. */
export const count = (n: number) => n.toLocaleString('en-US');

/** The accuracy paradox on the learner's own training set at this ratio. */
export function paradoxSentence(counts: number[], rareClass: number): string {
	const total = counts.reduce((a, b) => a + b, 0);
	const rare = counts[rareClass];
	const name = FASHION_CLASSES[rareClass];
	return (
		`Your training set at this ratio holds ${count(rare)} ${name} images among ${count(total)}: a classifier ` +
		`that always answers “not ${name}” is right on ${pct((total - rare) / total)} of them. That is its ` +
		`accuracy, not its precision: it never predicts ${name}, so its ${name} precision is 0/0, undefined, ` +
		`and its ${name} recall is 0.`
	);
}

/** What the shown variant does for the rare class. */
export function rareSentence(r: VariantResult, rareClass: number): string {
	const m = r.summary.perClass[rareClass];
	const name = FASHION_CLASSES[rareClass];
	const found = r.confusion[rareClass * CLASSES + rareClass];
	const precision =
		m.precision === null
			? `it never predicts ${name}, so its ${name} precision is undefined`
			: `of the ${count(m.predicted)} images it calls ${name}, ${pct(m.precision)} are (precision)`;
	return (
		`${VARIANT_NAMES[r.variant]}: accuracy ${pct(r.summary.accuracy)}, balanced accuracy ` +
		`${pct(r.summary.balancedAccuracy)}, macro-F1 ${pct(r.summary.macroF1)}. It finds ${count(found)} of ` +
		`the ${count(m.support)} test ${name} images (recall ${pct(m.recall)}); ${precision}.`
	);
}

/** One line per variant: rare recall, accuracy and ROC AUC. */
export function comparisonSentences(results: Results): string[] {
	const name = FASHION_CLASSES[results.rareClass];
	return results.variants.map(
		(r) =>
			`${VARIANT_NAMES[r.variant]}: ${name} recall ${pct(r.summary.perClass[results.rareClass].recall)}, ` +
			`accuracy ${pct(r.summary.accuracy)}, ROC AUC ${auc(r.curves.rocAuc)}.`
	);
}

/** The figures the remedies' costs quote, from the thinned training set's class counts. */
export function remedyFigures(
	counts: number[],
	rareClass: number
): { weight: string; repeats: string; underCount: string } {
	const total = counts.reduce((a, b) => a + b, 0);
	const present = counts.filter((c) => c > 0).length;
	const rare = counts[rareClass];
	return {
		weight: (total / (present * rare)).toFixed(1),
		repeats: (Math.max(...counts) / rare).toFixed(0),
		underCount: `${count(rare * present)} of ${count(total)}`
	};
}

/** Why accuracy and balanced accuracy agree on this test set (and when they would not). */
export function testSetSentence(result: VariantResult): string | null {
	const supports = result.summary.perClass.map((m) => m.support);
	if (supports.some((n) => n !== supports[0])) return null;
	return (
		`The test set is balanced (${count(supports[0])} images per class), so accuracy and balanced ` +
		`accuracy are equal here; macro-F1 is lower whenever a class's precision or recall collapses. ` +
		`On a test set as skewed as the training set, accuracy would hide the rare class entirely.`
	);
}

/**
 * Class weights against oversampling in this run, beside Buda et al.'s finding that oversampling
 * usually wins for CNNs: which found more of the rare class here, and what the order turns on — the
 * recipe, which the learner can switch, and above all the initialisation (scripts/bench-imbalance.mjs's
 * header, Shirt at ρ = 10). 'adam' (He's): TF.js seeds 1–4, class weights 38.6 / 39.4 / 33.2 /
 * 36.5 %, oversampling 34.4 / 27.9 / 29.4 / 29.3 %; PyTorch seeds 1–10, class weights ahead in all
 * ten, means 35.6 against 28.2 %; with a random shift of up to 2 px, seeds 1–2: class weights
 * 37.3 %, oversampling 45.8 %. 'adam-pytorch': TF.js seeds 1–2, class weights 32.1 / 36.4 %,
 * oversampling 37.9 / 41.8 %, logit adjustment 33.0 / 32.1 %; PyTorch seeds 1–6, oversampling
 * ahead in five, means 29.7 / 39.9 / 32.1 %. 'sgd': TF.js seeds 1–2, class weights 9.5 / 31.9 %,
 * oversampling 33.3 / 39.4 %, logit adjustment 20.7 / 16.7 %; PyTorch seeds 1–4, oversampling
 * ahead in all four. Null without both remedies, or where the rare class is not rare (under 2×
 * fewer images than the largest class: both remedies then barely change the baseline).
 */
export function weightsVersusOversampling(results: Results): string | null {
	const rareClass = results.rareClass;
	const recall = (v: VariantResult['variant']) =>
		results.variants.find((r) => r.variant === v)?.summary.perClass[rareClass].recall ?? null;
	const [weights, over] = [recall('class-weights'), recall('oversampling')];
	const counts = results.counts;
	const rare = counts[rareClass];
	if (weights === null || over === null || !(rare > 0) || Math.max(...counts) / rare < 2)
		return null;
	const name = FASHION_CLASSES[rareClass];
	const { weight, repeats } = remedyFigures(counts, rareClass);
	const order =
		weights === over
			? `Class weights and oversampling found as many ${name} images (${pct(weights)})`
			: weights > over
				? `Class weights found more ${name} images than oversampling (${pct(weights)} against ${pct(over)})`
				: `Oversampling found more ${name} images than class weights (${pct(over)} against ${pct(weights)})`;
	const recipeName: Record<RecipeId, string> = {
		adam: "Adam with He's initialisation",
		'adam-pytorch': "Adam with PyTorch's initialisation",
		sgd: "SGD with momentum, dropout and PyTorch's initialisation"
	};
	return (
		`${order}. Both aim at the same balance — oversampling repeats each of the ${count(rare)} ${name} ` +
		`images about ${repeats} times per pass, class weights count each ${name} mistake ${weight} times — ` +
		`and Buda et al. found oversampling ahead for CNNs in most of their settings. Which one leads ` +
		`turns on the training recipe, above all on how the weights start, and on how long it runs ` +
		`(measured with Shirt rare at ρ = 10 over ${count(TRAIN_STEPS)} steps). With Adam and He's initialisation, class weights led in each of four seeds here ` +
		`(33–39 % against 28–34 % of Shirts found) and in ten of ten in PyTorch, and logit adjustment ` +
		`came first. With PyTorch's initialisation and nothing else changed, oversampling led in two ` +
		`of two seeds here (38 and 42 % against 32 and 36 %) and five of six in PyTorch; ` +
		`SGD with momentum and dropout put it further ahead (33 and 39 % against 10 and 32 %). From ` +
		`PyTorch's initialisation the baseline ranks the rare class less well, so logit adjustment ` +
		`loses its lead. This run: ${recipeName[results.recipe]}; switch the recipe to see the ` +
		`others. With Adam and He's, shifting every training image by up to 2 px, so that the ` +
		`repeated rare images are no longer identical copies, also put oversampling ahead (46 % ` +
		`against 37 %, two seeds).`
	);
}
