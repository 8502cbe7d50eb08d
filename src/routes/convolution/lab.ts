/** The Convolution lab's declaration: its URL schema and rules, and what it measures. */
import { defineLab } from '$lib/runtime/labDefinition';
import { convolutionSchema, reconcileConvolutionState } from '$lib/state/convolutionState';
import { outputSizePrediction } from './prediction';

export const lab = defineLab('/convolution/', {
	schema: convolutionSchema,
	reconcile: reconcileConvolutionState,
	observables: {
		inputHeight: 'height of the image the kernel runs over, in pixels',
		inputWidth: 'width of the image the kernel runs over, in pixels',
		outputHeight: 'height of the feature map, in pixels',
		outputWidth: 'width of the feature map, in pixels',
		outputValue: 'the value of the selected output pixel'
	},
	predictions: [outputSizePrediction]
});
