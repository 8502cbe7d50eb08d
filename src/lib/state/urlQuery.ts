/**
 * Writes settings into the address bar without a navigation, so a copied URL reproduces the
 * screen. Each owner (the shell, a lab) writes only its own keys and keeps everyone else's.
 */
import { replaceState } from '$app/navigation';
import { page } from '$app/state';

/** Set `values` (undefined or '' removes the key) for `keys`, keeping other keys untouched. */
export function writeQuery(keys: readonly string[], values: URLSearchParams): void {
	const url = new URL(window.location.href);
	for (const key of keys) url.searchParams.delete(key);
	for (const [key, value] of values) if (value !== '') url.searchParams.set(key, value);
	// Commas in custom kernels read better than %2C, and both parse the same.
	url.search = url.search.replaceAll('%2C', ',');
	if (url.search === window.location.search) return;
	try {
		// Same page, new query: there is no route to resolve().
		// eslint-disable-next-line svelte/no-navigation-without-resolve
		replaceState(url, page.state);
	} catch {
		// Before SvelteKit's router has started, fall back to the History API directly.
		history.replaceState(history.state, '', url);
	}
}
