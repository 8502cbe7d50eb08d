/**
 * Reading a lab's settings from the query string: its own schema, the shell's keys allowed
 * (they raise no notice here; the shell checks them), then the lab's cross-field rules. Keys
 * that are neither are `strays`: noticed once, then taken out of the address bar (labPage), so
 * they do not travel on in copied links.
 */
import { isHideFlag } from '$lib/runtime/labDefinition';
import { SHARED_KEYS } from './sharedState';
import { parseState, type ParseResult, type Schema, type StateOf } from './urlSchema';

/**
 * A lab's cross-field rule: returns the fixed state and appends a notice for each change. `params`
 * is the query it was read from, for rules that look at what was (not) given.
 */
export type Reconcile<S extends Schema> = (
	state: StateOf<S>,
	notices: string[],
	params: URLSearchParams
) => StateOf<S>;

export interface LabParseResult<S extends Schema> extends ParseResult<S> {
	/** keys that are neither the lab's nor the shell's, in the order given */
	strays: string[];
}

export function readLabState<S extends Schema>(
	schema: S,
	params: URLSearchParams,
	reconcile?: Reconcile<S>
): LabParseResult<S> {
	// Hide flags of the lab's own controls (`psize_hide=1`) are the lab's, not strays.
	const hideFlags = [...new Set(params.keys())].filter((key) => isHideFlag(schema, key));
	const parsed = parseState(schema, params, [...SHARED_KEYS, ...hideFlags]);
	const notices = [...parsed.notices];
	const state = reconcile ? reconcile(parsed.state, notices, params) : parsed.state;
	const shell: readonly string[] = SHARED_KEYS;
	const strays = [...new Set(params.keys())].filter(
		(key) => !Object.hasOwn(schema, key) && !shell.includes(key) && !hideFlags.includes(key)
	);
	return { state, notices, strays };
}
