/**
 * URL state of the fully-connected-vs-convolution lab: the number of units / kernels N, the
 * kernel size k and the input channels C the cost comparison uses. The image size is the
 * current image's; the shuffle experiment has no knobs (one fixed seeded permutation).
 */
import { intChoiceField, intField } from './fields';
import type { Field, StateOf } from './urlSchema';

export const UNITS_MAX = 4096;

export type FcVsConvSchema = {
	units: Field<number>;
	k: Field<number>;
	ch: Field<1 | 3>;
};
export type FcVsConvState = StateOf<FcVsConvSchema>;

/** A fresh schema each call, so no caller can mutate another's fields. */
export function fcVsConvSchema(): FcVsConvSchema {
	return {
		units: intField(1, UNITS_MAX, 256),
		k: intField(1, 11, 3),
		ch: intChoiceField([1, 3] as const, 3)
	};
}
