#!/usr/bin/env node
/**
 * `node scripts/bench-erf-responsiveness.mjs [--origin=http://127.0.0.1:4183]`: how long the
 * Receptive-field lab takes to show an effective receptive field after the architecture changes,
 * and the longest main-thread task (Long Tasks API) meanwhile — the page must stay responsive
 * (no task over 100 ms) while any ERF computes. For each case the page first shows a one-layer
 * stack, then the case is chosen (preset menu or layer code) and timed from the change to the
 * `convlab:rendered` event; the longest task is taken from the change until 3 s after
 * the ERF is shown (covering the ERF-by-depth curve that follows it), and again from the first
 * paint after the change (leaving out the change's own re-render of tables and formula; where the
 * ERF runs on the main thread it blocks that paint, so it is counted either way). Results also go to bench-results/bench-erf-responsiveness.json.
 * 2026-12-07, quiet 2-core machine, --rerender-only, the longest task in the 2 s after a change, CPU ms
 * (wall ms), two runs each, before → after the ERF-by-depth job waits for the selected unit's ERF
 * (erfExperiment.svelte.ts; before, both workers computed at once and the main thread waited for a
 * core): vgg16 38 (157), 49 (187) → 41 (123), 23 (64); mobilenet 34 (95), 46 (117) → 26 (41),
 * 34 (44); resnet50 33 (93), 36 (67) → 31 (63), 33 (105); c31d2 30 (82) → 24 (59); c7d8 24 (54) →
 * 19 (63); 64 × c3 at 1024 46 (176) → 33 (41). The CPU is ~20–45 ms either way: the wall time is
 * waiting for a core, now about halved, but still over 100 ms in 2 of 9 cases.
 * A trace of those tasks (devtools.timeline, v8.execute) showed what the wall time was: in the
 * vgg16 case the ERF worker's thread was busy through 5 of the 8 tasks over 5 ms CPU after the
 * change (the 64 ms-wall / 20 ms-CPU frame among them), in 64 × c3 through 11 of 13; the tasks
 * themselves are Svelte updates, forced and frame style/layout, paint and GC of 5–45 ms CPU, with
 * no readback or canvas flush among their children.
 * Since the ERF workers start a job only once the page is quiet (the views below the picture drawn
 * and painted; the depth job after the ERF it follows), the worker is idle during them. Same day,
 * 2-core machine shared with others, --rerender-only, the longest task by wall time in the 2 s
 * after the change (`maxWall`, any CPU), base → quiet start, alternating builds, three runs each
 * (1-min load 4–11, 4–11, 1–5): conv3x3 137, 60, 50 → 28, 44, 64; pooled 70, 44, 36 → 30, 31, 68;
 * dilated 88, 79, 142 → 23, 53, 50; alexnet 65, 280, 76 → 53, 89, 27; vgg16 128, 259, 39 → 31, 60,
 * 76; mobilenet 76, 92, 33 → 141, 52, 22; resnet50 63, 320, 142 → 64, 28, 97; c31d2 93, 42, 61 →
 * 20, 62, 29; c7d8 56, 57, 50 → 34, 28, 29; 64 × c3 at 1024 402, 383, 118 → 67, 155, 83. Over
 * 100 ms: 10 of 30 runs → 2 of 30 (both at load 8–10); the longest task's CPU is unchanged, 14–45
 * ms. The ERF itself waits for the re-render: time to ERF e.g. vgg16 303 → 545 ms, resnet50 592 →
 * 960 ms at load 10–13 (c31d2 554 → 450: less contention).
 * Smaller re-render tasks (the layer table 16 rows a task, the builder 8, content-visibility: auto
 * on the tables, panels and builder rows, MathFormula fitted in its ResizeObserver instead of a
 * forced layout): same day, 2-core machine shared with others (1-min load 3–8), --rerender-only,
 * base → after, alternating builds, three runs each, the longest task's CPU ms / the change's own
 * task's CPU ms (maxWall ms): vgg16 20/12 (21), 20/12 (74), 19/11 (36) → 16/9 (35), 23/10 (30),
 * 17/13 (49); mobilenet 25/16 (103), 19/13 (36), 19/11 (20) → 23/11 (24), 24/13 (76), 26/10 (44);
 * resnet50 22/9 (169), 24/12 (66), 22/8 (43) → 16/9 (100), 18/9 (33), 20/8 (57); c31d2 14–15/4 →
 * 14–16/4; c7d8 13–14/4 → 13–15/4; 64 × c3 at 1024 28/14 (45), 38/16 (88), 30/15 (69) → 25/11
 * (121), 21/13 (49), 22/12 (50). The 64 × c3 stack's largest tasks shrink (the table's 35 ms frame,
 * the formula's 45 ms task with 19 ms of forced style); the presets' longest tasks, 16–26 ms, are
 * the cone chart's creation (~10 ms of it a forced style recalc in ChartShell: rootFontPx /
 * fitChartText) and the first frame's style, layout and paint, unchanged.
 * The views below the picture then 24 rows a task instead of 48 (+page.svelte; VGG-16's cone and
 * table no longer share a task), alternating builds, four runs each (load 2–4), longest task CPU
 * ms: vgg16 18, 17, 20, 20 → 15, 15, 20, 16; mobilenet 23, 23, 27, 24 → 16, 18, 16, 20; resnet50
 * 17, 18, 22, 22 → 19, 19, 18, 16; 64 × c3 at 1024 (grouped as before) 22, 23, 23, 23 → 21, 34, 25,
 * 24.
 * Each case also gets its re-render's tasks from a trace (see `rerender`): the CPU (and wall) time
 * of the change's own task and of the longest task in the 2 s after it, and the longest wall time
 * of any task (`maxWall`), with the 1-minute load average; `--rerender-only`
 * measures just those, `--cases=vgg16,64` only the cases whose names contain one of the words;
 * `--detail` prints, for the longest task after the change, its timeline events, the timers, frames
 * and events before it, and the other threads' CPU during it.
 * Found with it (2026-12-07, quiet machine): in 64 × c3 at 1024 the longest task (31–33 ms CPU,
 * 78–147 ms wall) was a frame of style, layout and paint while the ERF worker computed (24–47 ms
 * CPU in it): the builder's and the layer table's rows of a long stack came a few a task after the
 * views were drawn, so the ERF job started before they were done. They now hold the page's pending
 * draws (lib/state/pendingDraws.ts) and whenQuiet waits for them. Longest task while the ERF
 * computes, 64 × c3 at 1024, four runs each: 91, 93, 63, 106 → 60, 51, 71, 65 ms; the full run after:
 * every case ≤ 65 ms (time to ERF 205–714 ms, c31d4 1.4 s), the re-render's longest wall ≤ 75 ms.
 */
