/** The FC-vs-conv lab's declaration: its URL schema, and what it measures. */
import { defineLab } from '$lib/runtime/labDefinition';
import { fcVsConvSchema } from '$lib/state/fcVsConvState';
import { fcVsConvCode } from '$lib/codegen/labCode';
import { parameterRatioPrediction } from './prediction';

export const lab = defineLab('/fc-vs-conv/', {
	schema: fcVsConvSchema,
	observables: {
		imageHeight: 'height of the image both layers read, in pixels',
		imageWidth: 'width of the image both layers read, in pixels',
		fcParameters: 'parameters of the fully connected layer (weights + biases)',
		convParameters: 'parameters of the conv layer (weights + biases)',
		fcMultiplyAdds: 'multiply-adds of the fully connected layer per image',
		convMultiplyAdds: 'multiply-adds of the conv layer per image',
		shuffleMaxDifference:
			'largest difference between the FC layer’s outputs on the image and on its shuffled pixels (permuted weights)'
	},
	predictions: [parameterRatioPrediction],
	code: (s, o) =>
		typeof o.imageHeight === 'number' && typeof o.imageWidth === 'number'
			? fcVsConvCode({
					height: o.imageHeight,
					width: o.imageWidth,
					channels: s.ch,
					units: s.units,
					k: s.k
				})
			: null
});
