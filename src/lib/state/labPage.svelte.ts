/**
 * A lab page's URL state: read once from the address bar (notices for whatever was ignored),
 * written back whenever it changes, so a copied URL reproduces the screen. Call during component
 * initialisation (it creates an effect).
 *
 *   const url = labUrlState(poolingSchema(), reconcilePooling);
 *   url.state.psize = 3;        // reactive; lands in the address bar a moment later
 */
import { readLabState, type Reconcile } from './labUrlState';
import { writeQuery } from './urlQuery';
import { serializeState, type Schema, type StateOf } from './urlSchema';

export interface LabUrlState<S extends Schema> {
	/** the lab's settings, deeply reactive */
	state: StateOf<S>;
	/** plain-text sentences about ignored or changed settings */
	readonly notices: readonly string[];
	dismissNotices(): void;
}

export function labUrlState<S extends Schema>(schema: S, reconcile?: Reconcile<S>): LabUrlState<S> {
	// Read once, not tracked: the address bar is this object's output from here on.
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	const parsed = readLabState(schema, new URLSearchParams(window.location.search), reconcile);
	const keys = Object.keys(schema);
	// Noticed, now gone from the address bar: a copied link carries only what is on screen. (The
	// lab's own invalid values go with the first write below, which writes every one of its keys.)
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- an empty set of values, read once
	if (parsed.strays.length) writeQuery(parsed.strays, new URLSearchParams());
	let state = $state(parsed.state);
	let notices = $state(parsed.notices);
	$effect(() => {
		writeQuery(keys, serializeState(schema, state));
	});
	return {
		get state() {
			return state;
		},
		set state(next) {
			state = next;
		},
		get notices() {
			return notices;
		},
		dismissNotices() {
			notices = [];
		}
	};
}
