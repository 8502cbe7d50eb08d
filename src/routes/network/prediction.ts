/** The Network lab's prediction: how sure the classifier is of its top class on this input. */
import type { Prediction } from '$lib/runtime/prediction';
import type { NetworkState } from '$lib/state/networkState';

type Observables = 'network' | 'predictedClass' | 'probability' | 'trueClass';

const percent = (p: number) => Math.round(p * 1000) / 10;

export const confidencePrediction: Prediction<NetworkState, Observables> = {
	id: 'network-confidence',
	question:
		'A Fashion-MNIST classifier looks at an input: how sure (softmax probability) will it be of its top class?',
	prompt: (o, s) =>
		s.model !== 'fashion'
			? 'Switch to the Fashion-MNIST classifier: how sure will it be of its top class for the input shown?'
			: s.src === 'image'
				? 'The Fashion-MNIST classifier sees your photo as a 28×28 grey image, though it never saw a photo in training. How sure (softmax probability of its top class) will it be?'
				: 'How sure (softmax probability of its top class) will the Fashion-MNIST classifier be of the input shown?',
	input: { kind: 'slider', min: 0, max: 100, step: 1, unit: '%' },
	tolerance: { absolute: 10 },
	answer: (o) => (typeof o.probability === 'number' ? percent(o.probability) : null),
	measured: (o) =>
		typeof o.probability === 'number' && typeof o.predictedClass === 'string'
			? {
					value: percent(o.probability),
					text:
						`the classifier says “${o.predictedClass}” with ${percent(o.probability)} %` +
						(typeof o.trueClass === 'string' ? ` (the true class is “${o.trueClass}”).` : '.')
				}
			: null,
	modelAnswer:
		'The softmax turns ten scores into probabilities that sum to 1, so the network always names a class, whatever it is shown. ' +
		'Its top probability is a confidence the network was never trained to calibrate: cross-entropy rewards pushing the right class towards 1 on the training data, not being right about how often it is right. ' +
		'On inputs unlike its training set — a photo, a scribble — the probability can be high for a class that has nothing to do with the picture, which is why a softmax score alone is a weak detector of out-of-distribution inputs. ' +
		'Temperature scaling on held-out data calibrates the probabilities on inputs like the training data; it does not make the network recognise what it has never seen.',
	misconception:
		'“A probability of 0.95 means the network is 95 % sure, so it will be right 95 % of the time.” That holds only for a calibrated model on the data it was calibrated on; modern networks are often over-confident, and on unfamiliar inputs the number says little.',
	followUps: [
		'How would you measure calibration (reliability diagram, expected calibration error)?',
		'What is temperature scaling, and why does it not change the accuracy?',
		'How would you detect that an input is out of distribution?'
	],
	sources: [
		{
			title: 'Guo et al., On Calibration of Modern Neural Networks (ICML 2017)',
			url: 'https://arxiv.org/abs/1706.04599'
		},
		{
			title:
				'Hendrycks & Gimpel, A Baseline for Detecting Misclassified and Out-of-Distribution Examples (ICLR 2017)',
			url: 'https://arxiv.org/abs/1610.02136'
		}
	]
};