import { chromium } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { servePreview } from './benchServer.mjs';
import { CHROMIUM_ARGS, chromiumPath } from './chromium.js';

const given = process.argv.find((a) => a.startsWith('--origin='))?.slice(9);
const PORT = Number(process.env.BENCH_PORT ?? 4183);
const ORIGIN = given ?? `http://127.0.0.1:${PORT}`;
const stopServer = given
	? () => {}
	: await servePreview({ port: PORT, route: '/receptive-field/' });
const WAIT = 240_000;

const CASES = [
	...['conv3x3', 'pooled', 'dilated', 'alexnet', 'vgg16', 'mobilenet', 'resnet50'].map((p) => ({
		name: `preset ${p}`,
		preset: p,
		size: 512
	})),
	{ name: 'c31d2', code: 'c31d2', size: 512 },
	{ name: 'c7d8', code: 'c7d8', size: 512 },
	{ name: 'c31d4', code: 'c31d4', size: 512 },
	{ name: '64 × c3 at 1024', code: new Array(64).fill('c3').join(','), size: 1024 }
];

const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
const report = { date: new Date().toISOString(), origin: ORIGIN, runs: [] };
const ONLY = process.argv
	.find((a) => a.startsWith('--cases='))
	?.slice(8)
	.split(',');
const RERENDER_ONLY = process.argv.includes('--rerender-only');
// --detail: what the longest task (by wall time) after the change ran, and what other threads did meanwhile
const DETAIL = process.argv.includes('--detail');

