#!/usr/bin/env node
/**
 * `node scripts/bench-frames.mjs [--only=<lab>] [--seconds=10] [--quick] [--profile] [--build]`: the frame-time
 * contract several labs share — "the page's frame time p95 ≤ 20 ms while the variants train"
 * (/normalization's classifier runs, /batch-norm, /residual, /imbalance; issues 21, 22, 23, 26)
 * and "frame p95 ≤ 20 ms while UMAP runs" (/pca, issue 24).
 *
 * For each lab: the production build in headless Chromium (the backend the app picks), the page
 * idle for N seconds (the baseline: what the machine's load alone costs a frame), then training
 * started as a learner starts it (UMAP on /pca starts by itself) and N seconds of
 * requestAnimationFrame intervals and long tasks (PerformanceObserver 'longtask', > 50 ms) while it
 * runs, with the steps (UMAP epochs) per second the worker reached meanwhile, and the worker
 * messages per second by type. The machine is shared: `uptime` is printed at the start and the
 * end, and the 1-minute load with every row; on two busy cores every main-thread task is
 * stretched many times over, so each row also gives the main thread's own CPU time per second
 * (CDP Performance metrics in thread time: all tasks, script, style + layout), which the load
 * barely moves: the lab's own cost; and, from a Chromium trace, the main thread's tasks by their CPU
 * time (thread time): the longest, and how many took more than a frame of CPU — what would hold
 * a frame up on a free core, where the wall time here is the load's. `--profile` also records a CPU profile of the main thread
 * during each training window (the functions with the most self and total time) and counts each
 * chart's SVG redraws per second. Writes bench-results/bench-frames.json.
 */
