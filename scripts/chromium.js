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
	'--disable-dev-shm-usage',
	// more, for experiments: CHROMIUM_EXTRA_ARGS="--flag --other-flag"
	...(process.env.CHROMIUM_EXTRA_ARGS ?? '').split(' ').filter(Boolean)
];

/**
 * The flags above plus Chromium's fake camera, at 60 fps (it runs at 20 unless told otherwise;
 * 60 shows what the app keeps up with), with the permission prompt answered. For the benchmarks.
 */
export const FAKE_CAMERA_ARGS = [
	...CHROMIUM_ARGS,
	'--use-fake-device-for-media-stream=fps=60',
	'--use-fake-ui-for-media-stream'
];

/** The full browser a learner runs: what the benchmarks measure and the screenshots show. */
export function chromiumPath() {
	const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
	const found = candidates.find((path) => path && existsSync(path));
	if (!found)
		throw new Error('Chromium not found: run `npm test` (it installs it) or set CHROMIUM_PATH');
	return found;
}

/**
 * The browser the tests drive: Debian's chromium-headless-shell where it is installed (what
 * Playwright itself runs headless tests in: the same Blink, V8 and Skia without the full
 * browser's window, tab strip and UI renderers), else the full browser. On this 2-core machine
 * the shell took ~17 % less CPU for the same tests (csp + layout specs: 119 against 143 CPU s,
 * 62 against 74 s). `npm test` installs it beside Chromium; CHROMIUM_PATH still overrides.
 */
export function testChromiumPath() {
	if (!process.env.CHROMIUM_PATH && existsSync('/usr/bin/chromium-headless-shell'))
		return '/usr/bin/chromium-headless-shell';
	return chromiumPath();
}
