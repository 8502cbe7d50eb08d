/**
 * The batch-norm lab's declaration: its URL schema and what it measures.
 *
 *   /batch-norm/?lr=0.5&layer=3&unit=0&batch=2&cnn_lr=0.002&cnn_x=5
 *
 * `lr` is plain SGD's learning rate for the three variants of Ioffe & Szegedy's network (0.5, 3
 * and 10 are the choices the issue names; the slider allows any value in between); `layer` and
 * `unit` pick the hidden sigmoid unit whose input's percentiles are drawn; `batch` is the batch
 * size of the image panel's training-mode BN; `cnn_lr` and `cnn_x` are the CNN comparison's base
 * Adam rate and the multiple of it the fast pair trains at.
 */
import { defineLab } from '$lib/runtime/labDefinition';
import { intChoiceField, intField, numberField } from '$lib/state/fields';
import { CNN_BASE_RATE } from '$lib/workers/bnCnnTraining';
import type { StateOf } from '$lib/state/urlSchema';
import { ioffeCode } from './code';
import { noisyBnPrediction } from './prediction';

export const LR_CHOICES = [0.5, 3, 10] as const;
export const LR_RANGE = { min: 0.05, max: 10 } as const;
export const PANEL_BATCHES = [2, 8, 60] as const;
/** the CNN comparison's base Adam rate (/network's 0.002 by default) and its high-rate multiple */
export const CNN_LR_RANGE = { min: 0.0001, max: 0.01 } as const;
export const CNN_MULTIPLES = [2, 5, 10] as const;

export function batchNormSchema() {
	return {
		/** plain SGD's learning rate, the same for the three variants */
		lr: numberField(LR_RANGE.min, LR_RANGE.max, 0.5),
		/** the hidden layer (1–3) whose sigmoid input is followed */
		layer: intField(1, 3, 3),
		/** the unit (0–99) of that layer */
		unit: intField(0, 99, 0),
		/** batch size of the image panel's training-mode batch norm */
		batch: intChoiceField(PANEL_BATCHES, 2),
		/** BN in a CNN: Adam's base rate of the four CNNs */
		cnn_lr: numberField(CNN_LR_RANGE.min, CNN_LR_RANGE.max, CNN_BASE_RATE),
		/** BN in a CNN: the high rate as a multiple of the base (Ioffe's BN-x5) */
		cnn_x: intChoiceField(CNN_MULTIPLES, 5)
	};
}
export type BatchNormState = StateOf<ReturnType<typeof batchNormSchema>>;

export const lab = defineLab('/batch-norm/', {
	schema: batchNormSchema,
	observables: {
		step: 'training steps taken by the three variants',
		testStep: 'the step of the last test evaluation (every 50 steps)',
		accuracyPlain: 'test accuracy of the plain sigmoid net at the last evaluation (10,000 images)',
		accuracyBn: 'test accuracy with batch norm at the last evaluation',
		accuracyNoisyBn: 'test accuracy with noisy batch norm at the last evaluation',
		populationBn:
			'test accuracy with batch norm on population statistics (Algorithm 2), last evaluation',
		populationNoisyBn:
			'test accuracy with noisy batch norm on population statistics, last evaluation',
		medianPlain: 'median input to the followed sigmoid unit, plain net, last logged step',
		medianBn: 'median input to the followed sigmoid unit, with BN, last logged step',
		medianNoisyBn: 'median input to the followed sigmoid unit, noisy BN, last logged step'
	},
	predictions: [noisyBnPrediction],
	code: (s) => ioffeCode(s.lr)
});