import { chromium } from '@playwright/test';
import { execSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { servePreview } from './benchServer.mjs';
import { CHROMIUM_ARGS, chromiumPath } from './chromium.js';

const PORT = Number(process.env.BENCH_PORT ?? 4191);
const ORIGIN = `http://127.0.0.1:${PORT}`;
const arg = (name, fallback) =>
	process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const SECONDS = Number(arg('seconds', process.argv.includes('--quick') ? 5 : 10));
const ONLY = arg('only', null);
const PROFILE = process.argv.includes('--profile');
const TARGET_MS = 20;

const text = (page, testid) => page.getByTestId(testid).first().textContent();
const observedStep = (page, route) =>
	page.evaluate((r) => Number(window.convlab?.observed(r)?.step ?? NaN), route);

/**
 * Each lab: its URL, how a learner starts its work (after `ready`), and how far the work got
 * (a step count, or UMAP's epoch) — read from what the page shows.
 */
const LABS = {
	normalization: {
		url: '/normalization/?img=cat&clf_steps=500',
		unit: 'steps',
		ready: (page) => page.getByTestId('classifier-toggle').waitFor(),
		start: async (page) => {
			await page.getByTestId('classifier-toggle').click();
			// the five preprocessings are prepared first: the window opens at the first step
			await page.waitForFunction(
				() =>
					/step [1-9]/.test(
						document.querySelector('[data-testid="classifier-step"]')?.textContent ?? ''
					),
				undefined,
				{ timeout: 300_000 }
			);
		},
		progress: async (page) =>
			Number((await text(page, 'classifier-step'))?.match(/step (\d+)/)?.[1])
	},
	'batch-norm': {
		url: '/batch-norm/?img=cat',
		unit: 'steps',
		ready: (page) => waitEnabled(page, 'train-toggle'),
		start: (page) => page.getByTestId('train-toggle').click(),
		progress: (page) => observedStep(page, '/batch-norm/')
	},
	residual: {
		url: '/residual/?img=cat',
		unit: 'steps',
		ready: (page) => waitEnabled(page, 'train-toggle'),
		start: (page) => page.getByTestId('train-toggle').click(),
		progress: async (page) => Number(await text(page, 'train-step-count'))
	},
	imbalance: {
		url: '/imbalance/?img=cat',
		unit: 'steps',
		ready: async (page) => {
			await page.getByTestId('summary-table').waitFor({ timeout: 180_000 });
			await waitEnabled(page, 'train-toggle');
		},
		start: (page) => page.getByTestId('train-toggle').click(),
		progress: async (page) => Number(await text(page, 'train-step-count'))
	},
	pca: {
		url: '/pca/?img=cat&n=5000',
		unit: 'epochs',
		// UMAP starts by itself once the embeddings and the PCA maps are done
		ready: () => Promise.resolve(),
		start: (page) =>
			page.waitForFunction(
				() =>
					/epoch \d+/.test(
						document.querySelector('[data-testid="map-progress"]')?.textContent ?? ''
					),
				undefined,
				{ timeout: 300_000 }
			),
		// the status line empties when UMAP is done: all its epochs (fashionMaps.ts UMAP_EPOCHS)
		progress: async (page) => {
			const status = (await text(page, 'map-progress'))?.trim();
			return status ? Number(status.match(/epoch (\d+)/)?.[1]) : 200;
		},
		// UMAP starts on load: the baseline row ('after') is the page once UMAP has finished
		idleAfter: true
	}
};

async function waitEnabled(page, testid) {
	const button = page.getByTestId(testid);
	await button.waitFor({ timeout: 180_000 });
	await page.waitForFunction(
		(id) => {
			const b = document.querySelector(`[data-testid="${id}"]`);
			return b && !b.hasAttribute('disabled');
		},
		testid,
		{ timeout: 180_000 }
	);
}

/** In the page before any script: rAF intervals and long tasks, recorded between start and stop. */
function recorder() {
	const w = /** @type {any} */ (window);
	const r = { frames: [], longTasks: [], on: false, last: 0 };
	w.__frameRecorder = r;
	w.__renders = 0;
	window.addEventListener('convlab:rendered', () => w.__renders++);
	const tick = (t) => {
		if (r.on && r.last) r.frames.push(t - r.last);
		r.last = t;
		requestAnimationFrame(tick);
	};
	requestAnimationFrame(tick);
	try {
		new PerformanceObserver((list) => {
			if (!r.on) return;
			for (const e of list.getEntries())
				r.longTasks.push({
					duration: e.duration,
					name: e.name,
					attribution: (e.attribution ?? []).map(
						(a) => `${a.containerType}:${a.containerName || a.containerSrc || a.name}`
					)
				});
		}).observe({ type: 'longtask', buffered: false });
	} catch {
		/* no long-task timing in this browser */
	}
	// messages from the page's workers, by type (training protocol events, UMAP progress)
	r.messages = {};
	const Native = window.Worker;
	window.Worker = class extends Native {
		constructor(...args) {
			super(...args);
			this.addEventListener('message', (e) => {
				if (!r.on) return;
				const d = e.data;
				const type =
					d?.type === 'task' ? `task:${d.task?.type ?? '?'}` : String(d?.type ?? typeof d);
				r.messages[type] = (r.messages[type] ?? 0) + 1;
			});
		}
	};
	// with --profile: how often each chart's SVG changed (one mutation batch = one draw)
	r.draws = {};
	r.drawObserver = new MutationObserver((records) => {
		if (!r.on || !w.__countDraws) return;
		const svgs = new Set();
		for (const m of records) {
			const el = m.target.nodeType === 1 ? m.target : m.target.parentElement;
			const svg = el?.closest('svg:not(svg svg)');
			if (svg) svgs.add(svg.dataset.testid || svg.getAttribute('aria-label') || 'svg');
		}
		for (const k of svgs) r.draws[k] = (r.draws[k] ?? 0) + 1;
	});
	window.addEventListener('DOMContentLoaded', () =>
		r.drawObserver.observe(document.body, {
			subtree: true,
			childList: true,
			attributes: true,
			characterData: true
		})
	);
	w.__startFrames = () => {
		r.frames = [];
		r.longTasks = [];
		r.messages = {};
		r.draws = {};
		r.last = 0;
		r.on = true;
	};
	w.__stopFrames = () => {
		r.on = false;
		return { frames: r.frames, longTasks: r.longTasks, messages: r.messages, draws: r.draws };
	};
}

/**
 * The page's main-thread tasks in a Chromium trace, by their CPU time (`tdur`, thread time): the
 * longest and how many took more than a frame (16.7 ms) of CPU — what would hold up a frame on a
 * free core, whatever the load stretched their wall time to here.
 */
// a main-thread task's trace event ('RunTask' in older Chromium)
const TASK_EVENTS = new Set(['ThreadControllerImpl::RunTask', 'RunTask']);
function mainThreadTasks(buffer) {
	const events = JSON.parse(buffer.toString('utf8')).traceEvents ?? [];
	const mains = new Set(
		events
			.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
			.map((e) => `${e.pid}:${e.tid}`)
	);
	const byThread = new Map();
	for (const e of events)
		if (TASK_EVENTS.has(e.name) && e.ph === 'X' && mains.has(`${e.pid}:${e.tid}`)) {
			const key = `${e.pid}:${e.tid}`;
			if (!byThread.has(key)) byThread.set(key, []);
			byThread.get(key).push({ cpu: (e.tdur ?? 0) / 1000, wall: (e.dur ?? 0) / 1000 });
		}
	// the page's renderer: the main thread that worked most
	const tasks =
		[...byThread.values()].sort(
			(a, b) => b.reduce((s, t) => s + t.cpu, 0) - a.reduce((s, t) => s + t.cpu, 0)
		)[0] ?? [];
	const cpu = tasks.map((t) => t.cpu).sort((a, b) => a - b);
	return {
		count: tasks.length,
		maxCpuMs: cpu.at(-1) ?? 0,
		p99CpuMs: quantile(cpu, 0.99) ?? 0,
		overFrameCpu: cpu.filter((ms) => ms > 16.7).length,
		maxWallMs: Math.max(0, ...tasks.map((t) => t.wall))
	};
}

/** The main thread's cumulative CPU seconds (Performance.enable with threadTicks). */
async function threadTimes(cdp) {
	const { metrics } = await cdp.send('Performance.getMetrics');
	const m = Object.fromEntries(metrics.map((x) => [x.name, x.value]));
	return {
		task: m.TaskDuration,
		script: m.ScriptDuration,
		render: m.RecalcStyleDuration + m.LayoutDuration
	};
}
const perSecond = (counts, seconds) =>
	Object.fromEntries(Object.entries(counts).map(([k, n]) => [k, Number((n / seconds).toFixed(1))]));
const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))];

