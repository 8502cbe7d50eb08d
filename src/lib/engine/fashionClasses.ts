/**
 * Fashion-MNIST's labels and input side, without TF.js: a page can show them (test-image
 * captions, the class-score chart) before, and without, loading the classifier's code
 * (architectures/fashionClassifier.ts imports tfjs-layers, and re-exports these).
 */

/** Fashion-MNIST's labels 0–9, in the dataset's order. */
export const FASHION_CLASSES = [
	'T-shirt/top',
	'Trouser',
	'Pullover',
	'Dress',
	'Coat',
	'Sandal',
	'Shirt',
	'Sneaker',
	'Bag',
	'Ankle boot'
] as const;

/** The classifier's input is FASHION_SIDE × FASHION_SIDE × 1. */
export const FASHION_SIDE = 28;
