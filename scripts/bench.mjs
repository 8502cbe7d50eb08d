#!/usr/bin/env node
/**
 * `npm run bench`: ConvLab's speed and memory figures, measured in headless Chromium against
 * the production build. Prints a report and writes bench-results/bench.json. Targets are
 * printed beside the figures; nothing here fails a build (timed tests flake, numbers don't).
 */
import { chromium } from '@playwright/test';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { servePreview } from './benchServer.mjs';
import { CHROMIUM_ARGS, FAKE_CAMERA_ARGS, chromiumPath } from './chromium.js';

const PORT = Number(process.env.BENCH_PORT ?? 4179);
const ORIGIN = `http://127.0.0.1:${PORT}`;
const QUICK = process.argv.includes('--quick');
const ITERATIONS = QUICK ? 8 : 25;
// --latency: only the isolated control-change latencies on WASM (a quick check while profiling).
const LATENCY_ONLY = process.argv.includes('--latency');
// Drawing a map may add at most this much to the convolution itself (colour mapping, histogram,
// canvas), so that a k = 11 full-rank change at 512² still lands within one frame.
const DRAW_BUDGET_MS = 4;

const stopServer = await servePreview({ port: PORT, route: '/convolution/' });

const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
const report = { date: new Date().toISOString(), iterations: ITERATIONS };

try {
	if (!LATENCY_ONLY) report.transfer = await measureTransfer();
	if (!LATENCY_ONLY) report.coldStart = await measureColdStart();
	report.latency = [];
	// Isolated changes (a click after the screen has settled) and back-to-back changes (a slider
	// being dragged: each change lands while the previous one's explanations still render).
	const isolated = await measureLatency('wasm', 400);
	if (isolated) report.latency.push(...isolated);
	for (const backend of LATENCY_ONLY ? [] : ['wasm', 'webgl', 'cpu']) {
		const result = await measureLatency(backend);
		if (result) report.latency.push(...result);
	}
	report.chosenBackend = await chosenBackend();
	if (!LATENCY_ONLY) report.memory = await measureMemory();
	if (!LATENCY_ONLY) report.webcam = await measureWebcam();
} finally {
	await browser.close();
	stopServer();
}

mkdirSync('bench-results', { recursive: true });
writeFileSync('bench-results/bench.json', JSON.stringify(report, null, 2));
printReport(report);

// ---------------------------------------------------------------------------------------------

async function newPage() {
	const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
	const page = await context.newPage();
	await page.addInitScript(() => {
		window.__renders = [];
		window.addEventListener('convlab:rendered', (event) => {
			window.__renders.push({ at: performance.now(), ...event.detail });
		});
	});
	return { context, page };
}

async function waitRendered(page, count = 1) {
	await page.waitForFunction((n) => window.__renders.length >= n, count, { timeout: 120_000 });
}

async function measureTransfer() {
	const { context, page } = await newPage();
	const files = [];
	page.on('response', (response) => {
		const url = new URL(response.url());
		if (url.origin === ORIGIN) files.push(url.pathname);
	});
	await page.goto(`${ORIGIN}/convolution/`);
	await waitRendered(page);
	await context.close();
	const size = (pattern) =>
		files
			.filter((path) => pattern.test(path))
			.reduce(
				(sum, path) => {
					const file = join(
						'build',
						decodeURIComponent(path),
						path.endsWith('/') ? 'index.html' : ''
					);
					if (!existsSync(file)) return sum;
					const bytes = readFileSync(file);
					return {
						raw: sum.raw + bytes.length,
						gzip: sum.gzip + gzipSync(bytes, { level: 9 }).length
					};
				},
				{ raw: 0, gzip: 0 }
			);
	return { js: size(/\.js$/), wasm: size(/\.wasm$/), css: size(/\.css$/), files: files.length };
}

async function measureColdStart() {
	const runs = [];
	for (let i = 0; i < (QUICK ? 2 : 4); i++) {
		const { context, page } = await newPage();
		await page.goto(`${ORIGIN}/convolution/`);
		await waitRendered(page);
		runs.push(await page.evaluate(() => window.__renders[0].at));
		await context.close();
	}
	return { medianMs: median(runs), runs };
}

