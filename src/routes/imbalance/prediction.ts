/**
 * The Imbalance lab's prediction: with the rare class thinned to 1/ρ, which remedy gives its
 * recall back the most? Answered by the lab's own evaluation on the 10,000 test images, once the
 * variants have trained (at step 0 they are the same untrained net) and all four remedies are on.
 */
import { FASHION_CLASSES } from '$lib/engine/fashionClasses';
import type { Prediction } from '$lib/runtime/prediction';
import type { ImbalanceState } from './lab';

type Observables =
	| 'step'
	| 'rareTrainingImages'
	| 'rareRecall'
	| 'weightsRareRecall'
	| 'oversamplingRareRecall'
	| 'undersamplingRareRecall'
	| 'adjustedRareRecall';

/** The choices, each with the observable that holds its rare-class recall. */
export const REMEDY_CHOICES = [
	{ id: 'class-weights', label: 'Class-weighted loss', observable: 'weightsRareRecall' },
	{
		id: 'oversampling',
		label: 'Oversampling (a balanced sampler)',
		observable: 'oversamplingRareRecall'
	},
	{ id: 'undersampling', label: 'Undersampling', observable: 'undersamplingRareRecall' },
	{ id: 'logit-adjustment', label: 'Logit adjustment (post-hoc)', observable: 'adjustedRareRecall' }
] as const;

type Observed = Partial<Record<Observables, unknown>>;
const pct = (v: number) => `${(100 * v).toFixed(1)} %`;

/** Each remedy's recall and the baseline's, or null until trained with all four remedies on. */
export function remedyRecalls(o: Observed): {
	step: number;
	baseline: number;
	recalls: { id: string; label: string; recall: number }[];
} | null {
	if (typeof o.step !== 'number' || o.step < 1 || typeof o.rareRecall !== 'number') return null;
	const recalls = REMEDY_CHOICES.map((c) => ({
		id: c.id,
		label: c.label,
		recall: o[c.observable]
	}));
	if (recalls.some((r) => typeof r.recall !== 'number')) return null;
	return {
		step: o.step,
		baseline: o.rareRecall,
		recalls: recalls as { id: string; label: string; recall: number }[]
	};
}

/** The remedy with the highest recall (the first listed on a tie). */
function best(r: NonNullable<ReturnType<typeof remedyRecalls>>) {
	return r.recalls.reduce((a, b) => (b.recall > a.recall ? b : a));
}

export const remedyPrediction: Prediction<ImbalanceState, Observables> = {
	id: 'imbalance-best-remedy',
	question:
		'A class made rare in the training set loses most of its recall. Which remedy gives the most of it back: class weights, oversampling, undersampling or logit adjustment?',
	prompt: (o, s) => {
		const name = FASHION_CLASSES[s.class];
		const kept =
			typeof o.rareTrainingImages === 'number'
				? ` (${o.rareTrainingImages} ${name} training images left)`
				: '';
		return `${name} made rare at ρ = ${s.ratio}${kept}: after ${s.steps} training steps, which remedy recovers the most ${name} recall on the test set? (Turn all four remedies on, then Train.)`;
	},
	input: {
		kind: 'choices',
		choices: REMEDY_CHOICES.map(({ id, label }) => ({ id, label }))
	},
	answer: (o) => {
		const r = remedyRecalls(o);
		return r ? best(r).id : null;
	},
	measured: (o, s) => {
		const r = remedyRecalls(o);
		if (!r) return null;
		const name = FASHION_CLASSES[s.class];
		const top = best(r);
		return {
			value: top.id,
			text:
				`After ${r.step} steps at ρ = ${s.ratio}, ${name} recall on the 10,000 test images: baseline ${pct(r.baseline)}, ` +
				r.recalls.map((x) => `${x.label.toLowerCase()} ${pct(x.recall)}`).join(', ') +
				`. ${top.label} recovers the most here.`
		};
	},
	modelAnswer:
		'It depends on how rare the class is, how hard it is to tell apart and how long the network trains, so measure it, and report recall, precision and balanced accuracy rather than accuracy. ' +
		'Logit adjustment (subtract the log of the training prior from each logit) costs no retraining, leaves the ranking and so the ROC AUC unchanged, and only moves the operating point; in this lab, with Shirt rare at ρ = 10 and the default recipe, it recovered more than class weights and oversampling after 860 steps (46–47 % of Shirts, against 39 % and 28–34 %, two seeds) and still after 3,440 (29–34 %, against 21–25 % for both). Undersampling found the most (52–55 %), at the cost of every other class (accuracy 80 % against 84–85 %). ' +
		'Oversampling shows the few rare images many times; Buda et al. found it the best remedy for CNNs in almost all their settings, but with a dozen rare images it can lower the AUC. ' +
		'Class weights do the same in expectation with noisier gradients; which of the two finds more turns on the recipe, and the longer the network trains the less either adds (Byrd & Lipton). Undersampling throws most of the data away.',
	misconception:
		'“Reweight the loss and the problem is solved”, or “98 % accuracy means the model is good”. On 98/2 data a model that always says “negative” is 98 % accurate; its precision for the rare class is undefined (0/0) and its recall 0. Each remedy trades precision for recall; none adds information the rare examples do not hold.',
	followUps: [
		'Why does logit adjustment leave the ROC AUC unchanged?',
		'When would you rather move the decision threshold than retrain?',
		'Which metric would you report on a test set as skewed as the training set?',
		'Why can oversampling over-fit a model with a few rare images, and why less so a CNN with augmentation?'
	],
	sources: [
		{
			title:
				'Buda, Maki & Mazurowski, A systematic study of the class imbalance problem in convolutional neural networks, Neural Networks 106 (2018)',
			url: 'https://arxiv.org/abs/1710.05381'
		},
		{
			title: 'Menon et al., Long-tail learning via logit adjustment, ICLR 2021',
			url: 'https://arxiv.org/abs/2007.07314'
		},
		{
			title:
				'Byrd & Lipton, What is the effect of importance weighting in deep learning?, ICML 2019',
			url: 'https://arxiv.org/abs/1812.03372'
		}
	]
};
