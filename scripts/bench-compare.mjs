#!/usr/bin/env node
/**
 * `node scripts/bench-compare.mjs --base=<checkout> [--quick] [--build] [--only=invariance]`: this build and another
 * checkout's build (e.g. a worktree of an older main: `git worktree add ../old <commit>`), side
 * by side in one run, in one Chromium. Each lab is opened in both, then the same changes are made
 * to both in turn (this, base, this, base, …), so that whatever else the machine is doing weighs
 * on both alike. Per lab and build: the cold start (navigation → first `convlab:rendered`, median of three loads), a
 * sample-image change → `convlab:rendered` and one lab control → `convlab:rendered` (median and
 * p95), and the tensors and JS heap the page holds at the end. Writes bench-results/compare.json.
 */
import { chromium } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { servePreview } from './benchServer.mjs';
import { CHROMIUM_ARGS, chromiumPath } from './chromium.js';

const base = process.argv.find((a) => a.startsWith('--base='))?.slice('--base='.length);
if (!base) {
	console.error('usage: node scripts/bench-compare.mjs --base=<another checkout> [--quick]');
	process.exit(2);
}
const QUICK = process.argv.includes('--quick');
const ITERATIONS = QUICK ? 4 : 10;
const PORT = Number(process.env.BENCH_PORT ?? 4185);
const SETTLE_MS = 400;
const TIMEOUT_MS = 30_000;

/**
 * Each lab's address and one of its controls, by the test ids both builds share (the runtime
 * refactor kept every control and its id): `set(i)` is run in the page for the i-th change.
 */
const LABS = [
	{ path: '/convolution/', query: 'size=256', control: ['preset', 'select', ['box', 'gaussian']] },
	{ path: '/pooling/', query: 'size=256', control: ['pool', 'click', ['pool-avg', 'pool-max']] },
	{ path: '/invariance/', query: 'size=256', control: ['shift-dx', 'input', ['3', '5']] },
	{ path: '/fc-vs-conv/', query: 'size=256', control: ['k-slider', 'input', ['5', '3']] },
	{ path: '/receptive-field/', query: 'size=256', control: null },
	{ path: '/network/', query: '', control: null },
	{ path: '/segmentation/', query: 'res=128', control: null }
];

const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
const labs = only ? LABS.filter((lab) => lab.path.includes(only)) : LABS;

const builds = [
	{ name: 'this', origin: `http://127.0.0.1:${PORT}`, cwd: '.' },
	{ name: 'base', origin: `http://127.0.0.1:${PORT + 1}`, cwd: resolve(base) }
];
const stops = [];
for (const build of builds)
	stops.push(
		await servePreview({
			port: Number(new URL(build.origin).port),
			route: '/convolution/',
			cwd: build.cwd
		})
	);

const browser = await chromium.launch({
	executablePath: chromiumPath(),
	args: [...CHROMIUM_ARGS, '--enable-precise-memory-info', '--js-flags=--expose-gc']
});
const report = { date: new Date().toISOString(), base, iterations: ITERATIONS, labs: [] };
try {
	for (const lab of labs) report.labs.push(await compareLab(lab));
} finally {
	await browser.close();
	for (const stop of stops) stop();
}
mkdirSync('bench-results', { recursive: true });
writeFileSync('bench-results/compare.json', JSON.stringify(report, null, 2));
printReport(report);

/** Both builds of one lab, opened, then changed in turn. */
async function compareLab(lab) {
	const pages = [];
	try {
		const row = { lab: lab.path, builds: {} };
		for (const build of builds) {
			const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
			const page = await context.newPage();
			await page.addInitScript(() => {
				window.__renders = 0;
				window.__firstRender = null;
				window.addEventListener('convlab:rendered', () => {
					window.__renders++;
					window.__firstRender ??= performance.now();
				});
			});
			const query = ['img=cat', lab.query].filter(Boolean).join('&');
			// Cold start: the median of three loads (the first also fills the HTTP cache).
			const cold = [];
			for (let load = 0; load < 3; load++) {
				await page.goto(`${build.origin}${lab.path}?${query}`);
				await page.waitForFunction(() => window.__renders >= 1, null, { timeout: 120_000 });
				cold.push(await page.evaluate(() => window.__firstRender));
			}
			// the secondary views of the first screen settle
			await page.waitForTimeout(1500);
			row.builds[build.name] = {
				backend: (await page.getByTestId('backend-name').textContent())?.trim(),
				coldMs: percentile(cold, 50),
				image: [],
				control: []
			};
			pages.push({ build, page });
		}
		for (let i = 0; i < ITERATIONS + 1; i++)
			for (const { build, page } of pages) {
				const image = await timeChange(page, { kind: 'sample', i });
				const control = lab.control
					? await timeChange(page, { kind: 'control', i, control: lab.control })
					: null;
				// the first change of each kind warms caches (the other sample's decode): not counted
				if (i === 0) continue;
				row.builds[build.name].image.push(image);
				if (control !== null) row.builds[build.name].control.push(control);
			}
		for (const { build, page } of pages) {
			await page.evaluate(() => window.gc?.());
			Object.assign(
				row.builds[build.name],
				await page.evaluate(() => ({
					tensors: window.convlab?.tf.memory().numTensors ?? null,
					heapMB: performance.memory ? performance.memory.usedJSHeapSize / 2 ** 20 : null
				}))
			);
		}
		return row;
	} finally {
		for (const { page } of pages) await page.context().close();
	}
}

