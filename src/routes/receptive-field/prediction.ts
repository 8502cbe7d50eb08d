/** The Receptive-field lab's prediction: which of the two stacks sees more of the image. */
import { formatLayerCode } from '$lib/engine/architectures/layerCode';
import { PRESET_TITLES } from '$lib/engine/architectures/catalogue';
import type { Prediction } from '$lib/runtime/prediction';
import type { ArchChoice, ReceptiveFieldState } from '$lib/state/receptiveFieldState';
import type { LayerOp } from '$lib/engine/architectures/architecture';

type Observables = 'rfA' | 'rfB' | 'paramsA' | 'paramsB';

// a space after each comma, so a long stack wraps instead of widening the page
const stackName = (arch: ArchChoice, layers: LayerOp[]) =>
	arch === 'custom'
		? `the stack ${formatLayerCode(layers).replaceAll(',', ', ')}`
		: PRESET_TITLES[arch];

/** A receptive field as published: a number, or "h / w" where the axes differ; its larger side. */
export function fieldSide(value: unknown): number | null {
	if (typeof value === 'number') return value;
	if (typeof value !== 'string') return null;
	const sides = value.split('/').map(Number);
	return sides.every(Number.isFinite) ? Math.max(...sides) : null;
}

/** 'a', 'b' or 'same': the stack whose last layer sees more. */
export function largerField(a: number, b: number): 'a' | 'b' | 'same' {
	return a === b ? 'same' : a > b ? 'a' : 'b';
}

const count = (n: unknown) => (typeof n === 'number' ? n.toLocaleString('en') : '…');

export const largerFieldPrediction: Prediction<ReceptiveFieldState, Observables> = {
	id: 'receptive-field-compare',
	question:
		'Three stacked 3×3 convolutions against one 7×7: which last layer sees the larger part of the image, and which needs fewer weights?',
	prompt: (_, s) =>
		`Stack A is ${stackName(s.arch, s.layers)}; stack B is ${stackName(s.archb, s.layersb)}. Which one’s last layer has the larger receptive field?`,
	input: {
		kind: 'choices',
		choices: [
			{ id: 'a', label: 'stack A' },
			{ id: 'same', label: 'the same' },
			{ id: 'b', label: 'stack B' }
		]
	},
	answer: (o) => {
		const [a, b] = [fieldSide(o.rfA), fieldSide(o.rfB)];
		return a === null || b === null ? null : largerField(a, b);
	},
	measured: (o) => {
		const [a, b] = [fieldSide(o.rfA), fieldSide(o.rfB)];
		if (a === null || b === null) return null;
		return {
			value: `${o.rfA} / ${o.rfB}`,
			text: `stack A’s last layer sees ${o.rfA} px, stack B’s ${o.rfB} px; A has ${count(o.paramsA)} weights, B ${count(o.paramsB)}.`
		};
	},
	modelAnswer:
		'Each layer adds (k − 1)·d times the jump of the layer before it to the receptive field, and the jump is the product of the strides so far. ' +
		'So three 3×3 convs at stride 1 see 1 + 2 + 2 + 2 = 7 pixels, exactly what one 7×7 sees; between layers of C channels they need 3·9·C² = 27C² weights against 49C², with two more non-linearities in between. ' +
		'Straight on an RGB image the count changes: a single 7×7 layer reads only 3 channels, while the second and third 3×3 layers read C, so count C_in·C_out·k² layer by layer. ' +
		'That is VGG’s argument for small kernels. Strides and pooling grow the field fastest, because every later layer’s step is multiplied by them.',
	misconception:
		'“The receptive field is what a unit really uses.” It is the theoretical bound: the effective receptive field — where the gradient actually lands — is roughly Gaussian and much smaller, especially at initialisation (see the ERF panel).',
	followUps: [
		'How much larger is the receptive field of two stride-2 layers than of two stride-1 layers?',
		'What does dilation do to the receptive field and to the parameter count?',
		'Why is the effective receptive field smaller than the theoretical one?'
	],
	sources: [
		{
			title:
				'Simonyan & Zisserman, Very Deep Convolutional Networks for Large-Scale Image Recognition (2015)',
			url: 'https://arxiv.org/abs/1409.1556'
		},
		{
			title: 'Luo et al., Understanding the Effective Receptive Field in Deep CNNs (NeurIPS 2016)',
			url: 'https://arxiv.org/abs/1701.04128'
		},
		{
			title:
				'Araujo, Norris & Sim, Computing Receptive Fields of Convolutional Neural Networks (Distill 2019)',
			url: 'https://distill.pub/2019/computing-receptive-fields/'
		}
	]
};
