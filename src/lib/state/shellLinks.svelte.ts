/**
 * In-app links that keep the screen: every link carries the shell's shared settings (image,
 * size, backend, projector) and a link to a lab also carries that lab's own last settings from
 * this browser session, so Convolution → Home → Convolution comes back to the same kernel.
 * Each lab's query is kept in sessionStorage (per tab, gone when the tab closes).
 */
import { LABS } from '$lib/labs';
import { readItem, safeStorage, writeItem } from './safeStorage';
import { linkWithQuery, ownQueryText } from './sharedState';

const STORAGE_PREFIX = 'convlab:query:';

class ShellLinks {
	/** the shell's shared settings as URL text (defaults left out) */
	shared = $state('');
	/** lab path → its own settings as URL text, as last seen in this session */
	own = $state<Record<string, string>>({});
}

export const shellLinks = new ShellLinks();

function labOf(pathname: string): string | undefined {
	return LABS.find((lab) => pathname.endsWith(lab.path))?.path;
}

/** Load what this tab remembered before a reload. */
export function restoreLabQueries(): void {
	// Storage can be disabled (privacy settings); links then carry shared settings only.
	const storage = safeStorage('sessionStorage');
	for (const lab of LABS) {
		const text = readItem(storage, STORAGE_PREFIX + lab.path);
		if (text !== null) shellLinks.own[lab.path] = text;
	}
}

/** Remember the lab's own settings from the address `pathname` + `search` (non-lab pages: no-op). */
export function rememberLabQuery(pathname: string, search: string): void {
	const lab = labOf(pathname);
	if (!lab) return;
	const text = ownQueryText(search);
	if (shellLinks.own[lab] === text) return;
	shellLinks.own[lab] = text;
	writeItem(safeStorage('sessionStorage'), STORAGE_PREFIX + lab, text);
}

/**
 * `resolved` (an address from resolve()) with the shared settings, and a lab's own ones when
 * `path` is a lab: the href for a nav link, a home-page card, the brand.
 */
export function hrefTo(resolved: string, path: string): string {
	const lab = labOf(path);
	return linkWithQuery(resolved, shellLinks.shared, lab ? (shellLinks.own[lab] ?? '') : '');
}
