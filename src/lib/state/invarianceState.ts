/**
 * URL state of the invariance lab: how far the image is moved (dx, dy, in whole pixels) and
 * what fills the strip that moves in (zeros or the pixels that left on the other side).
 * The conv bank's own keys come from the shared bank schema; the image is the shell's.
 */
import { enumField, intField } from './fields';
import type { Field, StateOf } from './urlSchema';
import type { ShiftFill } from '$lib/engine/shift';
import { BANK_MAX, reconcileConvBank, type ConvBankState } from './convBankState';

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
		map: intField(1, BANK_MAX, 1)
	};
}

/**
 * Cross-field rules: the bank's own (reconcileConvBank), then `map` names one of the bank's maps.
 * A link naming map 7 of a 4-kernel bank shows the last map, and says so, rather than carrying a
 * meaningless value on in the address bar.
 */
export function reconcileInvariance<T extends ConvBankState & InvarianceState>(
	state: T,
	notices: string[]
): T {
	const fixed = reconcileConvBank(state, notices);
	const maps = fixed.bank.length;
	if (fixed.map <= maps) return fixed;
	notices.push(
		`Changed map=${fixed.map} to map=${maps}: the conv layer has only ${maps} maps (1 to ${maps}).`
	);
	return { ...fixed, map: maps };
}
