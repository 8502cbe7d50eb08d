/**
 * What every benchmark script does first: build the app if it is missing (or `--build` was
 * given), serve the production build with `vite preview` on `port`, wait until `route` answers,
 * and stop the server when the process exits.
 */
import { execSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * `cwd`: serve another checkout's build (e.g. a worktree of main, for before/after figures).
 * @returns {Promise<() => void>} stops the server (also called on exit)
 */
export async function servePreview({ port, route, cwd = '.' }) {
	if (!existsSync(`${cwd}/build${route}index.html`) || process.argv.includes('--build')) {
		console.log(`building${cwd === '.' ? '' : ` ${cwd}`}…`);
		execSync('npm run build', { stdio: 'ignore', cwd });
	}
	const server = spawn(
		'npx',
		['vite', 'preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort'],
		{ stdio: 'ignore', detached: true, cwd }
	);
	const stop = () => {
		try {
			process.kill(-server.pid);
		} catch {
			/* already gone */
		}
	};
	process.on('exit', stop);
	for (let i = 0; i < 100; i++) {
		try {
			if ((await fetch(`http://127.0.0.1:${port}${route}`)).ok) return stop;
		} catch {
			/* not up yet */
		}
		await new Promise((r) => setTimeout(r, 200));
	}
	stop();
	throw new Error('preview server did not start');
}

/**
 * Before the page's scripts run: `window.renders` collects each `convlab:rendered` time and
 * `window.frames` each animation frame's duration (ms), for the benchmarks that time a page.
 * @param {import('@playwright/test').Page} page
 */
export function recordRendersAndFrames(page) {
	return page.addInitScript(() => {
		const w = /** @type {any} */ (window);
		w.renders = [];
		window.addEventListener('convlab:rendered', () => w.renders.push(performance.now()));
		w.frames = [];
		let last = performance.now();
		const tick = (/** @type {number} */ t) => {
			w.frames.push(t - last);
			last = t;
			requestAnimationFrame(tick);
		};
		requestAnimationFrame(tick);
	});
}
