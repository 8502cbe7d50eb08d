#!/usr/bin/env node
/**
 * `node scripts/bench-network.mjs [--quick] [--build]`: the Network lab's latency in headless
 * Chromium against the production build, on the backend the app picks, timed by the
 * `convlab:rendered` event (fired when the maps of every layer on screen, or near it, are drawn
 * for a new input; the layers further down follow, one per task, after it):
 *   - navigation → all maps drawn (classifier; selfie network at 256²): a first visit (a new
 *     browser profile each time: empty HTTP cache, no compiled-code cache, no service worker),
 *     which the target is about, and the same visitor coming back (the same profile a few
 *     seconds later: the service worker's cache and the compiled code are there);
 *   - image change → all maps drawn: the classifier on the next test image, and on a new sample
 *     photo (request → drawn, i.e. after the photo is decoded); the selfie network at 256² on a
 *     new sample photo.
 *   - an upload soon after the page opened (0.5, 1, 2 and 5 s after navigation, a first visit
 *     each time): the photo's request → all maps drawn, while the test set, the confusion
 *     matrix, the saliency, the explanation and the training worker start in the background;
 *     and once more at 0.5 s with the classifier's download held until the photo is chosen, so
 *     that the upload's picture is the page's first (the case a loaded machine seldom reaches).
 *     Also the main thread's CPU time over that span (from a trace: the CPU time of every task
 *     that overlaps it, whole, so an upper bound on the page's work for the picture): wall
 *     figures on a shared machine measure the load as much as the page (a 22 ms task took 244 ms
 *     of wall time at load 27 on two cores); CPU time is what the page itself asked for.
 *     The same CPU clipped to [request, drawn] (a task that began before the request, such as the
 *     photo's decode, counted from the request on): the page's own work beyond decoding. 2026-12-07,
 *     quiet 2-core machine (load 3.4), p95: 16.1 / 17.8 / 15.3 / 11.9 ms at 0.5 / 1 / 2 / 5 s, 13.8
 *     ms with the model held; the wall time from the request, 49.2 / 29.4 / 56.2 / 14.1 / 16.1 ms,
 *     is mostly waiting: the page's workers (test set, training) take the cores in those seconds.
 *     2026-12-07, second session: the shell's bookkeeping for an upload (the address write, ~4 ms
 *     of history.replaceState, and the IndexedDB copy's hash) waits for the picture (the
 *     foreground gate). Against the build before it, interleaved, n = 12, request → drawn median /
 *     p95: 12.1 / 24.1 against 29.8 / 71.3 ms at 0.5 s, 12.7 / 19.1 against 20.1 / 35.6 at 1 s,
 *     12.2 / 28.7 against 21.7 / 57.0 at 2 s, 15.6 / 23.4 against 22.4 / 33.7 at 5 s; the page's
 *     work from the request on, p95: 12.0 / 12.8 / 14.6 / 9.3 against 21.3 / 20.3 / 22.9 / 21.9 ms.
 * Prints a report with the targets (≤ 33 ms classifier, ≤ 100 ms selfie at 256², ≤ 800 ms
 * navigation) and writes bench-results/bench-network.json.
 *
 *   --upload-only        only the upload-after-load case
 *   --compare=DIR        also run the upload-after-load case on the production build in DIR (e.g.
 *                        a worktree of main, built), interleaved with this one, for before/after
 *                        figures measured side by side
 *   --compare-port=N     serve DIR's build on port N (default BENCH_PORT + 1)
 *   --delays=500,2000    the upload-after-load delays (ms) to measure (default 500,1000,2000,5000)
 *   --repeats=N          uploads per delay and build (default 8, --quick 4)
 */
import { chromium } from '@playwright/test';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { servePreview } from './benchServer.mjs';
import { holdModel as holdModelFiles, recordFileChanges } from './networkUpload.mjs';
import { CHROMIUM_ARGS, chromiumPath } from './chromium.js';

