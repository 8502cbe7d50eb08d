/**
 * The classifier half of the normalization lab, as plain figures and sentences: each run's input
 * statistics, step, steps to a training loss below the threshold, training loss and test
 * accuracy, from the training worker's curves; the sentences quote only those figures, so they
 * agree with the table and the chart whatever the step and the limit.
 */
import { LOSS_THRESHOLD } from '$lib/engine/normalization/fashionNormalization';
import { PREPROCESSINGS, type Preprocessing } from '$lib/engine/normalization/preprocessing';
import { stepsToThreshold } from '$lib/engine/normalization/softmaxVariant';
import type { Curve } from '$lib/training/trainingView';
import type { InputSpectrum } from '$lib/workers/normalizationProtocol';
import { PREPROCESSING_NAMES } from './normalizationFit';

export interface RunSummary {
	preprocessing: Preprocessing;
	/** λ1 and λ1/λ2 of E[x̃x̃ᵀ], or NaN before the data is ready */
	lambdaMax: number;
	ratio: number;
	/** the run's step η = rate · 20/λmax */
	step: number;
	/** steps taken so far */
	steps: number;
	/** the step from which the training loss stays below the threshold, or null */
	reached: number | null;
	/** the training loss after the last step taken (NaN before any) */
	loss: number;
	/** test accuracy and the step it was measured at (NaN / −1 before any) */
	accuracy: number;
	accuracyStep: number;
}

/**
 * @param train per run, its 'train' curve: the loss before step k + 1, i.e. after k steps
 * @param test per run, its 'test' curve (accuracy)
 */
export function runSummaries(
	spectra: InputSpectrum[],
	rate: number,
	train: (p: Preprocessing) => Curve,
	test: (p: Preprocessing) => Curve
): RunSummary[] {
	return PREPROCESSINGS.map((p) => {
		const spectrum = spectra.find((s) => s.preprocessing === p);
		const losses = train(p).values.loss ?? [];
		const accuracy = test(p);
		const acc = accuracy.values.accuracy ?? [];
		return {
			preprocessing: p,
			lambdaMax: spectrum?.lambdaMax ?? NaN,
			ratio: spectrum ? spectrum.lambdaMax / spectrum.lambda2 : NaN,
			step: spectrum ? (rate * 20) / spectrum.lambdaMax : NaN,
			steps: train(p).step.at(-1) ?? 0,
			reached: stepsToThreshold(losses, LOSS_THRESHOLD),
			loss: losses.at(-1) ?? NaN,
			accuracy: acc.at(-1) ?? NaN,
			accuracyStep: accuracy.step.at(-1) ?? -1
		};
	});
}

const percent = (v: number) => `${(100 * v).toFixed(1)} %`;

function reachedText(r: RunSummary): string {
	return r.reached === null
		? `not within ${r.steps.toLocaleString('en')} steps`
		: `in ${r.reached.toLocaleString('en')} step${r.reached === 1 ? '' : 's'}`;
}

/** The written evidence about the classifier runs, or what to press. */
export function classifierSentences(runs: RunSummary[], limit: number): string[] {
	const by = Object.fromEntries(runs.map((r) => [r.preprocessing, r])) as Record<
		Preprocessing,
		RunSummary
	>;
	if (runs.every((r) => r.steps === 0))
		return [
			`Press Train: the five runs take ${limit} full-batch steps each, from zero weights, and are scored on every test image.`
		];
	const out = [
		`Training loss below ${LOSS_THRESHOLD}: ${PREPROCESSINGS.map((p) => `${PREPROCESSING_NAMES[p]} ${reachedText(by[p])}`).join(', ')}.`
	];
	const { raw01, centred, whitened } = by;
	if (Number.isFinite(raw01.ratio) && Number.isFinite(centred.ratio))
		out.push(
			`Centring removes the mean-image direction: λ1/λ2 of the inputs’ second moment falls from ${raw01.ratio.toFixed(1)} to ${centred.ratio.toFixed(1)}.`
		);
	const scored = runs.filter((r) => r.accuracyStep === r.steps && r.steps > 0);
	if (scored.length === runs.length) {
		out.push(
			`Test accuracy on every test image after ${whitened.steps} steps: ${PREPROCESSINGS.map((p) => `${PREPROCESSING_NAMES[p]} ${percent(by[p].accuracy)}`).join(', ')}.`
		);
		const others = runs.filter((r) => r.preprocessing !== 'whitened');
		const lowestLoss = others.every((r) => whitened.loss < r.loss);
		const best = Math.max(...others.map((r) => r.accuracy));
		if (lowestLoss && whitened.accuracy < best)
			out.push(
				`Whitening has the lowest training loss (${whitened.loss.toFixed(3)}) but not the best test accuracy (${percent(whitened.accuracy)} against ${percent(best)}): it gives the weak directions of the pixels the scale of the strong ones, so gradient descent fits them as fast — and what it fits there does not carry over to new images (Wadia et al., 2021).`
			);
		else if (lowestLoss)
			out.push(
				`Whitening has the lowest training loss (${whitened.loss.toFixed(3)}) and here also the best test accuracy.`
			);
	}
	return out;
}
