/** The Segmentation lab's declaration: its URL schema and rules, and what it measures. */
import { defineLab } from '$lib/runtime/labDefinition';
import { reconcileSegmentation, segmentationSchema } from '$lib/state/segmentationState';

export const lab = defineLab('/segmentation/', {
	schema: segmentationSchema,
	reconcile: reconcileSegmentation
});