/** N seconds of frames (and the work's progress over them) on `page`. */
async function measure(page, lab, what, cdp, browser) {
	const loadBefore = loadavg()[0];
	const working = what !== 'idle' && what !== 'after';
	const p0 = working ? await lab.progress(page) : NaN;
	const t0 = await page.evaluate((count) => {
		/** @type {any} */ (window).__countDraws = count;
		/** @type {any} */ (window).__startFrames();
		return performance.now();
	}, PROFILE);
	const profiling = PROFILE && working;
	const before = await threadTimes(cdp);
	if (profiling) await cdp.send('Profiler.start');
	await browser.startTracing(page, { categories: ['toplevel', 'devtools.timeline'] });
	await page.waitForTimeout(SECONDS * 1000);
	const trace = await browser.stopTracing();
	const profile = profiling ? (await cdp.send('Profiler.stop')).profile : null;
	const after = await threadTimes(cdp);
	const { frames, longTasks, messages, draws, t1 } = await page.evaluate(() => ({
		.../** @type {any} */ (window).__stopFrames(),
		t1: performance.now()
	}));
	const p1 = working ? await lab.progress(page) : NaN;
	const sorted = [...frames].sort((a, b) => a - b);
	return {
		what,
		seconds: (t1 - t0) / 1000,
		frames: frames.length,
		p50: quantile(sorted, 0.5),
		p95: quantile(sorted, 0.95),
		max: sorted.at(-1),
		over20: frames.filter((f) => f > TARGET_MS).length,
		longTasks: longTasks.length,
		longTaskMs: longTasks.reduce((s, t) => s + t.duration, 0),
		longestTaskMs: Math.max(0, ...longTasks.map((t) => t.duration)),
		attribution: [...new Set(longTasks.flatMap((t) => t.attribution))].slice(0, 4),
		rate: (p1 - p0) / ((t1 - t0) / 1000),
		tasks: mainThreadTasks(trace),
		// main-thread CPU ms per second of wall time: tasks in all, script, style + layout
		cpu: Object.fromEntries(
			Object.keys(after).map((k) => [
				k,
				Number(((1000 * (after[k] - before[k])) / ((t1 - t0) / 1000)).toFixed(1))
			])
		),
		messagesPerSecond: perSecond(messages, (t1 - t0) / 1000),
		drawsPerSecond: PROFILE ? perSecond(draws, (t1 - t0) / 1000) : undefined,
		progress: [p0, p1],
		load: [Number(loadBefore.toFixed(2)), Number(loadavg()[0].toFixed(2))],
		hotspots: profile ? hotspots(profile) : undefined
	};
}