function detail(events, input) {
	const main = (e) => e.pid === input.pid && e.tid === input.tid;
	const task = events
		.filter((e) => e.name === 'RunTask' && main(e) && e.ts >= input.ts)
		.reduce((a, e) => ((e.dur ?? 0) > (a?.dur ?? 0) ? e : a), null);
	if (!task) return;
	const end = task.ts + task.dur;
	const inside = events
		.filter(
			(e) => main(e) && e.ph === 'X' && e.ts >= task.ts && e.ts < end && e !== task && e.dur >= 2000
		)
		.sort((a, b) => a.ts - b.ts)
		.map(
			(e) =>
				`${e.name} +${((e.ts - task.ts) / 1000).toFixed(0)} ${(e.dur / 1000).toFixed(1)}/${((e.tdur ?? 0) / 1000).toFixed(1)}`
		);
	console.log(
		`  longest task: +${((task.ts - input.ts) / 1000).toFixed(0)} ms after the change, wall ${(task.dur / 1000).toFixed(1)} cpu ${((task.tdur ?? 0) / 1000).toFixed(1)}`
	);
	console.log('   inside (wall/cpu ms):', inside.join('; '));
	const why = events
		.filter(
			(e) =>
				main(e) &&
				[
					'InvalidateLayout',
					'ScheduleStyleRecalculation',
					'FunctionCall',
					'TimerFire',
					'FireAnimationFrame',
					'EventDispatch'
				].includes(e.name) &&
				e.ts >= task.ts - 150000 &&
				e.ts < end
		)
		.map(
			(e) =>
				`${e.name}@${((e.ts - task.ts) / 1000).toFixed(0)}${e.dur ? `(${(e.dur / 1000).toFixed(1)})` : ''}${e.args?.data?.frame ? '' : ''}${e.args?.data?.stackTrace?.[0] ? ' ' + e.args.data.stackTrace[0].functionName + ':' + e.args.data.stackTrace[0].lineNumber : ''}${e.args?.data?.type ? ' ' + e.args.data.type : ''}`
		);
	console.log('   before/in it:', why.join('; '));
	const names = new Map(
		events.filter((e) => e.name === 'thread_name').map((e) => [`${e.pid}/${e.tid}`, e.args?.name])
	);
	const busy = new Map();
	for (const e of events) {
		if (e.ph !== 'X' || main(e) || !(e.tdur > 0)) continue;
		const a = Math.max(e.ts, task.ts);
		const b = Math.min(e.ts + e.dur, end);
		if (b <= a) continue;
		const key = `${names.get(`${e.pid}/${e.tid}`) ?? '?'} ${e.pid}/${e.tid}`;
		busy.set(key, Math.max(busy.get(key) ?? 0, e.tdur * ((b - a) / e.dur)));
	}
	console.log(
		'   other threads busy in it (ms CPU, top-level approx):',
		[...busy]
			.filter(([, v]) => v > 2000)
			.map(([k, v]) => `${k} ${(v / 1000).toFixed(0)}`)
			.join('; ')
	);
}
try {
	for (const c of CASES.filter((c) => !ONLY || ONLY.some((word) => c.name.includes(word))))
		report.runs.push({
			name: c.name,
			...(RERENDER_ONLY ? {} : await measure(c)),
			...(await rerender(c))
		});
} finally {
	await browser.close();
	stopServer();
}
mkdirSync('bench-results', { recursive: true });
writeFileSync('bench-results/bench-erf-responsiveness.json', JSON.stringify(report, null, 2));
console.log(
	'\ncase                 time to ERF (ms)  longest task (ms)  … after the change painted  outcome'
);
for (const r of report.runs.filter((r) => r.outcome))
	console.log(
		`${r.name.padEnd(20)} ${String(r.timeToErf ?? '—').padStart(16)}  ${String(r.longestTask).padStart(17)}  ${String(r.longestAfterPaint).padStart(26)}  ${r.outcome}`
	);
console.log(
	"\ncase                 re-render: the change's task CPU ms (wall)  longest task CPU ms (wall)  tasks ≥ 8 ms CPU, their CPU ms in all  longest wall ms of any task"
);
for (const r of report.runs)
	console.log(
		`${r.name.padEnd(20)} ${`${r.rerender.changeCpu} (${r.rerender.changeWall})`.padStart(38)}  ${`${r.rerender.longestCpu} (${r.rerender.longestWall})`.padStart(26)}  ${`${r.rerender.tasks}, ${r.rerender.totalCpu}`.padStart(32)}  ${String(r.rerender.maxWall).padStart(27)}`
	);

/** Start the page on a one-layer stack, then choose case `c`. */
async function openAndChoose(page, c, between = async () => {}) {
	await page.goto(
		`${ORIGIN}/receptive-field/?img=astronaut&size=${c.size}&arch=custom&layers=c3&weights=random&act=relu`
	);
	await page.getByTestId('erf-depth').waitFor({ timeout: WAIT });
	await page.waitForTimeout(500);
	await between();
	if (c.preset) await page.getByTestId('builder-a-preset').selectOption(c.preset);
	else {
		await page.getByTestId('builder-a-code').fill(c.code);
		await page.getByTestId('builder-a-code').press('Enter');
	}
}

/**
 * The re-render a change of stack sets off — the picture, the builder, the tables, the cone, the
 * formula — before the ERF comes back from its worker: each main-thread task in the 2 s after the
 * change, from a Chromium trace. CPU time (the trace's thread time) is the figure to compare on a
 * shared machine, where a task's wall time also counts the time other processes held the core.
 */
