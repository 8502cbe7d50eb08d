/** The Convolution lab's declaration: its URL schema and rules, and what it measures. */
import { defineLab } from '$lib/runtime/labDefinition';
import { convolutionSchema, reconcileConvolutionState } from '$lib/state/convolutionState';

export const lab = defineLab('/convolution/', {
	schema: convolutionSchema,
	reconcile: reconcileConvolutionState
});
