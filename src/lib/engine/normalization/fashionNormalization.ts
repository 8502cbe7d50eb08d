/**
 * The classifier experiment of the normalization lab: softmax regression on the shipped
 * Fashion-MNIST training images under one preprocessing, 100 full-batch steps from zero
 * weights at each learning rate of a grid (side by side), the best rate picked as the one whose
 * training loss soonest falls below the threshold and stays there (ties, or none reaching it:
 * the lowest final loss), then scored on the test images.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { FashionSet } from '../fashionMnistData';
import {
	applyFashionTransform,
	FASHION_DIM,
	rawClassifier,
	type FashionTransform
} from './fashionPreprocessing';
import {
	createSoftmaxTrainer,
	inputSecondMomentTop,
	learningRateGrid,
	softmaxAccuracy
} from './softmaxRegression';
import { stepsToThreshold as stepsBelow } from './softmaxVariant';

export const LOSS_THRESHOLD = 0.6;
export const FASHION_STEPS = 100;

export interface FashionRunOptions {
	steps?: number;
	threshold?: number;
	/** grid exponents k: η = 10^(k/10)·20/λmax; the grid is −20…10 (31 points) */
	gridExponents?: number[];
	/** called after every step with the losses before it, one per grid point */
	onStep?: (step: number, losses: Float32Array) => void;
}

export interface FashionRun {
	preprocessing: FashionTransform['preprocessing'];
	/** λmax of E[x̃x̃ᵀ] of the preprocessed training inputs (with the bias input) */
	lambdaMax: number;
	learningRates: number[];
	/** index of the best learning rate */
	best: number;
	/** [steps + 1] training loss of the best learning rate, before each step and after the last */
	losses: Float32Array;
	/** per learning rate: the step from which the loss stays below the threshold, or null */
	stepsToThreshold: (number | null)[];
	testAccuracy: number;
	/** the best run's classifier on raw [0, 1] pixels: [784, 10] and [10] */
	weights: Float32Array;
	bias: Float32Array;
}

export function runFashionPreprocessing(
	train: FashionSet,
	test: FashionSet,
	transform: FashionTransform,
	options: FashionRunOptions = {}
): FashionRun {
	const { steps = FASHION_STEPS, threshold = LOSS_THRESHOLD, onStep } = options;
	const inputs = tf.tidy(() =>
		applyFashionTransform(tf.tensor2d(train.images, [train.count, FASHION_DIM]), transform)
	);
	const lambdaMax = inputSecondMomentTop(inputs);
	const exponents = options.gridExponents ?? Array.from({ length: 31 }, (_, i) => i - 20);
	const learningRates = exponents.map((k) => learningRateGrid(lambdaMax, k, k)[0]);
	const trainer = createSoftmaxTrainer(inputs, train.labels, learningRates);
	inputs.dispose();
	const curves = learningRates.map(() => new Float32Array(steps + 1));
	try {
		for (let s = 0; s < steps; s++) {
			const losses = trainer.step();
			losses.forEach((v, g) => (curves[g][s] = v));
			onStep?.(s, losses);
		}
		trainer.losses().forEach((v, g) => (curves[g][steps] = v));
		const stepsToThreshold = curves.map((c) => stepsBelow(c, threshold));
		const reach = (g: number) => stepsToThreshold[g] ?? Infinity;
		const final = (g: number) => (Number.isFinite(curves[g][steps]) ? curves[g][steps] : Infinity);
		let best = 0;
		for (let g = 1; g < learningRates.length; g++)
			if (reach(g) < reach(best) || (reach(g) === reach(best) && final(g) < final(best))) best = g;
		const trained = trainer.weights(best);
		const raw = rawClassifier(transform, trained.weights, trained.bias);
		return {
			preprocessing: transform.preprocessing,
			lambdaMax,
			learningRates,
			best,
			losses: curves[best],
			stepsToThreshold,
			testAccuracy: softmaxAccuracy(test.images, test.labels, raw.weights, raw.bias),
			weights: raw.weights,
			bias: raw.bias
		};
	} finally {
		trainer.dispose();
	}
}
