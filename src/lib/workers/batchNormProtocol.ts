/**
 * The batch-norm lab's own messages on top of the training protocol (src/lib/training/protocol.ts):
 * a variant is one of Ioffe's network's three forms; the page asks the worker to load the shipped
 * Fashion-MNIST and to follow one hidden sigmoid unit (its percentile band); the worker replies
 * with the data's size and the unit's band. Kept apart from the worker so the checks are
 * unit-tested in Node.
 */
import { BN_VARIANTS, type BnVariant } from '../engine/batchNorm/ioffeNetwork';
import type { PercentileBand } from '../engine/batchNorm/percentileHistory';
import type { WeightSnapshot } from '../training/protocol';

export const BATCH_NORM_BATCH = 60;
/** plain SGD's rates: the lab offers 0.5, 3 and 10 (Ioffe's "BN-x5" and beyond) */
export const LEARNING_RATES = { min: 0.01, max: 10 } as const;
/** test accuracy on the whole test split every this many steps */
export const TEST_EVERY = 50;

export interface BatchNormConfig {
	variant: BnVariant;
	/** sd of the initial weights (default the engine's INIT_SD; the tests train larger ones) */
	initSd?: number;
}

/** the hidden layer (1–3) and unit (0–99) whose sigmoid input the bands follow */
export interface FollowedUnit {
	layer: number;
	unit: number;
}

/** Page → worker (inside a `task` command). */
export type BatchNormTask =
	/** load the shipped set (`testCount` test images: all 10,000 unless fewer are asked for) */
	| { type: 'data'; dataUrl: string; testCount?: number }
	/** follow another unit: its whole band so far comes back (`replace`) */
	| ({ type: 'follow' } & FollowedUnit)
	/** every variant's current weights, for a download */
	| { type: 'weights' };

/** Worker → page (inside a `task` event). */
export type BatchNormReply =
	| { type: 'data'; trainCount: number; testCount: number }
	/** every variant's weights after `step` steps at rate `lr` (buffers transferred) */
	| { type: 'weights'; step: number; lr: number; variants: Record<string, WeightSnapshot> }
	/**
	 * The followed unit's percentile band per variant, for the steps logged since the last reply
	 * (or, with `replace`, all of them: a new unit or a fresh run).
	 */
	| ({
			type: 'bands';
			replace: boolean;
			bands: Record<string, PercentileBand>;
			/** the followed unit's BN parameters now, per variant with BN (null: the plain net) */
			parameters: Record<string, UnitParameters | null>;
	  } & FollowedUnit);

/** One BN unit's learned scale and shift and its running averages. */
export interface UnitParameters {
	gamma: number;
	beta: number;
	runningMean: number;
	runningVariance: number;
}

export function parseBatchNormConfig(value: unknown): BatchNormConfig | null {
	if (!value || typeof value !== 'object') return null;
	const { variant, initSd } = value as Record<string, unknown>;
	if (!BN_VARIANTS.includes(variant as BnVariant)) return null;
	if (initSd === undefined) return { variant: variant as BnVariant };
	return typeof initSd === 'number' && initSd > 0 && initSd <= 1
		? { variant: variant as BnVariant, initSd }
		: null;
}

const isInt = (v: unknown, min: number, max: number): v is number =>
	typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;

export function parseBatchNormTask(value: unknown): BatchNormTask | null {
	if (!value || typeof value !== 'object') return null;
	const m = value as Record<string, unknown>;
	if (m.type === 'weights') return { type: 'weights' };
	if (m.type === 'follow')
		return isInt(m.layer, 1, 3) && isInt(m.unit, 0, 99)
			? { type: 'follow', layer: m.layer, unit: m.unit }
			: null;
	if (m.type !== 'data' || typeof m.dataUrl !== 'string' || !m.dataUrl.endsWith('/')) return null;
	if (m.testCount === undefined) return { type: 'data', dataUrl: m.dataUrl };
	return isInt(m.testCount, 1, 100_000)
		? { type: 'data', dataUrl: m.dataUrl, testCount: m.testCount }
		: null;
}
