import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, testChromiumPath } from './scripts/chromium.js';

// E2E_PORT lets several checkouts run their browser tests side by side.
const PORT = Number(process.env.E2E_PORT ?? 4173);

export default defineConfig({
	testDir: 'tests/e2e',
	fullyParallel: false,
	workers: 2,
	retries: 0,
	timeout: 60_000,
	expect: { timeout: 20_000 },
	reporter: process.env.CI ? [['list']] : [['list']],
	use: {
		baseURL: `http://127.0.0.1:${PORT}`,
		viewport: { width: 1440, height: 1000 },
		acceptDownloads: true,
		// Every fresh context would install the service worker, which downloads and caches the
		// whole app (~28 MB: every chunk, .wasm binary, sample, model and data file): about 1 CPU s
		// per test on a 2-core machine, for nothing a test looks at. offline.spec (and the header
		// test that waits for "Ready offline") turn it back on.
		serviceWorkers: 'block',
		launchOptions: { executablePath: testChromiumPath(), args: CHROMIUM_ARGS }
	},
	webServer: {
		// The tests run against the production build: prerendered pages, bundled .wasm files.
		// scripts/test.sh builds beside the static checks and sets E2E_PREBUILT; alone, build first.
		// PREVIEW_NO_GZIP: no gzip over loopback (vite.config.ts), ~1.5 CPU s fewer per 30 tests.
		command: `${process.env.E2E_PREBUILT ? '' : 'npm run build && '}PREVIEW_NO_GZIP=1 npx vite preview --host 127.0.0.1 --port ${PORT} --strictPort`,
		url: `http://127.0.0.1:${PORT}/convolution/`,
		reuseExistingServer: !process.env.CI,
		timeout: 240_000,
		stdout: 'ignore'
	}
});