const PORT = Number(process.env.BENCH_PORT ?? 4188);
const ORIGIN = `http://127.0.0.1:${PORT}`;
const QUICK = process.argv.includes('--quick');
const ITERATIONS = QUICK ? 8 : 25;
const NAVIGATIONS = QUICK ? 5 : 8;
const UPLOAD_ONLY = process.argv.includes('--upload-only');
const COMPARE = process.argv.find((a) => a.startsWith('--compare='))?.slice('--compare='.length);
const UPLOAD_DELAYS = (
	process.argv.find((a) => a.startsWith('--delays='))?.slice('--delays='.length) ??
	'500,1000,2000,5000'
)
	.split(',')
	.map(Number);
/**
 * The case the delays above seldom reach on a loaded machine (the page is slower to load than the
 * upload): an upload that becomes the page's FIRST picture. The classifier's download is held
 * until the photo is chosen (at 500 ms), so the photo's picture is the first the page draws.
 */
const HELD = { delayMs: 500, holdModel: true };
const UPLOAD_REPEATS = Number(
	process.argv.find((a) => a.startsWith('--repeats='))?.slice('--repeats='.length) ??
		(QUICK ? 4 : 8)
);

const stopServer = await servePreview({ port: PORT, route: '/network/' });
const COMPARE_PORT = Number(
	process.argv.find((a) => a.startsWith('--compare-port='))?.slice('--compare-port='.length) ??
		PORT + 1
);
const stopCompare = COMPARE
	? await servePreview({ port: COMPARE_PORT, route: '/network/', cwd: COMPARE })
	: () => {};
const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
const report = { date: new Date().toISOString(), iterations: ITERATIONS, rows: [] };
try {
	report.uploadAfterLoad = await uploadAfterLoad();
	if (!UPLOAD_ONLY) await allRows();
} finally {
	await browser.close();
	stopServer();
	stopCompare();
}
mkdirSync('bench-results', { recursive: true });
writeFileSync('bench-results/bench-network.json', JSON.stringify(report, null, 2));
printReport(report);

async function allRows() {
	report.rows.push(await navigation('classifier', '/network/?img=cat'));
	report.rows.push(
		await navigation('selfie 256²', '/network/?model=selfie&img=astronaut&size=256')
	);
	report.rows.push(
		await imageChange('classifier, next test image', '/network/?src=test&test=0', 'test')
	);
	report.rows.push(await imageChange('classifier, new photo', '/network/?img=cat', 'sample'));
	report.rows.push(
		await imageChange(
			'selfie 256², new photo',
			'/network/?model=selfie&img=astronaut&size=256',
			'sample'
		)
	);
}

async function freshPage() {
	const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
	const page = await context.newPage();
	await page.addInitScript(() => {
		window.__rendered = [];
		window.addEventListener('convlab:rendered', (e) =>
			window.__rendered.push({ at: performance.now(), ...e.detail })
		);
	});
	return { context, page };
}

/**
 * Navigation start → the first `convlab:rendered` (every layer drawn). First visits: a new
 * browser profile each time (one extra load first, not counted, warms only the server and the
 * OS file cache). Returning: the same profile loads the page again once its service worker has
 * cached the app (a few seconds after the first picture).
 */
async function navigation(name, path) {
	const first = [];
	const returning = [];
	let backend = '';
	const renderedAt = (page) =>
		page
			.waitForFunction(() => window.__rendered.length >= 1, null, { timeout: 120_000 })
			.then(() => page.evaluate(() => window.__rendered[0].at));
	for (let i = 0; i < NAVIGATIONS + 1; i++) {
		const { context, page } = await freshPage();
		try {
			await page.goto(ORIGIN + path);
			const at = await renderedAt(page);
			backend = (await page.getByTestId('backend-name').textContent())?.trim() ?? '';
			if (i === 0) continue;
			first.push(at);
			// The service worker is active once its precache download (the whole app) is done.
			await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
			await page.goto(ORIGIN + path);
			returning.push(await renderedAt(page));
		} finally {
			await context.close();
		}
	}
	return {
		name: `navigation → all maps drawn, ${name}`,
		backend,
		kind: 'navigation',
		...stats(first),
		returning: stats(returning)
	};
}

