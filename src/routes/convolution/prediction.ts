/** The Convolution lab's prediction: the output size of the conv layer on the learner's image. */
import type { Prediction } from '$lib/runtime/prediction';
import type { ConvolutionState } from '$lib/state/convolutionState';

type Observables = 'inputWidth' | 'outputWidth';

const paddingWords = (pad: ConvolutionState['pad']) =>
	pad === 'same' ? "padding 'same'" : pad === 'valid' ? "padding 'valid' (none)" : `padding ${pad}`;

export const outputSizePrediction: Prediction<ConvolutionState, Observables> = {
	id: 'convolution-output-size',
	question:
		'Given the input width n, kernel size k, stride s, padding p and dilation d, how wide is the feature map?',
	prompt: (o, s) =>
		typeof o.inputWidth === 'number'
			? `Your image is ${o.inputWidth} px wide. A ${s.k}×${s.k} kernel, stride ${s.stride}, ${paddingWords(s.pad)}, dilation ${s.dil}: how many pixels wide is the feature map?`
			: null,
	input: { kind: 'number', min: 0, step: 1, unit: 'px' },
	answer: (o) => (typeof o.outputWidth === 'number' ? o.outputWidth : null),
	measured: (o) =>
		typeof o.outputWidth === 'number' && typeof o.inputWidth === 'number'
			? {
					value: o.outputWidth,
					text: `${o.inputWidth} px in, ${o.outputWidth} px out.`
				}
			: null,
	modelAnswer:
		'With p zeros on each side, out = ⌊(n + 2p − d(k − 1) − 1) / s⌋ + 1: the dilated kernel spans d(k − 1) + 1 pixels, and it fits once plus once per stride in what is left. ' +
		"'valid' means p = 0. 'same' (TensorFlow's rule) gives out = ⌈n / s⌉ and pads whatever that needs, the odd zero after. " +
		'Height follows the same rule on its own axis. Stride divides the size; padding only adds back what the kernel eats at the borders.',
	misconception:
		"“'same' padding keeps the size.” Only at stride 1: with stride s, 'same' gives ⌈n / s⌉. And in PyTorch, padding='same' is refused for strided convolutions altogether.",
	followUps: [
		'How many parameters and multiply-adds does this layer have with C_in input and C_out output channels?',
		'What padding keeps the size at stride 1 for an odd k? For an even k?',
		'How does a transposed convolution invert this formula, and why is output_padding needed?'
	],
	sources: [
		{
			title: 'Dumoulin & Visin, A guide to convolution arithmetic for deep learning (2016)',
			url: 'https://arxiv.org/abs/1603.07285'
		},
		{
			title: 'PyTorch, torch.nn.Conv2d (output shape)',
			url: 'https://pytorch.org/docs/stable/generated/torch.nn.Conv2d.html'
		}
	]
};