/**
 * The functions with the most self time in a CDP CPU profile (ms), idle and GC apart, and those
 * with the most total time (self + callees: which effect or chart owns the frame).
 */
function hotspots(profile) {
	const byId = new Map(profile.nodes.map((n) => [n.id, n]));
	const parent = new Map();
	for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
	const name = (n) => {
		const f = n.callFrame;
		return `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}:${f.columnNumber + 1}`;
	};
	const self = new Map();
	const total = new Map();
	const dt = profile.timeDeltas ?? [];
	profile.samples?.forEach((id, i) => {
		const ms = (dt[i] ?? 0) / 1000;
		const key = name(byId.get(id));
		self.set(key, (self.get(key) ?? 0) + ms);
		const seen = new Set();
		for (let at = id; at !== undefined; at = parent.get(at)) {
			const k = name(byId.get(at));
			if (seen.has(k)) continue;
			seen.add(k);
			total.set(k, (total.get(k) ?? 0) + ms);
		}
	});
	const top = (m, n) =>
		[...m.entries()]
			.filter(([k]) => !/^\((idle|program|garbage collector|root)\)/.test(k))
			.sort((a, b) => b[1] - a[1])
			.slice(0, n)
			.map(([k, ms]) => `${ms.toFixed(0).padStart(6)} ms  ${k}`);
	return { self: top(self, 12), total: top(total, 25) };
}

async function runLab(browser, name) {
	const lab = LABS[name];
	const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
	const errors = [];
	page.on('pageerror', (e) => errors.push(e.message));
	await page.addInitScript(recorder);
	await page.goto(`${ORIGIN}${lab.url}`);
	await page.waitForFunction(() => /** @type {any} */ (window).__renders > 0, undefined, {
		timeout: 180_000
	});
	await lab.ready(page);
	const backend = await page.evaluate(
		() => document.querySelector('[data-testid="backend-name"]')?.textContent?.trim() ?? null
	);
	const cdp = await page.context().newCDPSession(page);
	// main-thread durations in the thread's own CPU time: what the page costs, whatever the load
	await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
	if (PROFILE) {
		await cdp.send('Profiler.enable');
		await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
	}
	const rows = [];
	if (!lab.idleAfter) {
		await page.waitForTimeout(1000);
		rows.push(await measure(page, lab, 'idle', cdp, browser));
	}
	await lab.start(page);
	rows.push(await measure(page, lab, name === 'pca' ? 'UMAP' : 'training', cdp, browser));
	if (lab.idleAfter) {
		await page.waitForFunction(
			() => !document.querySelector('[data-testid="map-progress"]')?.textContent?.trim(),
			undefined,
			{ timeout: 300_000 }
		);
		await page.waitForTimeout(1000);
		// not idle if the page still works on the main thread (/pca's ICA dictionary)
		rows.push(await measure(page, lab, 'after', cdp, browser));
	}
	await page.close();
	return { lab: name, url: lab.url, unit: lab.unit, backend, errors, rows };
}

