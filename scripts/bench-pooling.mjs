#!/usr/bin/env node
/**
 * `node scripts/bench-pooling.mjs [--quick] [--build]`: the Pooling lab's latency, measured in
 * headless Chromium against the production build on the backend the app picks: control change →
 * pooled map drawn (the `convlab:rendered` event) and → the first frame after it, median and p95,
 * at 256² and 512², for three controls (pool mode, pool window, a conv kernel). Prints a report
 * and writes bench-results/bench-pooling.json. Target: drawn within one frame (16.7 ms) at 512².
 * Also the webcam: pooled maps per second on Chromium's fake camera at 256² (the browser test
 * only checks that frames keep coming and are the camera's; how many is measured here).
 * (Everything here is latency, so `--latency` changes nothing.)
 */
import { chromium } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import { servePreview } from './benchServer.mjs';
import { CHROMIUM_ARGS, FAKE_CAMERA_ARGS, chromiumPath } from './chromium.js';

const PORT = Number(process.env.BENCH_PORT ?? 4181);
const ORIGIN = `http://127.0.0.1:${PORT}`;
const QUICK = process.argv.includes('--quick');
const ITERATIONS = QUICK ? 8 : 25;
const SETTLE_MS = 400; // isolated changes: the shift chart and the explanations have finished

const stopServer = await servePreview({ port: PORT, route: '/pooling/' });

const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
const report = { date: new Date().toISOString(), iterations: ITERATIONS, rows: [] };
try {
	for (const size of [256, 512]) report.rows.push(...(await measure(size)));
	report.webcam = await measureWebcam();
} finally {
	await browser.close();
	stopServer();
}
mkdirSync('bench-results', { recursive: true });
writeFileSync('bench-results/bench-pooling.json', JSON.stringify(report, null, 2));
printReport(report);

/** One page per size; each control is changed back and forth, one change per isolated click. */
async function measure(size) {
	const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
	const page = await context.newPage();
	await page.addInitScript(() => {
		window.__renders = 0;
		window.addEventListener('convlab:rendered', () => window.__renders++);
	});
	try {
		await page.goto(`${ORIGIN}/pooling/?img=astronaut&size=${size}`);
		await page.waitForFunction(() => window.__renders >= 1, null, { timeout: 120_000 });
		const backend = (await page.getByTestId('backend-name').textContent())?.trim();
		const image = (await page.getByTestId('image-info').textContent())?.trim();
		const rows = [];
		for (const control of ['pool mode', 'pool window', 'conv kernel']) {
			const timing = await page.evaluate(
				async ({ control, iterations, settleMs }) => {
					const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
					const once = () =>
						new Promise((r) =>
							window.addEventListener('convlab:rendered', (e) => r(e.detail), { once: true })
						);
					const byId = (id) => document.querySelector(`[data-testid="${id}"]`);
					const change = (i) => {
						if (control === 'pool mode') byId(i % 2 ? 'pool-avg' : 'pool-max').click();
						else if (control === 'pool window') {
							const slider = byId('pool-size');
							slider.value = String(2 + (i % 2));
							slider.dispatchEvent(new Event('input', { bubbles: true }));
						} else {
							const select = byId('bank-slot-0');
							select.value = i % 2 ? 'prewitt-x' : 'sobel-x';
							select.dispatchEvent(new Event('change', { bubbles: true }));
						}
					};
					const drawn = [];
					const screen = [];
					const compute = [];
					for (let i = 0; i < iterations + 3; i++) {
						await new Promise((r) => setTimeout(r, settleMs));
						await frame();
						const done = once();
						const t0 = performance.now();
						change(i + 1);
						const detail = await done;
						const t1 = performance.now();
						await frame();
						if (i >= 3) {
							drawn.push(t1 - t0);
							screen.push(performance.now() - t0);
							compute.push(detail.computeMs);
						}
					}
					return { drawn, screen, compute };
				},
				{ control, iterations: ITERATIONS, settleMs: SETTLE_MS }
			);
			rows.push({
				backend,
				image,
				size,
				control,
				drawnMedianMs: percentile(timing.drawn, 50),
				drawnP95Ms: percentile(timing.drawn, 95),
				screenMedianMs: percentile(timing.screen, 50),
				screenP95Ms: percentile(timing.screen, 95),
				computeMedianMs: percentile(timing.compute, 50)
			});
		}
		return rows;
	} finally {
		await context.close();
	}
}

/** Pooled maps on screen per second while Chromium's fake camera runs (at 60 fps), over 5 s. */
async function measureWebcam() {
	const camera = await chromium.launch({
		executablePath: chromiumPath(),
		args: FAKE_CAMERA_ARGS
	});
	try {
		const context = await camera.newContext({ permissions: ['camera'] });
		const page = await context.newPage();
		await page.goto(`${ORIGIN}/pooling/?size=256`);
		await page.getByTestId('map-pooled').waitFor({ timeout: 120_000 });
		await page.getByRole('button', { name: 'Webcam' }).click();
		await page.waitForTimeout(2000);
		return await page.evaluate(async () => {
			const totals = [];
			const on = (e) => totals.push(e.detail.totalMs);
			window.addEventListener('convlab:rendered', on);
			const t0 = performance.now();
			await new Promise((r) => setTimeout(r, 5000));
			window.removeEventListener('convlab:rendered', on);
			const sorted = [...totals].sort((a, b) => a - b);
			return {
				mapsPerSecond: totals.length / ((performance.now() - t0) / 1000),
				frameToScreenMedianMs: sorted[Math.floor(sorted.length / 2)] ?? NaN,
				image: document.querySelector('[data-testid="image-info"]').textContent.trim()
			};
		});
	} finally {
		await camera.close();
	}
}

function percentile(values, p) {
	const sorted = [...values].sort((a, b) => a - b);
	if (!sorted.length) return NaN;
	const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
	return sorted[Math.max(0, index)];
}

function printReport(r) {
	const f = (x, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : '–');
	console.log('\nPooling lab benchmark —', r.date, QUICK ? '(quick)' : '');
	console.log('control change → pooled map (ms): drawn = canvas updated; screen = next frame');
	console.log('backend image           control       drawn med   p95  screen med   p95  compute');
	for (const row of r.rows)
		console.log(
			`${row.backend.padEnd(7)} ${row.image.padEnd(15)} ${row.control.padEnd(12)} ${f(row.drawnMedianMs).padStart(10)} ${f(row.drawnP95Ms).padStart(5)} ${f(row.screenMedianMs).padStart(11)} ${f(row.screenP95Ms).padStart(5)} ${f(row.computeMedianMs).padStart(8)}`
		);
	const w = r.webcam;
	if (w)
		console.log(
			`\nwebcam (fake camera at 60 fps, ${w.image}): ${f(w.mapsPerSecond)} pooled maps/s on screen; frame→screen median ${f(w.frameToScreenMedianMs)} ms`
		);
	console.log('\ntarget:');
	for (const row of r.rows.filter((row) => row.size === 512)) {
		const ok = row.drawnMedianMs <= 16.7;
		console.log(
			`  ${ok ? 'PASS' : 'MISS'}  512², ${row.control}: drawn within one frame (≤ 16.7 ms): ${f(row.drawnMedianMs)} ms`
		);
	}
	// What the browser test used to require (and failed under load): more than 3 maps a second.
	if (w)
		console.log(
			`  ${w.mapsPerSecond > 3 ? 'PASS' : 'MISS'}  webcam 256²: more than 3 pooled maps/s: ${f(w.mapsPerSecond)}`
		);
}