async function chosenBackend() {
	const { context, page } = await newPage();
	await page.goto(`${ORIGIN}/convolution/`);
	await waitRendered(page);
	const name = await page.getByTestId('backend-name').textContent();
	const reason = await page.getByTestId('backend-reason').textContent();
	await context.close();
	return { name, reason };
}

/**
 * Control change → feature map drawn → first frame after it, measured inside the page. Each
 * change is dispatched right after a frame starts, as Chromium does with real input, so "to
 * screen" is the start of the first frame that can show the new map.
 * Two kernel families: separable presets (box ↔ Gaussian, the engine's fast path) and full-rank
 * random kernels (the "New random kernel" button), which need the direct k×k convolution; and
 * the kernel-size slider (box, k ↔ k − 1), which also changes the kernel grid and the formula.
 */
async function measureLatency(backend, settleMs = 0) {
	const { context, page } = await newPage();
	const results = [];
	try {
		for (const family of ['separable', 'full-rank', 'k-slider']) {
			for (const size of [256, 512]) {
				for (const k of [3, 7, 11]) {
					const kernel = family === 'full-rank' ? 'random' : 'box';
					await page.goto(
						`${ORIGIN}/convolution/?img=astronaut&size=${size}&backend=${backend}&k=${k}&kernel=${kernel}`
					);
					await waitRendered(page);
					const active = (await page.getByTestId('backend-name').textContent())?.trim();
					if (active !== backend) return results.length ? results : null;
					const slow = backend === 'webgl' || backend === 'cpu';
					const iterations = slow ? Math.min(ITERATIONS, 8) : ITERATIONS;
					const timing = await page.evaluate(
						async ({ iterations, k, family, settleMs }) => {
							const select = document.querySelector('[data-testid="preset"]');
							const slider = document.querySelector('[data-testid="kernel-size"]');
							const reroll = () =>
								[...document.querySelectorAll('button')].find((b) =>
									b.textContent.includes('New random kernel')
								);
							const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
							const once = () =>
								new Promise((r) =>
									window.addEventListener('convlab:rendered', (e) => r(e.detail), { once: true })
								);
							const drawn = [];
							const screen = [];
							const compute = [];
							const presets = ['gaussian', 'box'];
							for (let i = 0; i < iterations + 3; i++) {
								if (settleMs) await new Promise((r) => setTimeout(r, settleMs));
								await frame();
								const done = once();
								const t0 = performance.now();
								if (family === 'separable') {
									select.value = presets[i % 2];
									select.dispatchEvent(new Event('change', { bubbles: true }));
								} else if (family === 'k-slider') {
									slider.value = String(i % 2 ? k : k - 1);
									slider.dispatchEvent(new Event('input', { bubbles: true }));
								} else reroll().click();
								const detail = await done;
								const t1 = performance.now();
								await frame();
								if (i >= 3) {
									drawn.push(t1 - t0);
									screen.push(performance.now() - t0);
									compute.push(detail.computeMs);
								}
							}
							// The same convolution as a plain JS loop, on the same luma image, in this page.
							const canvas = document.querySelector('[data-testid="feature-map"]');
							const h = Number(canvas.dataset.height);
							const w = Number(canvas.dataset.width);
							const input = new Float32Array(h * w).map((_, i) => (i % 97) / 97);
							const kernel = new Float32Array(k * k).map((_, i) => ((i * 7) % 5) - 2);
							const loop = [];
							for (let i = 0; i < 3; i++) {
								const t0 = performance.now();
								window.convlab.naiveConvolution(input, h, w, kernel, {
									kernelSize: k,
									stride: 1,
									padding: 'same',
									dilation: 1
								});
								loop.push(performance.now() - t0);
							}
							return { drawn, screen, compute, loop };
						},
						{ iterations, k, family, settleMs }
					);
					results.push({
						backend,
						pace: settleMs ? 'isolated' : 'back-to-back',
						family,
						size,
						k,
						drawnMedianMs: median(timing.drawn),
						drawnP95Ms: percentile(timing.drawn, 95),
						medianMs: median(timing.screen),
						p95Ms: percentile(timing.screen, 95),
						computeMedianMs: median(timing.compute),
						// What drawing adds to the convolution: per change, then the median.
						drawOverheadMedianMs: median(timing.drawn.map((d, i) => d - timing.compute[i])),
						plainLoopMs: median(timing.loop),
						// The loop only computes; the app also reads back and draws: a conservative ratio.
						speedupVsLoop: median(timing.loop) / median(timing.drawn)
					});
				}
			}
		}
	} finally {
		await context.close();
	}
	return results;
}

