#!/usr/bin/env node
/**
 * `node scripts/profile-network-upload.mjs [--held] [--delay=MS] [--runs=N] [--origin=URL]`:
 * where the main thread's time goes between an upload's request and its maps drawn on /network
 * (the case bench-network.mjs --upload-only times). One first visit per run, traced with the
 * timeline and the V8 sampling profiler; prints the tasks that overlap [request, drawn], each
 * with its CPU time and its biggest timeline events, and the JS functions with the most self
 * time in them (all runs together). Build unminified (`npx vite build --minify false`) for
 * readable names. Serves ./build on BENCH_PORT (4188) unless --origin is given.
 */
import { chromium } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { servePreview } from './benchServer.mjs';
import { holdModel, recordFileChanges } from './networkUpload.mjs';
import { CHROMIUM_ARGS, chromiumPath } from './chromium.js';

const arg = (name, fallback) =>
	process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const HELD = process.argv.includes('--held');
const DELAY = Number(arg('delay', 500));
const RUNS = Number(arg('runs', 3));
const PORT = Number(process.env.BENCH_PORT ?? 4188);
const ORIGIN = arg('origin', null) ?? `http://127.0.0.1:${PORT}`;

const stop = process.argv.some((a) => a.startsWith('--origin='))
	? () => {}
	: await servePreview({ port: PORT, route: '/network/' });
const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
const photo = {
	name: 'coffee.jpg',
	mimeType: 'image/jpeg',
	buffer: readFileSync('static/samples/coffee.jpg')
};
const selfByFunction = new Map();
const totalByFunction = new Map();
const before = new Map();
let sampledMs = 0;
let beforeMs = 0;
try {
	for (let r = 0; r < RUNS; r++) await once(r);
} finally {
	await browser.close();
	stop();
}
const top = (title, map, n) => {
	console.log(`\n${title}`);
	for (const [name, ms] of [...map].sort((a, b) => b[1] - a[1]).slice(0, n))
		console.log(`  ${(ms / RUNS).toFixed(1).padStart(7)} ms/run  ${name}`);
};
top(
	`JS self time by function, request → drawn (${(sampledMs / RUNS).toFixed(1)} ms/run sampled):`,
	selfByFunction,
	40
);
top(`JS total (inclusive) time by function, request → drawn:`, totalByFunction, 60);
top(
	`JS self time in the same task(s) before the request (${(beforeMs / RUNS).toFixed(1)} ms/run):`,
	before,
	25
);

async function once(run) {
	const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
	const page = await context.newPage();
	let release = () => {};
	try {
		if (HELD) release = await holdModel(page);
		await page.addInitScript(() => {
			window.__rendered = [];
			window.addEventListener('convlab:rendered', (e) =>
				window.__rendered.push({ at: performance.now(), ...e.detail })
			);
		});
		await page.addInitScript(recordFileChanges);
		await browser.startTracing(page, {
			categories: [
				'toplevel',
				'blink.user_timing',
				'devtools.timeline',
				'disabled-by-default-devtools.timeline',
				'v8.execute',
				'disabled-by-default-v8.cpu_profiler',
				'disabled-by-default-v8.cpu_profiler.hires'
			]
		});
		await page.goto(ORIGIN + '/network/?img=cat', { waitUntil: 'commit' });
		const input = page.getByTestId('file-input');
		await input.waitFor({ state: 'attached', timeout: 60_000 });
		await page.waitForFunction((ms) => performance.now() >= ms, DELAY, { polling: 10 });
		await input.setInputFiles(photo);
		release();
		const one = await page.waitForFunction(
			() => {
				const changed = window.__changes[0];
				const hit =
					changed !== undefined && window.__rendered.find((e) => e.at - e.totalMs >= changed);
				return (
					hit && { from: hit.at - hit.totalMs, to: hit.at, first: hit === window.__rendered[0] }
				);
			},
			null,
			{ timeout: 60_000 }
		);
		const win = await one.jsonValue();
		await page.waitForTimeout(200);
		const sync = await page.evaluate(() => performance.mark('bench:sync').startTime);
		const trace = JSON.parse((await browser.stopTracing()).toString());
		report(run, trace.traceEvents, sync, win);
	} finally {
		release();
		await context.close();
	}
}

