/**
 * The service worker's install: every asset into the cache, a few files at a time. One
 * cache.addAll of every asset keeps the browser's network and cache threads and the worker busy
 * together for the install's whole burst, on the cores a first visit's page needs in its first
 * seconds (an upload on /network two seconds after a first visit waited behind it:
 * scripts/profile-network-upload.mjs; request → drawn median 30 → 17 ms, p95 60 → 40 ms with two
 * at a time, bench-network --upload-only --delays=2000, old build interleaved). Any file that fails
 * fails the install, as one addAll would.
 */
export const PRECACHE_AT_ONCE = 2;

export async function precache(
	cache: Pick<Cache, 'addAll'>,
	assets: readonly string[],
	atOnce = PRECACHE_AT_ONCE
): Promise<void> {
	const step = Math.max(1, Math.floor(atOnce));
	for (let i = 0; i < assets.length; i += step) await cache.addAll(assets.slice(i, i + step));
}