/** An input change → all maps drawn: wall time from the change, and the event's own totalMs. */
async function imageChange(name, path, how) {
	const { context, page } = await freshPage();
	try {
		await page.goto(ORIGIN + path);
		await page.waitForFunction(() => window.__rendered.length >= 1, null, { timeout: 120_000 });
		await page.waitForTimeout(1500); // let the test set and the confusion matrix settle
		const backend = (await page.getByTestId('backend-name').textContent())?.trim() ?? '';
		const timing = await page.evaluate(
			async ({ how, iterations }) => {
				const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
				const samples = ['astronaut', 'coffee', 'chelsea', 'rocket', 'camera', 'horse'];
				const next = () =>
					new Promise((r) =>
						window.addEventListener('convlab:rendered', (e) => r(e.detail), { once: true })
					);
				const wall = [];
				const total = [];
				const compute = [];
				for (let i = 0; i < iterations + 3; i++) {
					await new Promise((r) => setTimeout(r, 250));
					await frame();
					const done = next();
					const t0 = performance.now();
					if (how === 'test') {
						document.querySelector('[aria-label="Next test image"]').click();
					} else {
						document.querySelector('[aria-label="Samples"]').click();
						await frame();
						const buttons = [...document.querySelectorAll('[aria-label="Sample images"] button')];
						buttons[i % buttons.length === 0 ? 1 : i % buttons.length].click();
					}
					const detail = await done;
					if (i >= 3) {
						wall.push(performance.now() - t0);
						total.push(detail.totalMs);
						compute.push(detail.computeMs);
					}
				}
				void samples;
				return { wall, total, compute };
			},
			{ how, iterations: ITERATIONS }
		);
		return {
			name: `image change → all maps drawn, ${name}`,
			backend,
			kind: how === 'test' ? 'change-wall' : 'change-request',
			wall: stats(timing.wall),
			total: stats(timing.total),
			compute: stats(timing.compute)
		};
	} finally {
		await context.close();
	}
}

/**
 * An upload `delay` ms after navigation started, on a first visit (a new profile each time), with
 * the page's background work (test set, confusion matrix, saliency, explanation, training worker)
 * starting around it. Each sample photo is uploaded as a file through the header's file input.
 * Measured: the photo's request → all maps drawn (the event's totalMs: page work beyond decoding,
 * waiting included), and the file input's change → all maps drawn (decoding included). With
 * --compare, the other build is measured in the same loop, alternating, so both see the same load.
 */
async function uploadAfterLoad() {
	const builds = [{ name: 'this build', origin: ORIGIN }];
	if (COMPARE)
		builds.push({ name: `compare (${COMPARE})`, origin: `http://127.0.0.1:${COMPARE_PORT}` });
	const photos = ['astronaut.jpg', 'coffee.jpg', 'rocket.jpg', 'camera.jpg'].map((name) => ({
		name,
		mimeType: 'image/jpeg',
		buffer: readFileSync(`static/samples/${name}`)
	}));
	const cases = [...UPLOAD_DELAYS.map((delayMs) => ({ delayMs, holdModel: false })), HELD];
	const samples = builds.map(() =>
		cases.map(() => ({
			total: [],
			wall: [],
			compute: [],
			cpu: [],
			cpuInside: [],
			load: [],
			first: 0
		}))
	);
	for (let r = 0; r < UPLOAD_REPEATS; r++)
		for (let d = 0; d < cases.length; d++)
			for (let b = 0; b < builds.length; b++) {
				const one = await uploadOnce(builds[b].origin, cases[d], photos[(r + d) % photos.length]);
				if (!one) continue;
				samples[b][d].total.push(one.totalMs);
				samples[b][d].wall.push(one.wallMs);
				samples[b][d].compute.push(one.computeMs);
				samples[b][d].cpu.push(one.cpuMs);
				samples[b][d].cpuInside.push(one.cpuInsideMs);
				samples[b][d].load.push(loadavg()[0]);
				if (one.first) samples[b][d].first++;
			}
	return builds.map((build, b) => ({
		build: build.name,
		delays: cases.map(({ delayMs, holdModel }, d) => ({
			delayMs,
			holdModel,
			total: stats(samples[b][d].total),
			wall: stats(samples[b][d].wall),
			compute: stats(samples[b][d].compute),
			cpu: stats(samples[b][d].cpu),
			cpuInside: stats(samples[b][d].cpuInside),
			// the machine's 1-minute load average as each upload was measured
			load: stats(samples[b][d].load),
			first: samples[b][d].first
		}))
	}));
}

