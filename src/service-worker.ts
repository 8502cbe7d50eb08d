/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/**
 * Offline support for workshops on bad wifi: after one visit, every page, script, .wasm binary,
 * font and sample photo is served from the cache, so the app starts with no network at all.
 * Assets are content-hashed; a new deploy gets a new cache and the old one is deleted.
 */
import { build, files, prerendered, version } from '$service-worker';

const worker = self as unknown as ServiceWorkerGlobalScope;
const CACHE = `convlab-${version}`;
const ASSETS = [...build, ...files, ...prerendered];

worker.addEventListener('install', (event) => {
	event.waitUntil(
		caches
			.open(CACHE)
			.then((cache) => cache.addAll(ASSETS))
			.then(() => worker.skipWaiting())
	);
});

worker.addEventListener('activate', (event) => {
	event.waitUntil(
		caches
			.keys()
			.then((keys) =>
				Promise.all(keys.filter((key) => key !== CACHE).map((key) => caches.delete(key)))
			)
			.then(() => worker.clients.claim())
	);
});

worker.addEventListener('fetch', (event) => {
	const request = event.request;
	if (request.method !== 'GET') return;
	const url = new URL(request.url);
	if (url.origin !== worker.location.origin) return;
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
