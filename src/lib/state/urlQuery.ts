/**
 * Writes settings into the address bar without a navigation, so a copied URL reproduces the
 * screen. Each owner (the shell, a lab) writes only its own keys and keeps everyone else's.
 *
 * Writes are batched: dragging a slider changes state 60 times a second, history.replaceState
 * costs ~2–3 ms a call and Chromium throttles pages that call it too often. Pending changes
 * land in the address bar once the controls have been still for WRITE_DELAY_MS (at most
 * WRITE_MAX_WAIT_MS after the first), or at once for a discrete choice (queryBatch.ts says why).
 */
import { replaceState } from '$app/navigation';
import { page } from '$app/state';
import { queryBatch, type QueryChanges } from './queryBatch';
import { quietRouteAnnouncer } from './routeAnnouncer';

const WRITE_DELAY_MS = 150;
/** However busy the controls, pending changes land this soon after the first (queryBatch). */
const WRITE_MAX_WAIT_MS = 500;
const listeners = new Set<(search: string) => void>();

/** Hear every write to the address bar (the shell remembers each lab's last settings). */
export function onQueryWritten(listener: (search: string) => void): () => void {
	listeners.add(listener);
	return () => listeners.delete(listener);
}

function applyToAddressBar(changes: QueryChanges): void {
	const url = new URL(window.location.href);
	for (const [key, value] of changes) {
		if (value === null || value === '') url.searchParams.delete(key);
		else url.searchParams.set(key, value);
	}
	// Commas in custom kernels read better than %2C, and both parse the same.
	url.search = url.search.replaceAll('%2C', ',');
	if (url.search === window.location.search) return;
	quietRouteAnnouncer();
	try {
		// Same page, new query: there is no route to resolve().
		// eslint-disable-next-line svelte/no-navigation-without-resolve
		replaceState(url, page.state);
	} catch {
		// Before SvelteKit's router has started, fall back to the History API directly.
		history.replaceState(history.state, '', url);
	}
	for (const listener of listeners) listener(url.search);
}

const batch = queryBatch(applyToAddressBar, {
	delayMs: WRITE_DELAY_MS,
	maxWaitMs: WRITE_MAX_WAIT_MS
});

/**
 * Set `values` for `keys` (a key absent from `values` is removed), keeping other keys untouched.
 * `now`: a discrete choice (an image picked, a toggle) lands at once, with anything pending.
 */
export function writeQuery(
	keys: readonly string[],
	values: URLSearchParams,
	options?: { now?: boolean }
): void {
	batch.write(keys, values, options);
}

/** Apply pending writes now (also called on a timer). */
export function flushQuery(): void {
	batch.flush();
}

/**
 * Forget pending writes of `keys`: a navigation has just put new values in the address bar, and a
 * write queued from the old screen must not land on top of them.
 */
export function dropPendingQuery(keys: readonly string[]): void {
	batch.drop(keys);
}
