// Debian's Chromium, driven by Playwright through executablePath: Playwright's own browser
// download cannot work on a closed network. Shared by the e2e tests and the benchmark.
import { existsSync } from 'node:fs';

/** Flags that work as root on a closed network (see STACK-NOTES.md). */
export const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run',
	'--disable-quic',
	'--disable-dev-shm-usage'
];

export function chromiumPath() {
	const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
	const found = candidates.find((path) => path && existsSync(path));
	if (!found)
		throw new Error('Chromium not found: run `npm test` (it installs it) or set CHROMIUM_PATH');
	return found;
}
