/**
 * Writes settings into the address bar without a navigation, so a copied URL reproduces the
 * screen. Each owner (the shell, a lab) writes only its own keys and keeps everyone else's.
 *
 * Writes are batched: dragging a slider changes state 60 times a second, history.replaceState
 * costs ~2–3 ms a call and Chromium throttles pages that call it too often. Pending changes
 * land in the address bar once the controls have been still for WRITE_DELAY_MS.
 */
import { replaceState } from '$app/navigation';
import { page } from '$app/state';
import { quietRouteAnnouncer } from './routeAnnouncer';

const WRITE_DELAY_MS = 150;
const pending = new Map<string, string | null>();
const listeners = new Set<(search: string) => void>();

/** Hear every write to the address bar (the shell remembers each lab's last settings). */
export function onQueryWritten(listener: (search: string) => void): () => void {
	listeners.add(listener);
	return () => listeners.delete(listener);
}
let timer: ReturnType<typeof setTimeout> | undefined;

/** Set `values` for `keys` (a key absent from `values` is removed), keeping other keys untouched. */
export function writeQuery(keys: readonly string[], values: URLSearchParams): void {
	for (const key of keys) pending.set(key, values.get(key));
	clearTimeout(timer);
	timer = setTimeout(flushQuery, WRITE_DELAY_MS);
}

/** Apply pending writes now (also called on a timer). */
export function flushQuery(): void {
	clearTimeout(timer);
	if (pending.size === 0) return;
	const url = new URL(window.location.href);
	for (const [key, value] of pending) {
		if (value === null || value === '') url.searchParams.delete(key);
		else url.searchParams.set(key, value);
	}
	pending.clear();
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

/**
 * Forget pending writes of `keys`: a navigation has just put new values in the address bar, and a
 * write queued from the old screen must not land on top of them.
 */
export function dropPendingQuery(keys: readonly string[]): void {
	for (const key of keys) pending.delete(key);
}
