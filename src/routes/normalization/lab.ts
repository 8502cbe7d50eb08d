/**
 * The Normalization lab's declaration: its URL schema and what it measures.
 *
 *   /normalization/?target=sobel-x&show=raw01&lr=0.95&iters=20000&clf_lr=1&clf_steps=100
 *
 * `lr` is a multiple of each run's own largest stable step 2/λmax: every run uses
 * η = lr · 2/λmax of its preprocessing, so all five diverge exactly when lr > 1 (the mark on the
 * slider), whatever the image. The best fixed step is lr = κ/(κ + 1), just under 1.
 */
import { normalizationCode } from '$lib/codegen/normalizationCode';
import { KERNEL_PRESETS, PRESET_LABELS, presetKernel } from '$lib/engine/kernelPresets';
import { MAX_STEPS } from '$lib/engine/normalization/gradientDescent';
import { PREPROCESSINGS } from '$lib/engine/normalization/preprocessing';
import { defineLab } from '$lib/runtime/labDefinition';
import {
	CLASSIFIER_RATE_RANGE,
	CLASSIFIER_STEPS_RANGE,
	CLASSIFIER_TRAIN_COUNT
} from '$lib/workers/normalizationProtocol';
import { enumField, intField, numberField } from '$lib/state/fields';
import type { StateOf } from '$lib/state/urlSchema';
import { scalingPrediction } from './prediction';

export const LR_MAX = 1.5;

export function normalizationSchema() {
	return {
		/** the kernel the fit must reproduce: any /convolution preset at 3×3 */
		target: enumField(KERNEL_PRESETS, 'sobel-x'),
		/** the preprocessing whose loss surface, path and kernel are shown large */
		show: enumField(PREPROCESSINGS, 'raw01'),
		/** step as a multiple of each run's 2/λmax */
		lr: numberField(0.01, LR_MAX, 0.95),
		/** iterations cap of every run */
		iters: intField(10, MAX_STEPS, MAX_STEPS),
		/** the classifier runs' step, a multiple of each run's own 20/λmax */
		clf_lr: numberField(CLASSIFIER_RATE_RANGE.min, CLASSIFIER_RATE_RANGE.max, 1),
		/** the classifier runs' number of full-batch steps */
		clf_steps: intField(CLASSIFIER_STEPS_RANGE.min, CLASSIFIER_STEPS_RANGE.max, 100)
	};
}
export type NormalizationState = StateOf<ReturnType<typeof normalizationSchema>>;

export const lab = defineLab('/normalization/', {
	schema: normalizationSchema,
	observables: {
		imageHeight: 'height of the luma image whose 3×3 patches the filter is fitted on, in pixels',
		imageWidth: 'its width, in pixels',
		kappaRaw01: 'κ = λmax/λmin of the patch second-moment matrix, pixels in [0, 1]',
		kappaRaw255: 'κ, pixels in [0, 255]',
		kappaCentred: 'κ, centred patches',
		kappaStandardised: 'κ, centred and divided by one global σ',
		kappaWhitened: 'κ, ZCA-whitened patches',
		lambdaMax: 'λmax of the shown preprocessing',
		lambdaMin: 'λmin of the shown preprocessing',
		iterations:
			'iterations the shown preprocessing’s fit took (to ‖w − w*‖ < 10⁻³‖w*‖, or the cap)',
		diverged: 'did the shown run diverge (lr > 1, i.e. η > 2/λmax)?',
		classifierStepsWhitened:
			'Fashion-MNIST softmax regression: steps until the ZCA-whitened run’s training loss stays below 0.6',
		classifierStepsCentred: 'the same, centred run',
		classifierAccuracyWhitened: 'test accuracy of the ZCA-whitened run (all test images)',
		classifierAccuracyCentred: 'test accuracy of the centred run'
	},
	predictions: [scalingPrediction],
	code: (s, o) =>
		typeof o.imageHeight === 'number' && typeof o.imageWidth === 'number'
			? normalizationCode({
					height: o.imageHeight,
					width: o.imageWidth,
					targetName: PRESET_LABELS[s.target],
					target: presetKernel(s.target, 3),
					show: s.show,
					lr: s.lr,
					iters: s.iters,
					clfRate: s.clf_lr,
					clfSteps: s.clf_steps,
					trainCount: CLASSIFIER_TRAIN_COUNT
				})
			: null
});