function report(run, events, sync, { from, to, first }) {
	const mark = events.find((e) => e.name === 'bench:sync');
	const at = (ts) => (ts - mark.ts) / 1000 + sync;
	const thread = events.filter((e) => e.pid === mark.pid && e.tid === mark.tid);
	const slices = thread.filter((e) => e.ph === 'X').sort((a, b) => a.ts - b.ts || b.dur - a.dur);
	console.log(
		`\nrun ${run}: request → drawn ${(to - from).toFixed(1)} ms${first ? ' (the page’s first picture)' : ''}`
	);
	let end = -Infinity;
	let cpu = 0;
	let taskStart = Infinity;
	for (const slice of slices) {
		if (slice.ts < end) continue;
		end = slice.ts + slice.dur;
		if (!(at(end) > from && at(slice.ts) < to) || !(slice.tdur >= 0)) continue;
		cpu += slice.tdur / 1000;
		taskStart = Math.min(taskStart, at(slice.ts));
		const inner = slices
			.filter(
				(e) =>
					e !== slice &&
					e.ts >= slice.ts &&
					e.ts + e.dur <= end &&
					e.dur > 400 &&
					!['RunTask', 'ThreadControllerImpl::RunTask'].includes(e.name)
			)
			.slice(0, 14)
			.map((e) => {
				const d = e.args?.data ?? {};
				const what = d.functionName || d.url?.split('/').pop() || d.type || '';
				return `${e.name}${what ? `(${what})` : ''} ${(e.dur / 1000).toFixed(1)}`;
			});
		console.log(
			`  task at ${(at(slice.ts) - from).toFixed(1).padStart(7)} ms: cpu ${(slice.tdur / 1000).toFixed(1)} ms, wall ${(slice.dur / 1000).toFixed(1)} — ${inner.join('; ')}`
		);
	}
	console.log(`  main-thread CPU of tasks overlapping it: ${cpu.toFixed(1)} ms`);
	// every other thread's CPU in [request, drawn] (its tasks' CPU, in proportion to the part of
	// each task inside the window): what competed with the page for the cores meanwhile
	const names = new Map(
		events
			.filter((e) => e.ph === 'M' && e.name === 'thread_name')
			.map((e) => [`${e.pid}/${e.tid}`, e.args?.name ?? '?'])
	);
	const busy = new Map();
	const kinds = new Map();
	const lastEnd = new Map();
	for (const e of events
		.filter((e) => e.ph === 'X' && e.tdur >= 0 && e.dur > 0)
		.sort((a, b) => a.ts - b.ts || b.dur - a.dur)) {
		const key = `${e.pid}/${e.tid}`;
		if (e.ts < (lastEnd.get(key) ?? -Infinity)) continue; // nested in a task already counted
		lastEnd.set(key, e.ts + e.dur);
		const overlap = Math.min(at(e.ts + e.dur), to) - Math.max(at(e.ts), from);
		if (overlap <= 0) continue;
		const name = `${names.get(key) ?? key}${e.pid === mark.pid ? '' : ' (other process)'}`;
		busy.set(name, (busy.get(name) ?? 0) + (e.tdur / 1000) * (overlap / (e.dur / 1000)));
		if (e.pid !== mark.pid || e.tid !== mark.tid) {
			// what the task was: its longest inner event
			const inner = events
				.filter(
					(x) =>
						x.pid === e.pid &&
						x.tid === e.tid &&
						x.ph === 'X' &&
						x !== e &&
						x.ts >= e.ts &&
						x.ts + x.dur <= e.ts + e.dur
				)
				.sort((x, y) => y.dur - x.dur)
				.slice(0, 3)
				.map((x) => `${x.name}${x.args?.data?.url ? `(${x.args.data.url.split('/').pop()})` : ''}`);
			const what = `${name}: ${e.name} > ${inner.join(' > ')}`;
			kinds.set(what, (kinds.get(what) ?? 0) + (e.tdur / 1000) * (overlap / (e.dur / 1000)));
		}
	}
	console.log(
		`  threads' CPU in the window: ${[...busy]
			.sort((a, b) => b[1] - a[1])
			.filter(([, ms]) => ms >= 0.5)
			.map(([name, ms]) => `${name} ${ms.toFixed(1)}`)
			.join(', ')}`
	);
	for (const [what, ms] of [...kinds].sort((a, b) => b[1] - a[1]).slice(0, 8))
		if (ms >= 1) console.log(`    ${ms.toFixed(1).padStart(5)} ms  ${what}`);
	// rendering work in the 100 ms after drawn (the frame that shows the picture)
	const rendering = thread.filter(
		(e) =>
			['Layout', 'UpdateLayoutTree', 'Paint', 'PrePaint', 'Layerize', 'Commit'].includes(e.name) &&
			e.ph === 'X' &&
			at(e.ts) > from &&
			at(e.ts) < to + 100
	);
	console.log(
		`  rendering: ${rendering.map((e) => `${e.name}@${(at(e.ts) - from).toFixed(0)} ${(e.dur / 1000).toFixed(1)}`).join(', ')}`
	);
	// V8 samples on the main thread, attributed to the leaf function, inside the window.
	const profile = events.find(
		(e) => e.name === 'Profile' && e.pid === mark.pid && e.tid === mark.tid
	);
	if (!profile) return;
	const chunks = events.filter(
		(e) => e.name === 'ProfileChunk' && e.id === profile.id && e.pid === profile.pid
	);
	const nodes = new Map();
	let t = profile.args.data.startTime;
	for (const chunk of chunks) {
		const data = chunk.args.data;
		for (const node of data.cpuProfile?.nodes ?? []) nodes.set(node.id, node);
		const samples = data.cpuProfile?.samples ?? [];
		const deltas = data.timeDeltas ?? [];
		for (let i = 0; i < samples.length; i++) {
			const prev = t;
			t += deltas[i];
			const ms = (t - prev) / 1000;
			const time = at(t);
			if (time < taskStart || time > to) continue;
			const node = nodes.get(samples[i]);
			const label = (n) => {
				const frame = n?.callFrame ?? {};
				return `${frame.functionName || '(anon)'} ${(frame.url || '').split('/').pop()}:${frame.lineNumber}`;
			};
			if (['(idle)', '(program)'].includes(node?.callFrame?.functionName)) continue;
			if (time < from) {
				before.set(label(node), (before.get(label(node)) ?? 0) + ms);
				beforeMs += ms;
				continue;
			}
			selfByFunction.set(label(node), (selfByFunction.get(label(node)) ?? 0) + ms);
			sampledMs += ms;
			const seen = new Set();
			for (let n = node; n; n = nodes.get(n.parent)) {
				const l = label(n);
				if (seen.has(l)) continue;
				seen.add(l);
				totalByFunction.set(l, (totalByFunction.get(l) ?? 0) + ms);
			}
		}
	}
}