/** One change made in the page; ms from the change to its `convlab:rendered` (null: none came). */
async function timeChange(page, change) {
	return page.evaluate(
		async ({ change, settleMs, timeoutMs }) => {
			await new Promise((r) => setTimeout(r, settleMs));
			await new Promise((r) => requestAnimationFrame(() => r()));
			const done = new Promise((r) => {
				const timer = setTimeout(() => r(null), timeoutMs);
				window.addEventListener(
					'convlab:rendered',
					() => {
						clearTimeout(timer);
						r(performance.now());
					},
					{ once: true }
				);
			});
			const t0 = performance.now();
			if (change.kind === 'sample') {
				const title = change.i % 2 ? 'Coffee cup' : 'Chelsea the cat';
				const button = document.querySelector(`button[aria-label="${title}"]`);
				if (!button) return null;
				button.click();
			} else {
				const [id, how, values] = change.control;
				const value = values[change.i % 2];
				if (how === 'click') document.querySelector(`[data-testid="${value}"]`)?.click();
				else {
					const input = document.querySelector(`[data-testid="${id}"]`);
					if (!input) return null;
					input.value = value;
					input.dispatchEvent(new Event(how === 'select' ? 'change' : 'input', { bubbles: true }));
					if (how !== 'select') input.dispatchEvent(new Event('change', { bubbles: true }));
				}
			}
			const t1 = await done;
			return t1 === null ? null : t1 - t0;
		},
		{ change, settleMs: SETTLE_MS, timeoutMs: TIMEOUT_MS }
	);
}

function percentile(values, p) {
	const sorted = values.filter((v) => v !== null).sort((a, b) => a - b);
	if (sorted.length === 0) return null;
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function printReport(r) {
	const ms = (v) => (v === null || v === undefined ? '–' : `${Math.round(v)}`);
	const pair = (values) => `${ms(percentile(values, 50))} / ${ms(percentile(values, 95))}`;
	console.log(
		`\nThis build vs ${r.base}, side by side (${r.iterations} changes each, interleaved)`
	);
	console.log(
		'lab                cold start ms      sample change ms (med / p95)   control change ms (med / p95)   tensors   heap MB'
	);
	console.log(
		'                   this    base       this          base              this          base              this/base this/base'
	);
	for (const { lab, builds: b } of r.labs) {
		const [t, o] = [b.this, b.base];
		console.log(
			`${lab.padEnd(18)} ${ms(t.coldMs).padStart(5)}  ${ms(o.coldMs).padStart(5)}      ` +
				`${pair(t.image).padEnd(13)} ${pair(o.image).padEnd(17)} ` +
				`${(t.control.length ? pair(t.control) : '–').padEnd(13)} ${(o.control.length ? pair(o.control) : '–').padEnd(17)} ` +
				`${t.tensors}/${o.tensors}`.padEnd(10) +
				`${t.heapMB?.toFixed(0)}/${o.heapMB?.toFixed(0)}`
		);
		const missing = [t, o]
			.flatMap((x) => [...x.image, ...x.control])
			.filter((v) => v === null).length;
		if (missing)
			console.log(
				`   (${missing} change(s) drew no convlab:rendered within ${TIMEOUT_MS / 1000} s)`
			);
	}
	console.log(
		`backend: this ${r.labs[0]?.builds.this.backend}, base ${r.labs[0]?.builds.base.backend}`
	);
}
