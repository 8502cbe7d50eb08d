/** The Segmentation lab's declaration: its URL schema and rules, and what it measures. */
import { unetCode } from '$lib/codegen/unetCode';
import type { UNetConfig } from '$lib/engine/segmentation/unet';
import { defineLab } from '$lib/runtime/labDefinition';
import type { Observed } from '$lib/runtime/labDefinition';
import { reconcileSegmentation, segmentationSchema } from '$lib/state/segmentationState';
import { bottleneckPrediction, LEVEL_SIZE_OBSERVABLES } from './prediction';

/** The rest of the shown U-Net's architecture (depth and skips are observed on their own). */
export function unetObservations(
	net: UNetConfig | null
): Record<'base' | 'upsampling' | 'upKernel' | 'batchNorm' | 'classes', Observed> {
	return {
		base: net?.base ?? null,
		upsampling: net?.upsampling ?? null,
		upKernel: net?.upKernel ?? null,
		batchNorm: net?.batchNorm ?? null,
		classes: net?.classes ?? null
	};
}

export const lab = defineLab('/segmentation/', {
	schema: segmentationSchema,
	reconcile: reconcileSegmentation,
	observables: {
		mode: 'what makes the mask: scribble (trained here), pretrained (U-Net on scenes) or selfie',
		pictureSize: 'the picture at the working size, H×W',
		skips: 'skip connections on (the U-Net that is shown)',
		depth: 'levels of the U-Net that is shown',
		base: 'channels of the shown U-Net’s first level (level l has base·2^l)',
		upsampling: 'how the shown U-Net upsamples: transposed (conv) or resize (+ 3×3 conv)',
		upKernel: 'kernel side of its transposed convs',
		batchNorm: 'batch norm after its convs',
		classes: 'classes it scores per pixel',
		level: 'the level whose encoder and decoder maps are shown (0 = full resolution)',
		levelSize: 'size of the shown level’s encoder maps, H×W×C',
		painted: 'scribble pixels painted, all classes',
		step: 'training steps taken since the last reset (scribble mode)',
		loss: 'masked cross-entropy of the last training step (scribble mode)',
		iou: 'IoU of the mask shown against the scene’s exact mask (null without a scene or before training)',
		boundaryF: 'boundary F-score (2 px) of the mask shown against the scene’s exact mask',
		pixelAccuracy: 'fraction of pixels the mask shown gets right against the scene’s exact mask',
		...LEVEL_SIZE_OBSERVABLES
	},
	predictions: [bottleneckPrediction],
	// The U-Net that makes the mask, at the size it reads; the selfie model is a pretrained graph.
	code: (s, o) => {
		const input = typeof o.netInputSize === 'string' ? o.netInputSize.split('×').map(Number) : [];
		const { depth, skips, base, upsampling, upKernel, batchNorm, classes } = o;
		if (
			s.mode === 'selfie' ||
			input.length !== 2 ||
			typeof depth !== 'number' ||
			typeof skips !== 'boolean' ||
			typeof base !== 'number' ||
			(upsampling !== 'transposed' && upsampling !== 'resize') ||
			typeof upKernel !== 'number' ||
			typeof batchNorm !== 'boolean' ||
			typeof classes !== 'number'
		)
			return null;
		return unetCode({
			config: { depth, skips, base, upsampling, upKernel, batchNorm, classes },
			input: [input[0], input[1]],
			mode: s.mode
		});
	}
});
