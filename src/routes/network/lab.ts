/** The Network lab's declaration: its URL schema, and what it measures. */
import { defineLab } from '$lib/runtime/labDefinition';
import { networkSchema } from '$lib/state/networkState';
import { fashionClassifierCode } from '$lib/codegen/labCode';
import {
	FASHION_CHANNELS,
	FASHION_DENSE_UNITS,
	FASHION_INPUT_SIZE
} from '$lib/engine/architectures/fashionClassifier';
import { FASHION_CLASSES } from '$lib/engine/fashionClasses';
import { confidencePrediction } from './prediction';

export const lab = defineLab('/network/', {
	schema: networkSchema,
	observables: {
		network: 'the network shown: fashion (the Fashion-MNIST classifier) or selfie',
		layers: 'how many layers (levels) of the network are shown',
		predictedClass: 'the class the classifier predicts for its input',
		probability: 'the probability the classifier gives its predicted class (0–1)',
		trueClass: 'the true class of the test image shown (null for another input)',
		unitLayerShape: 'shape of the selected unit’s layer, H×W×C',
		unitValue: 'the selected unit’s value',
		testAccuracy: 'accuracy on the 10,000 test images (0–1), once the confusion matrix is computed'
	},
	predictions: [confidencePrediction],
	code: (s) =>
		s.model === 'fashion'
			? fashionClassifierCode(
					FASHION_INPUT_SIZE,
					FASHION_CHANNELS,
					FASHION_DENSE_UNITS,
					FASHION_CLASSES.length
				)
			: null
});
