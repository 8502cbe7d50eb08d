/**
 * URL state of the fully-connected-vs-convolution lab: the number of units / kernels N, the
 * kernel size k and the input channels C the cost comparison uses, and the output highlighted
 * in the weight-sharing example. The image size is the current image's; the shuffle experiment
 * has no knobs of its own (one fixed seeded permutation; its conv uses k).
 */
import { intChoiceField, intField } from './fields';
import type { Field, StateOf } from './urlSchema';

export const UNITS_MAX = 4096;
/** The weight-sharing example: a 6×6 crop, a 3×3 kernel, so 4×4 outputs. */
export const WEIGHT_SHARING_CROP = 6;
export const WEIGHT_SHARING_KERNEL = 3;
export const WEIGHT_SHARING_OUTPUTS = (WEIGHT_SHARING_CROP - WEIGHT_SHARING_KERNEL + 1) ** 2;

export type FcVsConvSchema = {
	units: Field<number>;
	k: Field<number>;
	ch: Field<1 | 3>;
	/** which output of the weight-sharing example is highlighted, 1 … WEIGHT_SHARING_OUTPUTS */
	pos: Field<number>;
};
export type FcVsConvState = StateOf<FcVsConvSchema>;

/** A fresh schema each call, so no caller can mutate another's fields. */
export function fcVsConvSchema(): FcVsConvSchema {
	return {
		units: intField(1, UNITS_MAX, 256),
		k: intField(1, 11, 3),
		ch: intChoiceField([1, 3] as const, 3),
		pos: intField(1, WEIGHT_SHARING_OUTPUTS, 6)
	};
}
