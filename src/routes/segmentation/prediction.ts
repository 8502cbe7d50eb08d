/** The Segmentation lab's prediction: the size of a U-Net level's maps on the learner's picture. */
import type { Prediction } from '$lib/runtime/prediction';
import type { SegmentationState } from '$lib/state/segmentationState';

type Observables = 'mode' | 'pictureSize' | 'depth' | 'level' | 'levelSize';

/** The rows of an "H×W" or "H×W×C" size, or null. */
export function sizeRows(size: unknown): number | null {
	if (typeof size !== 'string') return null;
	const rows = Number(size.split('×')[0]);
	return Number.isInteger(rows) ? rows : null;
}

const unetShown = (o: { mode?: unknown; depth?: unknown }) =>
	o.mode !== 'selfie' && typeof o.depth === 'number';

export const levelSizePrediction: Prediction<SegmentationState, Observables> = {
	id: 'segmentation-level-size',
	question:
		'A U-Net max-pools 2×2 between levels: how many rows do the encoder maps of a given level have for your picture?',
	prompt: (o, s) =>
		s.mode === 'selfie'
			? 'Switch to a U-Net (scribble or pretrained): how many rows will the encoder maps of the level shown have?'
			: typeof o.pictureSize === 'string'
				? `Your picture is ${o.pictureSize} (H×W); the U-Net has ${s.depth} levels with a 2×2 max-pool between them. How many rows do the encoder maps at level ${s.level} have (level 0 is full resolution)?`
				: null,
	input: { kind: 'number', min: 0, step: 1, unit: 'rows' },
	answer: (o) => (unetShown(o) ? sizeRows(o.levelSize) : null),
	measured: (o) => {
		const rows = unetShown(o) ? sizeRows(o.levelSize) : null;
		if (rows === null) return null;
		return {
			value: rows,
			text: `level ${o.level}’s encoder maps are ${o.levelSize} (H×W×C) on the ${o.pictureSize} picture.`
		};
	},
	modelAnswer:
		'Each 2×2 max-pool with stride 2 halves the height and width, so level L has 1/2^L of the rows of level 0. ' +
		'Halving an odd size would lose a row and the decoder could not line its upsampled maps up with the encoder’s, so this U-Net first pads the picture (edge-replicated) to a multiple of 2^(depth − 1) and crops the mask back at the end: level L has ⌈H / 2^(depth − 1)⌉ · 2^(depth − 1 − L) rows. ' +
		'The skip connections concatenate maps of equal size at each level, which is why the sizes must line up exactly.',
	misconception:
		'“Any input size works with any U-Net.” Sizes that are not multiples of 2^(levels − 1) must be padded or cropped, or the skip connections’ maps do not line up with the decoder’s (the original U-Net cropped its encoder maps instead).',
	followUps: [
		'What do the skip connections carry that the bottleneck cannot?',
		'Transposed convolution or resize + conv for upsampling: why does one make checkerboard artefacts?',
		'How does the receptive field of the bottleneck compare with the picture size?'
	],
	sources: [
		{
			title:
				'Ronneberger, Fischer & Brox, U-Net: Convolutional Networks for Biomedical Image Segmentation (2015)',
			url: 'https://arxiv.org/abs/1505.04597'
		},
		{
			title: 'Odena, Dumoulin & Olah, Deconvolution and Checkerboard Artifacts (Distill 2016)',
			url: 'https://distill.pub/2016/deconv-checkerboard/'
		}
	]
};
