#!/usr/bin/env node
/**
 * `node scripts/bench-invariance.mjs [--quick] [--build]`: speed of the /invariance and
 * /fc-vs-conv labs in headless Chromium against the production build, at 256² and 512²
 * (the astronaut sample, which is square): control change → `convlab:rendered` (main picture
 * drawn) and → the next frame, median and p95; and the time of the invariance lab's similarity
 * curve (33 shifts × 7 representations, computed after the picture in chunks). Writes
 * bench-results/bench-invariance.json. Nothing here fails a build.
 */
import { chromium } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import { servePreview } from './benchServer.mjs';
import { CHROMIUM_ARGS, chromiumPath } from './chromium.js';

const PORT = Number(process.env.BENCH_PORT ?? 4219);
const ORIGIN = `http://127.0.0.1:${PORT}`;
const QUICK = process.argv.includes('--quick');
const ITERATIONS = QUICK ? 6 : 20;
const CURVES = QUICK ? 2 : 5;
// --latency: control → picture only, no similarity-curve timing; --lab=invariance|fc-vs-conv: one lab.
const LATENCY_ONLY = process.argv.includes('--latency');
const ONLY = process.argv.find((a) => a.startsWith('--lab='))?.slice('--lab='.length);

const stopServer = await servePreview({
	port: PORT,
	route: ONLY === 'fc-vs-conv' ? '/fc-vs-conv/' : '/invariance/'
});

const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
const report = { date: new Date().toISOString(), iterations: ITERATIONS, results: [] };
try {
	for (const size of [256, 512]) {
		if (ONLY !== 'fc-vs-conv') report.results.push(await measureInvariance(size));
		if (ONLY !== 'invariance') report.results.push(await measureFcVsConv(size));
	}
} finally {
	await browser.close();
	stopServer();
}
mkdirSync('bench-results', { recursive: true });
writeFileSync('bench-results/bench-invariance.json', JSON.stringify(report, null, 2));
printReport(report);

// ---------------------------------------------------------------------------------------------

async function open(path) {
	const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
	const page = await context.newPage();
	await page.addInitScript(() => {
		window.__renders = 0;
		window.addEventListener('convlab:rendered', () => window.__renders++);
	});
	await page.goto(`${ORIGIN}${path}`);
	await page.waitForFunction(() => window.__renders > 0, null, { timeout: 120_000 });
	const backend = (await page.getByTestId('backend-name').textContent())?.trim();
	return { context, page, backend };
}

/**
 * Moves a range input through `values` one change at a time, each after the screen settled:
 * input event → rendered event (drawn) → next animation frame (on screen).
 */
async function sliderLatency(page, testid, values) {
	return page.evaluate(
		async ({ testid, values }) => {
			const input = document.querySelector(`[data-testid="${testid}"]`);
			const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
			const once = () =>
				new Promise((resolve, reject) => {
					const timer = setTimeout(() => reject(new Error('no convlab:rendered in 30 s')), 30_000);
					window.addEventListener(
						'convlab:rendered',
						(e) => {
							clearTimeout(timer);
							resolve(e.detail);
						},
						{ once: true }
					);
				});
			const drawn = [];
			const screen = [];
			const compute = [];
			for (let i = 0; i < values.length; i++) {
				await new Promise((r) => setTimeout(r, 150));
				await frame();
				const done = once();
				const t0 = performance.now();
				input.value = String(values[i]);
				input.dispatchEvent(new Event('input', { bubbles: true }));
				const detail = await done;
				const t1 = performance.now();
				await frame();
				if (i >= 2) {
					drawn.push(t1 - t0);
					screen.push(performance.now() - t0);
					compute.push(detail.computeMs);
				}
			}
			return { drawn, screen, compute };
		},
		{ testid, values }
	);
}

async function measureInvariance(size) {
	const { context, page, backend } = await open(`/invariance/?img=astronaut&size=${size}`);
	try {
		// Consecutive values always differ, so every change asks for a new picture.
		const values = Array.from({ length: ITERATIONS + 2 }, (_, i) => 2 + (i % 6));
		const timing = await sliderLatency(page, 'shift-dx', values);
		// The curve: each fill change asks for a new one; wait until its time is posted.
		const curve = [];
		for (let i = 0; i < (LATENCY_ONLY ? 0 : CURVES); i++) {
			await page.getByTestId(i % 2 ? 'fill-zero' : 'fill-wrap').click();
			const ms = await page.waitForFunction(
				(fill) => {
					const svg = document.querySelector('[data-testid="similarity-chart"]');
					const url = new URL(window.location.href);
					const wanted = (url.searchParams.get('fill') ?? 'zero') === fill;
					return wanted && svg?.dataset.ms && svg.dataset.rows === '33'
						? Number(svg.dataset.ms)
						: null;
				},
				i % 2 ? 'zero' : 'wrap',
				{ timeout: 120_000, polling: 50 }
			);
			curve.push(await ms.jsonValue());
		}
		return summary('invariance', size, backend, 'dx slider', timing, curve.length ? curve : null);
	} finally {
		await context.close();
	}
}

async function measureFcVsConv(size) {
	const { context, page, backend } = await open(`/fc-vs-conv/?img=astronaut&size=${size}`);
	try {
		const values = Array.from({ length: ITERATIONS + 2 }, (_, i) => 6 + (i % 4));
		const timing = await sliderLatency(page, 'units-slider', values);
		return summary('fc-vs-conv', size, backend, 'N slider', timing, null);
	} finally {
		await context.close();
	}
}

function summary(lab, size, backend, control, timing, curve) {
	return {
		lab,
		size,
		backend,
		control,
		drawnMedianMs: median(timing.drawn),
		drawnP95Ms: percentile(timing.drawn, 95),
		screenMedianMs: median(timing.screen),
		screenP95Ms: percentile(timing.screen, 95),
		computeMedianMs: median(timing.compute),
		curveMedianMs: curve ? median(curve) : null,
		curveAllMs: curve
	};
}

function median(values) {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted.length ? sorted[Math.floor(sorted.length / 2)] : NaN;
}

function percentile(values, p) {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted.length
		? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]
		: NaN;
}

function printReport(r) {
	const f = (v) => (v === null || Number.isNaN(v) ? '—' : `${v.toFixed(1)} ms`);
	console.log(
		'\nlab          size  backend  control      compute   → drawn (p95)          → screen (p95)         curve'
	);
	for (const x of r.results) {
		console.log(
			`${x.lab.padEnd(12)} ${String(x.size).padEnd(5)} ${String(x.backend).padEnd(8)} ${x.control.padEnd(12)} ` +
				`${f(x.computeMedianMs).padEnd(9)} ${`${f(x.drawnMedianMs)} (${f(x.drawnP95Ms)})`.padEnd(22)} ` +
				`${`${f(x.screenMedianMs)} (${f(x.screenP95Ms)})`.padEnd(22)} ${f(x.curveMedianMs)}`
		);
	}
}
