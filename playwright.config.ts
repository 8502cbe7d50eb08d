import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumPath } from './scripts/chromium.js';

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
		launchOptions: { executablePath: chromiumPath(), args: CHROMIUM_ARGS }
	},
	webServer: {
		// The tests run against the production build: prerendered pages, bundled .wasm files.
		// scripts/test.sh builds beside the static checks and sets E2E_PREBUILT; alone, build first.
		command: `${process.env.E2E_PREBUILT ? '' : 'npm run build && '}npx vite preview --host 127.0.0.1 --port ${PORT} --strictPort`,
		url: `http://127.0.0.1:${PORT}/convolution/`,
		reuseExistingServer: !process.env.CI,
		timeout: 240_000,
		stdout: 'ignore'
	}
});
