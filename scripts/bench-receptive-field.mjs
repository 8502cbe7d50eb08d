#!/usr/bin/env node
/**
 * `node scripts/bench-receptive-field.mjs`: how long the Receptive-field lab takes to compute an
 * effective receptive field (tf.grad of one unit with respect to the image) in headless
 * Chromium on the production build, for a 6- and a 12-layer stack of 3×3 convs at 128² and
 * 256², on the backend the app picks (and on any other passed with --backend=…). Each sample
 * moves the selected unit one step with the keyboard and reads `computeMs` from the
 * `convlab:rendered` event that follows. Target: under 100 ms for 6 layers at 128².
 * Results also go to bench-results/bench-receptive-field.json.
 */
import { chromium } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import { servePreview } from './benchServer.mjs';
import { CHROMIUM_ARGS, chromiumPath } from './chromium.js';

const PORT = Number(process.env.BENCH_PORT ?? 4183);
const ORIGIN = `http://127.0.0.1:${PORT}`;
const QUICK = process.argv.includes('--quick');
const ITERATIONS = QUICK ? 6 : 20;
const BACKENDS = (process.argv.find((a) => a.startsWith('--backend='))?.slice(10) ?? 'auto').split(
	','
);

const stopServer = await servePreview({ port: PORT, route: '/receptive-field/' });

const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
const report = { date: new Date().toISOString(), iterations: ITERATIONS, runs: [] };
try {
	for (const backend of BACKENDS)
		for (const layers of [6, 12])
			for (const size of [128, 256])
				for (const channels of [1, 4]) {
					const run = await measure(backend, layers, size, channels);
					if (run) report.runs.push(run);
				}
} finally {
	await browser.close();
	stopServer();
}
mkdirSync('bench-results', { recursive: true });
writeFileSync('bench-results/bench-receptive-field.json', JSON.stringify(report, null, 2));
console.log('\nERF compute (tf.grad of one unit + readback), median / p95 ms');
console.log('backend  layers  image  channels   median     p95   target');
for (const r of report.runs) {
	const target =
		r.layers === 6 && r.size === 128 ? (r.median < 100 ? '< 100 ok' : '< 100 MISSED') : '';
	console.log(
		`${r.backend.padEnd(8)} ${String(r.layers).padStart(6)}  ${`${r.size}²`.padStart(5)}  ${String(r.channels).padStart(8)}  ${r.median.toFixed(1).padStart(7)} ${r.p95.toFixed(1).padStart(7)}   ${target}`
	);
}

async function measure(backend, layers, size, channels) {
	const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
	const page = await context.newPage();
	await page.addInitScript(() => {
		window.__renders = [];
		window.addEventListener('convlab:rendered', (e) => window.__renders.push(e.detail));
	});
	const stack = new Array(layers).fill('c3').join(',');
	// astronaut is square, so the working size gives exactly size² pixels.
	await page.goto(
		`${ORIGIN}/receptive-field/?img=astronaut&size=${size}&backend=${backend}&arch=custom&layers=${stack}&weights=random&act=relu&erfc=${channels}&unit=0,0`
	);
	await page.waitForFunction(() => window.__renders.length > 0, null, { timeout: 120_000 });
	// Let the ERF-by-depth curve finish so it does not share the CPU with the samples.
	await page.getByTestId('erf-depth').waitFor({ timeout: 120_000 });
	const active = (await page.getByTestId('backend-name').textContent())?.trim();
	const samples = await page.evaluate(async (iterations) => {
		const target = document.querySelector('[data-testid="rf-image"]');
		const times = [];
		for (let i = 0; i < iterations + 2; i++) {
			const done = new Promise((resolve) =>
				window.addEventListener('convlab:rendered', (e) => resolve(e.detail), { once: true })
			);
			target.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
			const detail = await done;
			if (i >= 2) times.push(detail.computeMs);
		}
		return times;
	}, ITERATIONS);
	await context.close();
	const sorted = [...samples].sort((a, b) => a - b);
	const pick = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
	return { backend: active, layers, size, channels, median: pick(0.5), p95: pick(0.95), samples };
}
