/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/**
 * Offline support for workshops on bad wifi: after one visit, every page, script, .wasm binary,
 * font, sample photo, model and data file is served from the cache, so the app starts with no
 * network at all. `build` holds Vite's output (the TF.js .wasm binaries are bundled there as
 * assets); `files` holds everything in static/ (samples, models/**, data/**); `prerendered`
 * every lab's page. Assets are content-hashed; a new deploy gets a new cache.
 *
 * A new version never takes over by itself: it installs, then waits until the page's "Reload"
 * button posts SKIP_WAITING, so a lesson is never reloaded under the instructor's feet.
 */
import { build, files, prerendered, version } from '$service-worker';
import { PRECACHE_PREFIX, SKIP_WAITING } from '$lib/offline/messages';
import { precache } from '$lib/offline/precache';

const worker = self as unknown as ServiceWorkerGlobalScope;
const CACHE = `${PRECACHE_PREFIX}${version}`;
const ASSETS = [...new Set([...build, ...files, ...prerendered])];
/**
 * The adapter's fallback page (404.html: the app's shell, which routes on the client), shown
 * offline for an address that is no page, where the browser would show its own error. Not in
 * `prerendered`, and a server may not have it (vite preview): cached if it comes, never fatal.
 */
const FALLBACK_PAGE = new URL('404.html', worker.registration.scope).pathname;

async function cacheFallbackPage(cache: Cache) {
	try {
		const response = await fetch(FALLBACK_PAGE);
		const type = response.headers.get('content-type') ?? '';
		if (response.ok && type.includes('html')) await cache.put(FALLBACK_PAGE, response);
	} catch {
		// offline fallback only: the app works without it
	}
}

worker.addEventListener('install', (event) => {
	event.waitUntil(
		caches.open(CACHE).then(async (cache) => {
			// a few files at a time, not all at once: the page's first seconds need the cores (precache.ts)
			await precache(cache, ASSETS);
			await cacheFallbackPage(cache);
		})
	);
});

worker.addEventListener('message', (event) => {
	if (event.data === SKIP_WAITING) void worker.skipWaiting();
});

worker.addEventListener('activate', (event) => {
	event.waitUntil(
		caches
			.keys()
			.then((keys) =>
				Promise.all(
					keys
						.filter((key) => key.startsWith(PRECACHE_PREFIX) && key !== CACHE)
						.map((key) => caches.delete(key))
				)
			)
			.then(() => worker.clients.claim())
	);
});

worker.addEventListener('fetch', (event) => {
	const request = event.request;
	if (request.method !== 'GET') return;
	const url = new URL(request.url);
	if (url.origin !== worker.location.origin) return;
	// serve:lan's current LAN addresses (lanAddress.ts): never from the cache, they change by room.
	if (url.pathname === '/lan.json') return;
	// Room mode's live state (serve:lan --room): never cached (POSTs already pass by, above).
	if (url.pathname.startsWith('/room/api/')) return;
	event.respondWith(
		(async () => {
			const cache = await caches.open(CACHE);
			// Query strings carry lab settings, not different files: /convolution/?k=5 is one page.
			const cached = await cache.match(request, { ignoreSearch: true });
			if (cached) return cached;
			try {
				const response = await fetch(request);
				if (response.ok && response.type === 'basic') await cache.put(request, response.clone());
				return response;
			} catch (error) {
				const page = await cache.match(
					url.pathname.endsWith('/') ? url.pathname : `${url.pathname}/`
				);
				if (page) return page;
				// No such page, and no network to ask: the app's own 404 rather than the browser's error.
				const notFound = request.mode === 'navigate' && (await cache.match(FALLBACK_PAGE));
				if (notFound) {
					return new Response(notFound.body, { status: 404, headers: notFound.headers });
				}
				throw error;
			}
		})()
	);
});
