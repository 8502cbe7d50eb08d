/** The Segmentation lab's declaration: its URL schema and rules, and what it measures. */
import { defineLab } from '$lib/runtime/labDefinition';
import { reconcileSegmentation, segmentationSchema } from '$lib/state/segmentationState';
import { bottleneckPrediction, LEVEL_SIZE_OBSERVABLES } from './prediction';

export const lab = defineLab('/segmentation/', {
	schema: segmentationSchema,
	reconcile: reconcileSegmentation,
	observables: {
		mode: 'what makes the mask: scribble (trained here), pretrained (U-Net on scenes) or selfie',
		pictureSize: 'the picture at the working size, H×W',
		skips: 'skip connections on (the U-Net that is shown)',
		depth: 'levels of the U-Net that is shown',
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
	predictions: [bottleneckPrediction]
});
