/**
 * The Segmentation lab's prediction: the size of the U-Net's bottleneck for the learner's picture.
 * The lab publishes what the U-Net reads and the sizes of its levels' maps (labPictures.ts).
 */
import type { Prediction } from '$lib/runtime/prediction';
import type { SegmentationState } from '$lib/state/segmentationState';

type Observables = 'netInputSize' | 'bottleneckSize' | 'depth';

export const LEVEL_SIZE_OBSERVABLES: Record<'netInputSize' | 'bottleneckSize', string> = {
	netInputSize: 'the picture as the U-Net reads it, before its padding, H×W',
	bottleneckSize: 'size of the U-Net’s deepest (bottleneck) encoder maps, H×W×C'
};

/** The two observables from what the U-Net reads and its levels' shapes; null for no U-Net. */
export function levelSizeObservations(
	input: readonly [number, number] | null,
	levels: readonly { height: number; width: number; channels: number }[]
): Record<'netInputSize' | 'bottleneckSize', string | null> {
	const deepest = levels.at(-1);
	return {
		netInputSize: input ? `${input[0]}×${input[1]}` : null,
		bottleneckSize:
			input && deepest ? `${deepest.height}×${deepest.width}×${deepest.channels}` : null
	};
}

/** The rows of an "H×W" or "H×W×C" size, or null. */
export function sizeRows(size: unknown): number | null {
	if (typeof size !== 'string') return null;
	const rows = Number(size.split('×')[0]);
	return Number.isInteger(rows) ? rows : null;
}

export const bottleneckPrediction: Prediction<SegmentationState, Observables> = {
	id: 'segmentation-bottleneck-size',
	question:
		'A U-Net max-pools 2×2 between its levels: how many rows do the bottleneck’s maps have for your picture?',
	prompt: (o, s) =>
		s.mode === 'selfie'
			? 'Switch to a U-Net (scribble or pretrained): how many rows will its bottleneck’s maps have?'
			: typeof o.netInputSize === 'string' && typeof o.depth === 'number'
				? `The U-Net reads your picture at ${o.netInputSize} (H×W) and has ${o.depth} levels, a 2×2 max-pool between each two. How many rows do its deepest (bottleneck) maps have?`
				: null,
	input: { kind: 'number', min: 0, step: 1, unit: 'rows' },
	answer: (o) => sizeRows(o.bottleneckSize),
	measured: (o) => {
		const rows = sizeRows(o.bottleneckSize);
		if (rows === null) return null;
		return {
			value: rows,
			text: `the bottleneck’s maps are ${o.bottleneckSize} (H×W×C) for the ${o.netInputSize} input.`
		};
	},
	modelAnswer:
		'Each 2×2 max-pool with stride 2 halves the height and the width, so a U-Net of D levels ends 2^(D − 1) times smaller than its input. ' +
		'Halving an odd size would drop a row, and the decoder’s upsampled maps would no longer line up with the encoder’s at the skip connections; so this U-Net first pads the picture (edge-replicated) to a multiple of 2^(D − 1) and crops the mask back at the end. ' +
		'Its bottleneck therefore has ⌈H / 2^(D − 1)⌉ rows. ' +
		'That small, deep map sees the whole picture; the skip connections bring back the fine detail it has lost.',
	misconception:
		'“Any input size works with any U-Net.” Sizes that are not multiples of 2^(levels − 1) must be padded or cropped, or the skip connections’ maps do not line up with the decoder’s (the original U-Net cropped its encoder maps instead).',
	followUps: [
		'What do the skip connections carry that the bottleneck cannot?',
		'Transposed convolution or resize + conv for upsampling: why does one make checkerboard artefacts?',
		'How large is the bottleneck’s receptive field compared with the picture?'
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
