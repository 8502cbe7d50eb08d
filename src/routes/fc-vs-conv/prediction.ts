/** The FC-vs-conv lab's prediction: how many times more parameters the fully connected layer needs. */
import type { Prediction } from '$lib/runtime/prediction';
import type { FcVsConvState } from '$lib/state/fcVsConvState';

type Observables = 'fcParameters' | 'convParameters';

/** The ranges the choices name, by the ratio FC ÷ conv parameters. */
export const RATIO_CHOICES = [
	{ id: 'under-10', label: 'under 10×', below: 10 },
	{ id: '10-1k', label: '10× to 1,000×', below: 1e3 },
	{ id: '1k-100k', label: '1,000× to 100,000×', below: 1e5 },
	{ id: 'over-100k', label: 'over 100,000×', below: Infinity }
] as const;

/** The choice whose range holds `ratio`. */
export function ratioChoice(ratio: number): string {
	return RATIO_CHOICES.find((choice) => ratio < choice.below)!.id;
}

const ratioOf = (o: { fcParameters?: unknown; convParameters?: unknown }) =>
	typeof o.fcParameters === 'number' && typeof o.convParameters === 'number' && o.convParameters > 0
		? o.fcParameters / o.convParameters
		: null;

const count = (n: number) => n.toLocaleString('en');

export const parameterRatioPrediction: Prediction<FcVsConvState, Observables> = {
	id: 'fc-vs-conv-parameter-ratio',
	question:
		'A fully connected layer of N units and a conv layer of N kernels, both reading your whole image: how many times more parameters does the fully connected one need?',
	prompt: (_, s) =>
		`${s.units} fully connected units on your whole image (${s.ch} channel${s.ch > 1 ? 's' : ''}) against ${s.units} conv kernels of ${s.k}×${s.k}: how many times more parameters does the fully connected layer need?`,
	input: { kind: 'choices', choices: RATIO_CHOICES },
	answer: (o) => {
		const ratio = ratioOf(o);
		return ratio === null ? null : ratioChoice(ratio);
	},
	measured: (o) => {
		const ratio = ratioOf(o);
		if (ratio === null) return null;
		return {
			value: ratio,
			text: `the fully connected layer has ${count(o.fcParameters as number)} parameters, the conv layer ${count(o.convParameters as number)}: ${count(Math.round(ratio))}× more.`
		};
	},
	modelAnswer:
		'A fully connected unit has one weight per input value, H·W·C of them; a conv kernel has k·k·C, shared by every position. ' +
		'So the ratio is about H·W / k², whatever the number of units: the image size, not the layer width, sets it. ' +
		'Weight sharing is a prior that the same feature matters anywhere in the image, and locality says a feature is built from neighbouring pixels. ' +
		'Both cut parameters and data needed; neither is free: a conv layer cannot learn a pattern tied to one position unless the data or the padding gives position away.',
	misconception:
		'“Conv layers are cheaper in every way.” They have far fewer parameters, but their multiply-adds grow with the number of positions: at stride 1 with ‘same’ padding, N kernels of k×k do k² times the multiply-adds of N fully connected units (H·W·k²·C·N against H·W·C·N).',
	followUps: [
		'How many multiply-adds does each layer do per image?',
		'What does a fully connected layer learn if you shuffle the pixels the same way for every image? And a conv layer?',
		'Why can a 1×1 convolution be read as a fully connected layer applied at every position?'
	],
	sources: [
		{
			title:
				'Goodfellow, Bengio & Courville, Deep Learning, ch. 9.2 (sparse interactions, parameter sharing)',
			url: 'https://www.deeplearningbook.org/contents/convnets.html'
		},
		{
			title: 'LeCun et al., Gradient-based learning applied to document recognition (1998)'
		}
	]
};
