/**
 * Reading a lab's settings from the query string: its own schema, the shell's keys allowed
 * (they raise no notice here; the shell checks them), then the lab's cross-field rules.
 */
import { SHARED_KEYS } from './sharedState';
import { parseState, type ParseResult, type Schema, type StateOf } from './urlSchema';

/** A lab's cross-field rule: returns the fixed state and appends a notice for each change. */
export type Reconcile<S extends Schema> = (state: StateOf<S>, notices: string[]) => StateOf<S>;

export function readLabState<S extends Schema>(
	schema: S,
	params: URLSearchParams,
	reconcile?: Reconcile<S>
): ParseResult<S> {
	const parsed = parseState(schema, params, [...SHARED_KEYS]);
	const notices = [...parsed.notices];
	const state = reconcile ? reconcile(parsed.state, notices) : parsed.state;
	return { state, notices };
}
