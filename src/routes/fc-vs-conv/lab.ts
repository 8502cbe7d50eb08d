/** The FC-vs-conv lab's declaration: its URL schema, and what it measures. */
import { defineLab } from '$lib/runtime/labDefinition';
import { fcVsConvSchema } from '$lib/state/fcVsConvState';
import { parameterRatioPrediction } from './prediction';

export const lab = defineLab('/fc-vs-conv/', {
	schema: fcVsConvSchema,
	observables: {
		fcParameters: 'parameters of the fully connected layer (weights + biases)',
		convParameters: 'parameters of the conv layer (weights + biases)',
		fcMultiplyAdds: 'multiply-adds of the fully connected layer per image',
		convMultiplyAdds: 'multiply-adds of the conv layer per image',
		shuffleMaxDifference:
			'largest difference between the FC layer’s outputs on the image and on its shuffled pixels (permuted weights)'
	},
	predictions: [parameterRatioPrediction]
});