async function rerender(c) {
	const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
	const page = await context.newPage();
	page.setDefaultTimeout(WAIT);
	await openAndChoose(page, c, () =>
		browser.startTracing(page, {
			categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline']
		})
	);
	await page.waitForTimeout(2000);
	const events = JSON.parse((await browser.stopTracing()).toString()).traceEvents;
	await context.close();
	// the renderer's main thread: the one that dispatched the change's input event
	const input = events.find(
		(e) => e.name === 'EventDispatch' && ['change', 'keydown'].includes(e.args?.data?.type)
	);
	const tasks = events.filter(
		(e) =>
			e.name === 'RunTask' &&
			e.pid === input.pid &&
			e.tid === input.tid &&
			e.ts + e.dur >= input.ts &&
			(e.tdur ?? 0) >= 8000
	);
	const ms = (us) => Math.round(us / 1000);
	const longest = tasks.reduce((a, b) => (b.tdur > a.tdur ? b : a), { tdur: 0, dur: 0 });
	// the task that ran the change's own handler (its Svelte flush and, before Enter's default
	// action was prevented, the forced layout of the new stack)
	const change = events.find(
		(e) =>
			e.name === 'RunTask' &&
			e.pid === input.pid &&
			e.tid === input.tid &&
			e.ts <= input.ts &&
			e.ts + e.dur >= input.ts + (input.dur ?? 0)
	);
	// the longest by wall time of every task, however little CPU it used: what the Long Tasks API
	// (and the issue's 100 ms) counts, waiting for a core included
	const anyWall = events
		.filter(
			(e) => e.name === 'RunTask' && e.pid === input.pid && e.tid === input.tid && e.ts >= input.ts
		)
		.reduce((a, e) => Math.max(a, e.dur ?? 0), 0);
	const rerender = {
		load: Number(loadavg()[0].toFixed(2)),
		maxWall: ms(anyWall),
		changeCpu: ms(change?.tdur ?? 0),
		changeWall: ms(change?.dur ?? 0),
		longestCpu: ms(longest.tdur),
		longestWall: ms(longest.dur),
		tasks: tasks.length,
		totalCpu: ms(tasks.reduce((sum, t) => sum + t.tdur, 0))
	};
	console.log(c.name, 're-render', rerender);
	if (DETAIL) detail(events, input);
	return { rerender };
}

async function measure(c) {
	const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
	const page = await context.newPage();
	page.setDefaultTimeout(WAIT);
	await page.addInitScript(() => {
		window.__renders = 0;
		window.__tasks = [];
		window.addEventListener('convlab:rendered', () => window.__renders++);
		new PerformanceObserver((list) => {
			for (const e of list.getEntries())
				window.__tasks.push({ start: e.startTime, duration: e.duration });
		}).observe({ type: 'longtask', buffered: true });
	});
	let before = 0;
	let since = 0;
	await openAndChoose(page, c, async () => {
		before = await page.evaluate(() => window.__renders);
		since = await page.evaluate(() => performance.now());
	});
	// once the change's own re-render (tables, formula, cone) has painted: the rest is the ERF's
	const settled = await page.evaluate(
		() =>
			new Promise((resolve) =>
				requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now())))
			)
	);
	let outcome = 'ERF shown';
	let timeToErf = null;
	try {
		await page.waitForFunction(
			(n) =>
				window.__renders > n ||
				document.querySelector('[data-testid="erf-refused"]') ||
				[...document.querySelectorAll('[role="alert"]')].some((a) =>
					a.textContent.includes('could not be computed')
				),
			before,
			{ timeout: WAIT, polling: 100 }
		);
		const rendered = await page.evaluate((n) => window.__renders > n, before);
		if (rendered) timeToErf = Math.round((await page.evaluate(() => performance.now())) - since);
		else outcome = (await page.locator('[role="alert"]').first().textContent()).slice(0, 60);
		// The ERF-by-depth curve follows the ERF (on the main thread before the worker, so
		// page.evaluate below waits for it there); 3 s covers its last drawing in the worker version.
		await page.waitForTimeout(3000);
	} catch {
		outcome = `nothing within ${WAIT / 1000} s`;
	}
	const longestFrom = async (t) =>
		Math.round(
			await page.evaluate(
				(from) =>
					Math.max(0, ...window.__tasks.filter((x) => x.start >= from).map((x) => x.duration)),
				t
			)
		);
	const longestTask = await longestFrom(since);
	const longestAfterPaint = await longestFrom(settled);
	await context.close();
	console.log(c.name, timeToErf, longestTask, longestAfterPaint, outcome);
	return { name: c.name, size: c.size, timeToErf, longestTask, longestAfterPaint, outcome };
}
