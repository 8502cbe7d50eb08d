/**
 * URL state of the invariance lab: how far the image is moved (dx, dy, in whole pixels) and
 * what fills the strip that moves in (zeros or the pixels that left on the other side).
 * The conv bank's own keys come from the shared bank schema; the image is the shell's.
 */
import { enumField, intField } from './fields';
import type { Field, StateOf } from './urlSchema';
import type { ShiftFill } from '$lib/engine/shift';
import {
	reconcileConvBank,
	reconcileShownMap,
	shownMapField,
	type ConvBankState
} from './convBankState';

/** Largest shift either way; the similarity curve runs to MAX_CURVE_SHIFT. */
export const SHIFT_MAX = 64;
export const MAX_CURVE_SHIFT = 32;

export type InvarianceSchema = {
	dx: Field<number>;
	dy: Field<number>;
	fill: Field<ShiftFill>;
	/** which map of the bank the difference view shows, 1-based like the tiles' labels */
	map: Field<number>;
};
export type InvarianceState = StateOf<InvarianceSchema>;

/** A fresh schema each call, so no caller can mutate another's fields. */
export function invarianceSchema(): InvarianceSchema {
	return {
		dx: intField(-SHIFT_MAX, SHIFT_MAX, 3),
		dy: intField(-SHIFT_MAX, SHIFT_MAX, 0),
		fill: enumField(['zero', 'wrap'] as const, 'zero'),
		map: shownMapField()
	};
}

/** Cross-field rules of the lab's whole state (bank and shift keys): the bank's, then `map`'s. */
export function reconcileInvariance<T extends ConvBankState & InvarianceState>(
	state: T,
	notices: string[]
): T {
	return reconcileShownMap(reconcileConvBank(state, notices), notices);
}
