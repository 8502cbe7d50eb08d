/**
 * What a lab declares once, for the runtime, the shell and the interview mode alike: its URL
 * schema and cross-field rules, the per-control hide flags that come with the schema, and the
 * observables — the named numbers it measures.
 *
 *   export const poolingLab = defineLab('/pooling/', {
 *     schema: poolingSchema,
 *     reconcile: reconcilePooling,
 *     observables: { pooledSize: 'pooled map size (H×W)' }
 *   });
 */
import { LABS, type Lab, type LabPath } from '$lib/labs';
import type { Reconcile } from '$lib/state/labUrlState';
import { defaultState, serializeState, type Schema, type StateOf } from '$lib/state/urlSchema';
import type { CodeListing } from '$lib/codegen/listing';
import type { ObservedNow, Prediction } from './prediction';

/** A value a lab measured and shows, readable by code outside the lab (the interview mode). */
export type Observed = number | string | boolean | null;

export interface LabSpec<S extends Schema, O extends string = string> {
	// Method syntax keeps the hooks bivariant, so every lab's definition is a LabDefinition.
	/** a fresh schema object each call */
	schema(): S;
	/** cross-field rules applied after parsing; appends a notice per change */
	reconcile?(...args: Parameters<Reconcile<S>>): StateOf<S>;
	/** the state as written to the URL (e.g. a derived field reset to its default); identity if absent */
	toUrl?(state: StateOf<S>): StateOf<S>;
	/** observable name → what it is, in words a learner reads ("pooled map size") */
	observables?: Record<O, string>;
	/** questions the learner answers before looking, revealed from the observables (prediction.ts) */
	predictions?: readonly Prediction<NoInfer<StateOf<S>>, NoInfer<O>>[];
	/** the PyTorch and Keras code that build what is on screen (src/lib/codegen); null while unknown */
	code?(state: NoInfer<StateOf<S>>, observed: ObservedNow<NoInfer<O>>): CodeListing | null;
}

export interface LabDefinition<
	S extends Schema = Schema,
	O extends string = string
> extends LabSpec<S, O> {
	meta: Lab;
}

export function defineLab<S extends Schema, O extends string = never>(
	path: LabPath,
	spec: LabSpec<S, O>
): LabDefinition<S, O> {
	const meta = LABS.find((lab) => lab.path === path);
	if (!meta) throw new Error(`No lab at ${path} in src/lib/labs.ts`);
	return { meta, ...spec };
}

/** The suffix of a hide flag: `psize_hide=1` hides the pool-size control (TensorFlow Playground's convention). */
export const HIDE_SUFFIX = '_hide';
/** Areas of the page that can be hidden as well as each control. */
export const HIDEABLE_AREAS = ['explain', 'intro', 'controls', 'details'] as const;
export type HideableArea = (typeof HIDEABLE_AREAS)[number];

const TRUE_TEXT = new Set(['1', 'true', 'yes', '']);

/**
 * The controls and areas `params` hides: every `<key>_hide` whose key is one of the schema's or an
 * area, and whose value is 1/true/yes (or empty). Anything else is not a hide flag: the caller
 * reports it as unknown, as for any stray key.
 */
export function hiddenKeys(schema: Schema, params: URLSearchParams): Set<string> {
	const hidden = new Set<string>();
	for (const [key, value] of params) {
		if (!key.endsWith(HIDE_SUFFIX)) continue;
		const target = key.slice(0, -HIDE_SUFFIX.length);
		if (!isHideable(schema, target)) continue;
		if (TRUE_TEXT.has(value.toLowerCase())) hidden.add(target);
		else hidden.delete(target);
	}
	return hidden;
}

/** Is `key` a hide flag this schema accepts (`psize_hide`, `explain_hide`)? */
export function isHideFlag(schema: Schema, key: string): boolean {
	return key.endsWith(HIDE_SUFFIX) && isHideable(schema, key.slice(0, -HIDE_SUFFIX.length));
}

function isHideable(schema: Schema, target: string): boolean {
	return Object.hasOwn(schema, target) || (HIDEABLE_AREAS as readonly string[]).includes(target);
}

/**
 * The query text that puts `lab` into `state` with `hide` hidden: what the interview mode and an
 * instructor's prepared link use. Only values that differ from the defaults are written.
 */
export function labQuery<S extends Schema>(
	lab: LabDefinition<S>,
	state: Partial<StateOf<S>>,
	hide: readonly string[] = []
): string {
	const schema = lab.schema();
	const full = { ...defaultState(schema), ...state } as StateOf<S>;
	const params = serializeState(schema, lab.toUrl ? lab.toUrl(full) : full);
	for (const key of hide) {
		if (!isHideable(schema, key)) throw new RangeError(`${lab.meta.path} has no control "${key}"`);
		params.set(key + HIDE_SUFFIX, '1');
	}
	return params.toString().replaceAll('%2C', ',');
}
