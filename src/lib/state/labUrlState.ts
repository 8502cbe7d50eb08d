/**
 * Reading a lab's settings from the query string: its own schema, the shell's keys allowed
 * (they raise no notice here; the shell checks them), then the lab's cross-field rules. Keys
 * that are neither are `strays`: noticed once, then taken out of the address bar (labPage), so
 * they do not travel on in copied links.
 */
import { SHARED_KEYS } from './sharedState';
import { parseState, type ParseResult, type Schema, type StateOf } from './urlSchema';

/** A lab's cross-field rule: returns the fixed state and appends a notice for each change. */
export type Reconcile<S extends Schema> = (state: StateOf<S>, notices: string[]) => StateOf<S>;

export interface LabParseResult<S extends Schema> extends ParseResult<S> {
	/** keys that are neither the lab's nor the shell's, in the order given */
	strays: string[];
}

export function readLabState<S extends Schema>(
	schema: S,
	params: URLSearchParams,
	reconcile?: Reconcile<S>
): LabParseResult<S> {
	const parsed = parseState(schema, params, [...SHARED_KEYS]);
	const notices = [...parsed.notices];
	const state = reconcile ? reconcile(parsed.state, notices) : parsed.state;
	const shell: readonly string[] = SHARED_KEYS;
	const strays = [...new Set(params.keys())].filter(
		(key) => !Object.hasOwn(schema, key) && !shell.includes(key)
	);
	return { state, notices, strays };
}