const uptime = () => execSync('uptime').toString().trim();
const report = { date: new Date().toISOString(), seconds: SECONDS, uptime: [uptime()], labs: [] };
console.log(`start: ${report.uptime[0]}`);
const names = ONLY ? [ONLY] : Object.keys(LABS);
if (ONLY && !LABS[ONLY]) {
	console.error(`unknown lab "${ONLY}": one of ${Object.keys(LABS).join(', ')}`);
	process.exit(2);
}
const stopServer = await servePreview({ port: PORT, route: '/batch-norm/' });
const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
try {
	for (const name of names) {
		try {
			const result = await runLab(browser, name);
			report.labs.push(result);
			printLab(result);
		} catch (error) {
			report.labs.push({ lab: name, error: String(error) });
			console.log(`${name}: FAILED — ${error}`);
		}
	}
} finally {
	await browser.close();
	stopServer();
}
report.uptime.push(uptime());
console.log(`end:   ${report.uptime[1]}`);
mkdirSync('bench-results', { recursive: true });
writeFileSync('bench-results/bench-frames.json', JSON.stringify(report, null, 1));

function printLab(r) {
	const f = (v) => (Number.isFinite(v) ? v.toFixed(1) : '—');
	console.log(`\n${r.lab} (${r.url}; backend ${r.backend ?? '?'})`);
	console.log(
		'  what       frames   p50 ms   p95 ms   max ms  >20ms  long tasks (total ms, longest)  main-thread CPU ms/s (script, style+layout)  rate          load 1-min    p95 ≤ 20 ms'
	);
	for (const row of r.rows) {
		console.log(
			`  ${row.what.padEnd(9)} ${String(row.frames).padStart(6)} ${f(row.p50).padStart(8)} ${f(row.p95).padStart(8)} ${f(row.max).padStart(8)} ${String(row.over20).padStart(6)}  ${String(row.longTasks).padStart(4)} (${f(row.longTaskMs).padStart(7)}, ${f(row.longestTaskMs).padStart(6)})        ` +
				`${f(row.cpu.task).padStart(6)} (${f(row.cpu.script).padStart(6)}, ${f(row.cpu.render).padStart(6)})                 ` +
				`${!Number.isFinite(row.rate) ? '—'.padEnd(13) : `${f(row.rate)} ${r.unit}/s`.padEnd(13)} ${row.load.join(' → ').padEnd(13)} ${row.p95 <= TARGET_MS ? 'PASS' : 'MISS'}`
		);
		const t = row.tasks;
		console.log(
			`    main-thread tasks by CPU time: ${t.count} tasks, longest ${f(t.maxCpuMs)} ms CPU (${f(t.maxWallMs)} ms wall), p99 ${f(t.p99CpuMs)} ms, ${t.overFrameCpu} over 16.7 ms CPU`
		);
		const rates = (o) =>
			Object.entries(o)
				.sort((a, b) => b[1] - a[1])
				.map(([k, v]) => `${k} ${v}`)
				.join(', ');
		if (Object.keys(row.messagesPerSecond).length)
			console.log(`    worker messages/s: ${rates(row.messagesPerSecond)}`);
		if (row.drawsPerSecond) console.log(`    SVG redraws/s: ${rates(row.drawsPerSecond)}`);
		if (row.attribution?.length)
			console.log(`    long-task attribution: ${row.attribution.join(', ')}`);
		if (row.hotspots) {
			console.log(`    main-thread self time:\n      ${row.hotspots.self.join('\n      ')}`);
			console.log(`    main-thread total time:\n      ${row.hotspots.total.join('\n      ')}`);
		}
	}
	if (r.errors.length) console.log(`  page errors: ${r.errors.join(' | ')}`);
}
