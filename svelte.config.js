import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** BASE_PATH lets the static build live under a sub-path (e.g. GitHub Pages: /convlab). */
const base = process.env.BASE_PATH ?? '';

/**
 * Content-Security-Policy, written by SvelteKit into each prerendered page as a <meta> tag
 * (mode 'hash': the hashes of SvelteKit's own inline start-up script are added to script-src).
 * Only the app's own origin; 'wasm-unsafe-eval' lets TF.js compile its WebAssembly backend
 * (no 'unsafe-eval'); blob: where the app makes object URLs itself (decoding an uploaded or
 * SVG image, rasterizing a chart for .png export, downloads); style attributes inline (Svelte
 * templates, KaTeX's formula layout and the chart export set them), style sheets only from the
 * app. A <meta> policy cannot carry frame-ancestors, report-to or sandbox: a host that wants
 * those sends them as a header.
 */
const csp = {
	'default-src': ['self'],
	'script-src': ['self', 'wasm-unsafe-eval'],
	'style-src': ['self'],
	'style-src-attr': ['unsafe-inline'],
	'img-src': ['self', 'blob:'],
	// Vite inlines KaTeX's smallest font files (< 4 KB) into its stylesheet as data: URLs.
	'font-src': ['self', 'data:'],
	'connect-src': ['self', 'blob:'],
	'media-src': ['self', 'blob:'],
	'worker-src': ['self'],
	'manifest-src': ['self'],
	'object-src': ['none'],
	'base-uri': ['self'],
	'form-action': ['self']
};

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	compilerOptions: { runes: true },
	kit: {
		// 404.html: the page static hosts (and scripts/serve-lan.mjs) serve for an unknown path;
		// its asset paths are absolute, so it works at any depth.
		adapter: adapter({ pages: 'build', assets: 'build', fallback: '404.html', strict: true }),
		csp: { mode: 'hash', directives: csp },
		paths: { base, relative: true },
		prerender: { handleHttpError: 'fail' },
		// Registered by the shell (src/lib/offline/registerLater.ts) once a lab's first picture is
		// on screen: its precache download must not compete with the lab's own start.
		serviceWorker: { register: false }
	}
};

export default config;
