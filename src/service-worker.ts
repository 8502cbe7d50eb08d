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

const worker = self as unknown as ServiceWorkerGlobalScope;
const CACHE = `${PRECACHE_PREFIX}${version}`;
const ASSETS = [...new Set([...build, ...files, ...prerendered])];

worker.addEventListener('install', (event) => {
	event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(ASSETS)));
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
				const fallback = await cache.match(
					url.pathname.endsWith('/') ? url.pathname : `${url.pathname}/`
				);
				if (fallback) return fallback;
				throw error;
			}
		})()
	);
});