async function measureMemory() {
	const { context, page } = await newPage();
	const cdp = await context.newCDPSession(page);
	await cdp.send('Performance.enable');
	await page.goto(`${ORIGIN}/convolution/?img=astronaut&size=512`);
	await waitRendered(page);
	const sample = async () => {
		await cdp.send('HeapProfiler.collectGarbage');
		const { metrics } = await cdp.send('Performance.getMetrics');
		const heap = metrics.find((m) => m.name === 'JSHeapUsedSize').value;
		const tfBytes = await page.evaluate(() => window.convlab.tf.memory().numBytes);
		const tensors = await page.evaluate(() => window.convlab.tf.memory().numTensors);
		return { heapMB: heap / 2 ** 20, tfMB: tfBytes / 2 ** 20, tensors };
	};
	const change = (n) =>
		page.evaluate(async (n) => {
			const select = document.querySelector('[data-testid="preset"]');
			const presets = ['gaussian', 'box', 'sobel-y', 'laplacian', 'sharpen'];
			for (let i = 0; i < n; i++) {
				const done = new Promise((r) =>
					window.addEventListener('convlab:rendered', r, { once: true })
				);
				select.value = presets[i % presets.length];
				select.dispatchEvent(new Event('change', { bubbles: true }));
				await done;
			}
		}, n);
	await change(10);
	const after10 = await sample();
	await change(190);
	const after200 = await sample();
	await context.close();
	return { after10, after200, heapGrowth: after200.heapMB / after10.heapMB - 1 };
}

async function measureWebcam() {
	const camera = await chromium.launch({
		executablePath: chromiumPath(),
		args: FAKE_CAMERA_ARGS
	});
	try {
		const context = await camera.newContext({ permissions: ['camera'] });
		const page = await context.newPage();
		await page.goto(`${ORIGIN}/convolution/?size=256&k=3`);
		await page.getByTestId('feature-map').waitFor();
		await page.getByRole('button', { name: 'Webcam' }).click();
		await page.waitForTimeout(2000);
		return await page.evaluate(async () => {
			const stamps = [];
			const on = (e) => stamps.push(e.detail.totalMs);
			window.addEventListener('convlab:rendered', on);
			const t0 = performance.now();
			await new Promise((r) => setTimeout(r, 5000));
			window.removeEventListener('convlab:rendered', on);
			const seconds = (performance.now() - t0) / 1000;
			const sorted = [...stamps].sort((a, b) => a - b);
			const med = sorted[Math.floor(sorted.length / 2)] ?? NaN;
			const image = document.querySelector('[data-testid="image-info"]').textContent;
			return {
				mapsPerSecond: stamps.length / seconds,
				frameToScreenMedianMs: med,
				capacityFps: 1000 / med,
				image
			};
		});
	} finally {
		await camera.close();
	}
}

function median(values) {
	return percentile(values, 50);
}

function percentile(values, p) {
	const sorted = [...values].sort((a, b) => a - b);
	if (!sorted.length) return NaN;
	const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
	return sorted[Math.max(0, index)];
}