async function uploadOnce(origin, { delayMs, holdModel }, photo) {
	const { context, page } = await freshPage();
	let tracing = false;
	let release = () => {};
	try {
		if (holdModel) release = await holdModelFiles(page);
		await browser.startTracing(page, { categories: ['toplevel', 'blink.user_timing'] });
		tracing = true;
		await page.addInitScript(recordFileChanges);
		await page.goto(origin + '/network/?img=cat', { waitUntil: 'commit' });
		const input = page.getByTestId('file-input');
		await input.waitFor({ state: 'attached', timeout: 60_000 });
		// performance.now() counts from the navigation's start.
		await page.waitForFunction((ms) => performance.now() >= ms, delayMs, {
			timeout: 60_000,
			polling: 10
		});
		await input.setInputFiles(photo);
		release();
		const one = await page.evaluate(
			() =>
				new Promise((resolve) => {
					const check = () => {
						const changed = window.__changes[0];
						if (changed === undefined) return false;
						// the first picture whose request came after the upload
						const hit = window.__rendered.find((e) => e.at - e.totalMs >= changed);
						if (!hit) return false;
						resolve({
							totalMs: hit.totalMs,
							wallMs: hit.at - changed,
							computeMs: hit.computeMs,
							requestAt: hit.at - hit.totalMs,
							drawnAt: hit.at,
							// the upload's picture was the page's first (it came before the cat's)
							first: hit === window.__rendered[0]
						});
						return true;
					};
					if (check()) return;
					window.addEventListener('convlab:rendered', () => setTimeout(check, 0));
					setTimeout(() => resolve(null), 60_000);
				})
		);
		const sync = await page.evaluate(() => performance.mark('bench:sync').startTime);
		tracing = false;
		const trace = JSON.parse((await browser.stopTracing()).toString());
		return (
			one && {
				...one,
				cpuMs: mainThreadCpu(trace.traceEvents, sync, one.requestAt, one.drawnAt),
				cpuInsideMs: mainThreadCpu(trace.traceEvents, sync, one.requestAt, one.drawnAt, true)
			}
		);
	} finally {
		release();
		if (tracing) await browser.stopTracing();
		await context.close();
	}
}

/**
 * CPU time (ms) of the page's main-thread tasks that overlap [from, to] (performance.now() ms),
 * each counted whole, or with `clip` only the share of each task's CPU inside [from, to] (a task
 * that began before the request, e.g. the photo's decode, counted from the request on). `sync` is the performance.now() of the trace's 'bench:sync' mark, which
 * ties the trace's clock to the page's and names the page's main thread. A task is any
 * outermost timed event on that thread (the scheduler's tasks, but also IPC and microtask
 * checkpoints, which the 'toplevel' category records beside them).
 */
function mainThreadCpu(events, sync, from, to, clip = false) {
	const mark = events.find((e) => e.name === 'bench:sync');
	if (!mark) return NaN;
	const at = (ts) => (ts - mark.ts) / 1000 + sync;
	const slices = events
		.filter((e) => e.pid === mark.pid && e.tid === mark.tid && e.ph === 'X' && e.tdur >= 0)
		.sort((a, b) => a.ts - b.ts || b.dur - a.dur);
	let cpu = 0;
	let end = -Infinity;
	for (const slice of slices) {
		if (slice.ts < end) continue; // inside the task before it: counted with it
		end = slice.ts + slice.dur;
		if (!(at(end) > from && at(slice.ts) < to)) continue;
		// clipped: only the share of a task's CPU that falls inside [from, to], at the task's own
		// CPU rate — the work after the photo's request (decoded), without the decode before it
		const share = clip
			? (Math.min(at(end), to) - Math.max(at(slice.ts), from)) / Math.max(slice.dur / 1000, 1e-9)
			: 1;
		cpu += (slice.tdur / 1000) * Math.min(1, Math.max(0, share));
	}
	return cpu;
}

function stats(values) {
	const sorted = [...values].sort((a, b) => a - b);
	const at = (p) =>
		sorted[Math.max(0, Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1))];
	return { medianMs: at(50), p95Ms: at(95), n: sorted.length };
}

