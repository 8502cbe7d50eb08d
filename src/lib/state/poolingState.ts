/**
 * URL state of the pooling lab: the conv bank in front (bank, bk, relu, input), then the pooling
 * (pool, psize, pstride), the next layer's width for the compute comparison (cout) and what is
 * shown (map, winners, permap). The image is the shell's.
 *
 *   /pooling/?pool=max&psize=3&pstride=2&bank=sobel-x,sobel-y,laplacian,box&cout=128
 */
import { POOL_MODES, type PoolMode } from '$lib/engine/pooling';
import {
	convBankFields,
	reconcileConvBank,
	reconcileShownMap,
	shownMapField,
	type ConvBankSchema
} from './convBankState';
import { boolField, enumField, intField } from './fields';
import type { Field, StateOf } from './urlSchema';

export const COUT_MAX = 1024;

// A type alias, not an interface: only aliases are assignable to Schema's index signature.
export type PoolingSchema = ConvBankSchema & {
	pool: Field<PoolMode>;
	/** window side */
	psize: Field<number>;
	/** step between windows */
	pstride: Field<number>;
	/** output channels of the 3×3 conv layer after pooling, for the compute comparison */
	cout: Field<number>;
	/** which map of the bank is shown large, 1-based like the maps' labels */
	map: Field<number>;
	/** mark the winning input position of each max-pooling window */
	winners: Field<boolean>;
	/** each map in the grid gets its own colour range */
	permap: Field<boolean>;
};
export type PoolingState = StateOf<PoolingSchema>;

/** The lab's schema; a fresh object each call. */
export function poolingSchema(): PoolingSchema {
	return {
		...convBankFields(),
		pool: enumField(POOL_MODES, 'max'),
		psize: intField(2, 4, 2),
		pstride: intField(1, 4, 2),
		cout: intField(1, COUT_MAX, 64),
		map: shownMapField(),
		winners: boolField(true),
		permap: boolField(false)
	};
}

/**
 * Cross-field rules: the bank's (custom kernels fix bk), and `map` must name one of the bank's
 * maps, counted from 1 (see reconcileShownMap).
 */
export function reconcilePooling(state: PoolingState, notices: string[]): PoolingState {
	return reconcileShownMap(reconcileConvBank(state, notices), notices);
}
