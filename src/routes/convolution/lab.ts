/** The Convolution lab's declaration: its URL schema and rules, and what it measures. */
import { defineLab } from '$lib/runtime/labDefinition';
import { convolutionSchema, reconcileConvolutionState } from '$lib/state/convolutionState';
import { convolutionCode } from '$lib/codegen/labCode';
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
	predictions: [outputSizePrediction],
	code: (s, o) =>
		typeof o.inputHeight === 'number' && typeof o.inputWidth === 'number'
			? convolutionCode({
					height: o.inputHeight,
					width: o.inputWidth,
					channels: s.mode === 'rgb' ? 3 : 1,
					k: s.k,
					stride: s.stride,
					pad: s.pad,
					dil: s.dil
				})
			: null
});
