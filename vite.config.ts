import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	server: { fs: { allow: ['node_modules/@tensorflow'] } },
	// Training workers load TF.js's WASM backend with dynamic imports: ES-module workers only.
	worker: { format: 'es' },
	test: {
		testTimeout: 30_000,
		projects: [
			{
				extends: true,
				test: {
					name: 'node',
					include: ['tests/unit/**/*.test.ts'],
					exclude: ['tests/unit/dom/**'],
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