function printReport(r) {
	const f = (x, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : '–');
	const kb = (b) => `${f(b / 1024)} KB`;
	console.log('\nConvLab benchmark —', r.date, QUICK ? '(quick)' : '');
	console.log(`backend the app picks: ${r.chosenBackend.name} (${r.chosenBackend.reason})`);
	if (r.transfer)
		console.log(
			`initial JS: ${kb(r.transfer.js.gzip)} gzip (${kb(r.transfer.js.raw)} raw); wasm ${kb(r.transfer.wasm.gzip)} gzip; css ${kb(r.transfer.css.gzip)} gzip`
		);
	if (r.coldStart)
		console.log(
			`cold start (navigation → first feature map): median ${f(r.coldStart.medianMs, 0)} ms`
		);
	console.log(
		'\ncontrol change → feature map (ms): drawn = canvas updated; screen = first frame after'
	);
	console.log(
		'backend pace         kernels    size  k  drawn med  p95  screen med   p95  compute  drawn−compute  plain-loop  loop/drawn'
	);
	for (const row of r.latency)
		console.log(
			`${row.backend.padEnd(7)} ${row.pace.padEnd(12)} ${row.family.padEnd(10)} ${String(row.size).padStart(4)}² ${String(row.k).padStart(2)} ${f(row.drawnMedianMs).padStart(9)} ${f(row.drawnP95Ms).padStart(5)} ${f(row.medianMs).padStart(11)} ${f(row.p95Ms).padStart(5)} ${f(row.computeMedianMs).padStart(8)} ${f(row.drawOverheadMedianMs).padStart(14)} ${f(row.plainLoopMs).padStart(11)} ${f(row.speedupVsLoop).padStart(11)}`
		);
	const m = r.memory;
	if (m)
		console.log(
			`\nmemory (512², JS heap after GC / tf.memory): after 10 changes ${f(m.after10.heapMB)} MB / ${f(m.after10.tfMB, 2)} MB, ${m.after10.tensors} tensors; after 200 ${f(m.after200.heapMB)} MB / ${f(m.after200.tfMB, 2)} MB, ${m.after200.tensors} tensors; heap growth ${f(100 * m.heapGrowth)} %`
		);
	const w = r.webcam;
	if (w)
		console.log(
			`webcam (fake camera, ${w.image}): ${f(w.mapsPerSecond)} maps/s on screen; frame→screen median ${f(w.frameToScreenMedianMs)} ms (capacity ≈ ${f(w.capacityFps, 0)} fps)`
		);
	const chosen = r.latency.filter(
		(row) => row.backend === r.chosenBackend.name && row.pace === 'isolated'
	);
	const at = (size, k, family = 'separable') =>
		chosen.find((row) => row.size === size && row.k === k && row.family === family);
	console.log('\ntargets (on the chosen backend):');
	const check = (ok, text) => console.log(`  ${ok ? 'PASS' : 'MISS'}  ${text}`);
	for (const family of ['separable', 'full-rank']) {
		const k3 = at(512, 3, family);
		const k11 = at(512, 11, family);
		check(
			k3?.drawnMedianMs <= 16.7,
			`${family}: 512², k=3 drawn within one frame (≤ 16.7 ms): ${f(k3?.drawnMedianMs)} ms drawn, ${f(k3?.medianMs)} ms to the next frame`
		);
		check(k11?.medianMs < 50, `${family}: 512², k=11 on screen < 50 ms: ${f(k11?.medianMs)} ms`);
	}
	for (const row of chosen.filter((row) => row.size === 512)) {
		check(
			row.drawOverheadMedianMs <= DRAW_BUDGET_MS,
			`${row.family}: 512², k=${row.k} drawn ≤ compute + ${DRAW_BUDGET_MS} ms: ${f(row.drawnMedianMs)} drawn − ${f(row.computeMedianMs)} compute = ${f(row.drawOverheadMedianMs)} ms`
		);
	}
	if (!m || !w) return;
	check(
		chosen.every((row) => row.speedupVsLoop > 1),
		'faster than the plain loop at every size'
	);
	check(
		chosen.filter((row) => row.k >= 7).every((row) => row.speedupVsLoop >= 5),
		'≥ 5× the plain loop at k ≥ 7'
	);
	check(
		w.mapsPerSecond >= 30 || w.capacityFps >= 30,
		`webcam 256², k=3 ≥ 30 fps: ${f(w.mapsPerSecond)} maps/s, capacity ${f(w.capacityFps, 0)} fps`
	);
	check(
		Math.abs(m.heapGrowth) <= 0.1 && m.after200.tfMB <= m.after10.tfMB * 1.1,
		`memory flat within 10 % (10 → 200 changes)`
	);
	check(m.after200.heapMB < 150, `JS heap < 150 MB: ${f(m.after200.heapMB)} MB`);
}