function printReport(r) {
	const f = (x) => (Number.isFinite(x) ? x.toFixed(1) : '–');
	console.log('\nNetwork lab benchmark —', r.date, QUICK ? '(quick)' : '');
	console.log('\nupload soon after the page opened (first visit; median / p95 / n):');
	for (const build of r.uploadAfterLoad) {
		console.log(`  ${build.build}`);
		for (const row of build.delays)
			console.log(
				`    at ${String(row.delayMs).padStart(4)} ms${row.holdModel ? ', model held until then' : ''}: request → drawn ${f(row.total.medianMs)} / ${f(row.total.p95Ms)} ms (n ${row.total.n}); main-thread CPU in it ${f(row.cpu.medianMs)} / ${f(row.cpu.p95Ms)} ms (whole tasks), ${f(row.cpuInside.medianMs)} / ${f(row.cpuInside.p95Ms)} ms (from the request on); file chosen → drawn ${f(row.wall.medianMs)} / ${f(row.wall.p95Ms)} ms; compute ${f(row.compute.medianMs)} ms; ${row.first} drawn as the page's first picture; load average ${f(row.load.medianMs)} (${f(row.load.p95Ms)} p95)`
			);
	}
	const check = (ok, text) => console.log(`  ${ok ? 'PASS' : 'MISS'}  ${text}`);
	console.log('\ntargets:');
	for (const row of r.uploadAfterLoad[0].delays)
		check(
			row.total.p95Ms <= 33,
			`upload ${row.delayMs} ms after navigation${row.holdModel ? ' (model held: the first picture)' : ''} → all maps drawn ≤ 33 ms beyond decoding (p95): ${f(row.total.p95Ms)} ms`
		);
	for (const row of r.uploadAfterLoad[0].delays)
		check(
			row.cpu.p95Ms <= 33,
			`upload ${row.delayMs} ms after navigation${row.holdModel ? ' (model held: the first picture)' : ''} → ≤ 33 ms of main-thread CPU from request to drawn (p95, whole tasks): ${f(row.cpu.p95Ms)} ms`
		);
	for (const row of r.uploadAfterLoad[0].delays)
		check(
			row.cpuInside.p95Ms <= 33,
			`upload ${row.delayMs} ms after navigation${row.holdModel ? ' (model held: the first picture)' : ''} → ≤ 33 ms of the page's work beyond decoding: main-thread CPU from the request to drawn (p95, tasks clipped to it): ${f(row.cpuInside.p95Ms)} ms`
		);
	if (!r.rows.length) return;
	for (const row of r.rows) {
		if (row.kind === 'navigation') {
			console.log(
				`${row.backend.padEnd(5)} ${row.name}: first visit median ${f(row.medianMs)} ms (p95 ${f(row.p95Ms)}, n ${row.n}); returning ${f(row.returning.medianMs)} ms (p95 ${f(row.returning.p95Ms)})`
			);
		} else {
			console.log(
				`${row.backend.padEnd(5)} ${row.name}: click → drawn median ${f(row.wall.medianMs)} (p95 ${f(row.wall.p95Ms)}) ms; request → drawn ${f(row.total.medianMs)} (p95 ${f(row.total.p95Ms)}) ms; compute ${f(row.compute.medianMs)} ms`
			);
		}
	}
	const [navC, navS, test, photo, selfie] = r.rows;
	check(
		navC.medianMs <= 800,
		`navigation → all maps drawn ≤ 800 ms (classifier, first visit): ${f(navC.medianMs)} ms`
	);
	check(
		navS.medianMs <= 800,
		`navigation → all maps drawn ≤ 800 ms (selfie 256², first visit): ${f(navS.medianMs)} ms`
	);
	check(
		test.wall.medianMs <= 33,
		`classifier, image change → all maps drawn ≤ 33 ms: ${f(test.wall.medianMs)} ms (next test image, click → drawn)`
	);
	check(
		photo.total.medianMs <= 33,
		`classifier, new photo → all maps drawn ≤ 33 ms: ${f(photo.total.medianMs)} ms (after decoding)`
	);
	check(
		selfie.total.medianMs <= 100,
		`selfie 256², new photo → all maps drawn ≤ 100 ms: ${f(selfie.total.medianMs)} ms (after decoding)`
	);
}
