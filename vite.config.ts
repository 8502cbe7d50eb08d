import { sveltekit } from '@sveltejs/kit/vite';
import { availableParallelism } from 'node:os';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

/**
 * `vite preview` gzips every response as it sends it, the .wasm binaries, models and data
 * included. Over loopback that buys nothing, and the browser tests (a fresh cache per test) paid
 * for it in CPU: with PREVIEW_NO_GZIP set (playwright.config.ts does) the preview server sends
 * files as they are. A workshop served over wifi keeps the compression.
 */
const previewWithoutGzip: Plugin = {
	name: 'convlab:preview-without-gzip',
	configurePreviewServer(server) {
		if (!process.env.PREVIEW_NO_GZIP) return;
		// runs before vite adds its compression middleware, which reads accept-encoding
		server.middlewares.use((req, _res, next) => {
			delete req.headers['accept-encoding'];
			next();
		});
	}
};

/** Unit tests that replace globals or import a worker module for its side effects. */
const ISOLATED = ['tests/unit/workers/**/*.test.ts', 'tests/unit/scripts/**/*.test.ts'];

export default defineConfig({
	plugins: [sveltekit(), previewWithoutGzip],
	server: { fs: { allow: ['node_modules/@tensorflow'] } },
	// Training workers load TF.js's WASM backend with dynamic imports: ES-module workers only.
	worker: { format: 'es' },
	test: {
		testTimeout: 30_000,
		// Vitest's default is one worker fewer than the cores: one worker on a 2-core machine, with
		// the other core idle (73.7 s of wall for 54 s of tests). Every core.
		maxWorkers: availableParallelism(),
		projects: [
			{
				// One module graph per worker thread (TF.js and its WASM binary load once, not once per
				// file): most of this project's time was spent importing, not testing.
				extends: true,
				test: {
					name: 'node',
					include: ['tests/unit/**/*.test.ts'],
					exclude: ['tests/unit/dom/**', ...ISOLATED],
					environment: 'node',
					isolate: false
				}
			},
			{
				// Tests that stand in for a worker's or a server's globals (self, fetch, a listening
				// port) get a module graph of their own.
				extends: true,
				test: {
					name: 'node-isolated',
					include: ISOLATED,
					environment: 'node'
				}
			},
			{
				// Svelte components mounted in jsdom: Svelte's client build (the `browser` condition),
				// so `mount`/`flushSync` run as they do in the page; a person's view without a browser.
				extends: true,
				resolve: { conditions: ['browser'] },
				test: {
					name: 'dom',
					include: ['tests/unit/dom/**/*.test.ts'],
					environment: 'jsdom',
					// one jsdom for all its files (each test unmounts what it mounted): a third of the time
					isolate: false,
					setupFiles: ['tests/unit/dom/setup.ts']
				}
			}
		]
	}
});
