/**
 * The Invariance lab's prediction: after a 1 px shift, which representation changes least? The
 * answer is the similarity curve's first step (Pearson r with the unshifted image's), published as
 * observables.
 */
import type { SimilarityName, SimilarityRow } from '$lib/engine/shiftSimilarity';
import type { Prediction } from '$lib/runtime/prediction';
import type { InvarianceState } from '$lib/state/invarianceState';
import { CURVE_STYLE } from './curveStyle';

/** The representations the learner chooses among, and the observable that holds each one's r. */
const COMPARED = [
	['fc', 'shift1Fc'],
	['conv', 'shift1Conv'],
	['maxpool', 'shift1MaxPool'],
	['global_maxpool', 'shift1GlobalMaxPool']
] as const satisfies readonly (readonly [SimilarityName, string])[];
type Observables = (typeof COMPARED)[number][1];

export const SHIFT_ONE_OBSERVABLES: Record<Observables, string> = {
	shift1Fc: 'similarity (Pearson r) of the fully connected layer’s outputs after a 1 px shift',
	shift1Conv: 'similarity of the conv maps, as they are, after a 1 px shift',
	shift1MaxPool:
		'similarity of the 2×2/2 max-pooled maps after a 1 px shift (best whole-cell shift back)',
	shift1GlobalMaxPool: 'similarity of the global max-pool after a 1 px shift'
};

/** The observables of the curve's 1 px step, null while it is not computed. */
export function shiftOneObservations(
	row: SimilarityRow | undefined
): Record<Observables, number | null> {
	return Object.fromEntries(
		COMPARED.map(([name, key]) => [key, row && Number.isFinite(row[name]) ? row[name] : null])
	) as Record<Observables, number | null>;
}

type Measured = { name: SimilarityName; r: number }[];
function measuredRows(o: Partial<Record<Observables, unknown>>): Measured | null {
	const rows = COMPARED.map(([name, key]) => ({ name, r: o[key] }));
	return rows.every((row) => typeof row.r === 'number') ? (rows as Measured) : null;
}
/** The representation with the highest r (the first listed on a tie). */
function least(rows: Measured) {
	return rows.reduce((best, row) => (row.r > best.r ? row : best));
}

export const leastChangePrediction: Prediction<InvarianceState, Observables> = {
	id: 'invariance-least-change',
	question: 'Shift the image 1 px: which representation changes least?',
	prompt: () =>
		'Shift your image by 1 px: which representation stays most like the unshifted image’s (highest correlation)?',
	input: {
		kind: 'choices',
		choices: COMPARED.map(([name]) => ({ id: name, label: CURVE_STYLE[name].label }))
	},
	answer: (o) => {
		const rows = measuredRows(o);
		return rows ? least(rows).name : null;
	},
	measured: (o) => {
		const rows = measuredRows(o);
		if (!rows) return null;
		const best = least(rows);
		const list = rows.map((row) => `${CURVE_STYLE[row.name].label} ${row.r.toFixed(3)}`).join(', ');
		return {
			value: best.r,
			text: `correlation with the unshifted image’s after 1 px: ${list}. The ${CURVE_STYLE[best.name].label} changed least.`
		};
	},
	modelAnswer:
		'Convolution is translation equivariant: shift the input and the maps shift with it, so compared in place they no longer line up, although shifted back they match away from the borders. ' +
		'Invariance comes from pooling: a global max keeps the strongest response wherever it sits, so a shift barely moves it. ' +
		'A strided 2×2 max-pool is invariant only approximately — exactly for shifts that are multiples of its stride, and by luck otherwise (aliasing). ' +
		'A fully connected layer has no notion of position: each unit weighs every pixel with its own weight, so a shift changes its inputs as much as it changes the pixels.',
	misconception:
		'“CNNs are translation invariant because of convolution.” Convolution is equivariant; invariance comes from pooling and global aggregation, and a strided pool breaks even that for shifts that are not multiples of its stride.',
	followUps: [
		'Why can a 1 px shift change a strided network’s output more than an 8 px shift?',
		'How does blur-pooling (anti-aliasing before subsampling) help?',
		'Where does padding give a CNN the absolute position it is supposed not to have?'
	],
	sources: [
		{
			title: 'Zhang, Making Convolutional Networks Shift-Invariant Again (ICML 2019)',
			url: 'https://arxiv.org/abs/1904.11486'
		},
		{
			title:
				'Azulay & Weiss, Why do deep convolutional networks generalize so poorly to small image transformations? (JMLR 2019)',
			url: 'https://arxiv.org/abs/1805.12177'
		}
	]
};
