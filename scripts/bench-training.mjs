#!/usr/bin/env node
/**
 * `node scripts/bench-training.mjs [--quick] [--build] [--route=/network/] [--node-only]`: live
 * training speed of the shipped Fashion-MNIST architecture at batch 32 (target ≥ 5 steps/s).
 *  1. Headless Chromium, the real thing: the production build's page with the TrainingPanel
 *     (default /network/), Train pressed, steps/s read from the panel (the Worker's own meter,
 *     WASM inside the Worker) after a warm-up, plus the page's frame times while it trains.
 *     Skipped (with a note) when the page has no training panel.
 *  2. Node on WASM with the same engine code (trainStep on the shipped data's images), which
 *     needs no browser: the figure to compare with, and the fallback.
 * Prints a report and writes bench-results/bench-training.json. The machine's load matters a
 * lot (it is shared): the report gives the 1-minute load average next to every figure.
 */
import { chromium } from '@playwright/test';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pngjs from 'pngjs';
import { servePreview } from './benchServer.mjs';
import { CHROMIUM_ARGS, chromiumPath } from './chromium.js';
import { importTs } from './tsModules.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const PORT = Number(process.env.BENCH_PORT ?? 4183);
const ORIGIN = `http://127.0.0.1:${PORT}`;
const QUICK = process.argv.includes('--quick');
const NODE_ONLY = process.argv.includes('--node-only');
const ROUTE = process.argv.find((a) => a.startsWith('--route='))?.slice(8) ?? '/network/';
const BATCH = 32;
const STEPS = QUICK ? 15 : 40;
const WARMUP = 5;
const TARGET = 5;

const report = {
	date: new Date().toISOString(),
	batch: BATCH,
	target: TARGET,
	browser: null,
	node: null
};

if (!NODE_ONLY) report.browser = await measureBrowser();
report.node = await measureNode();

mkdirSync('bench-results', { recursive: true });
writeFileSync('bench-results/bench-training.json', JSON.stringify(report, null, 2));
printReport();

async function measureBrowser() {
	const stop = await servePreview({ port: PORT, route: ROUTE.split('?')[0] });
	const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
	try {
		const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
		const errors = [];
		page.on('pageerror', (e) => errors.push(e.message));
		await page.goto(`${ORIGIN}${ROUTE}${ROUTE.includes('?') ? '&' : '?'}batch=${BATCH}`);
		const toggle = page.getByTestId('train-toggle');
		try {
			await toggle.waitFor({ timeout: 30_000 });
		} catch {
			return { skipped: `no training panel (data-testid=train-toggle) on ${ROUTE}` };
		}
		await page.getByTestId('train-batch').selectOption(String(BATCH));
		await page.waitForFunction(
			() =>
				document.querySelector('[data-testid=train-toggle]')?.hasAttribute('disabled') === false,
			null,
			{ timeout: 120_000 }
		);
		const backend = (await page.getByTestId('train-backend').textContent())?.trim();
		await toggle.click();
		const stepCount = async () => Number(await page.getByTestId('train-step-count').textContent());
		// Frame times on the main thread while the Worker trains.
		await page.evaluate(() => {
			window.__frames = [];
			let last = performance.now();
			const tick = (t) => {
				window.__frames.push(t - last);
				last = t;
				if (window.__frames.length < 100000) requestAnimationFrame(tick);
			};
			requestAnimationFrame(tick);
		});
		while ((await stepCount()) < WARMUP) await page.waitForTimeout(100);
		const s0 = await stepCount();
		const t0 = Date.now();
		while ((await stepCount()) < s0 + STEPS) await page.waitForTimeout(100);
		const seconds = (Date.now() - t0) / 1000;
		const s1 = await stepCount();
		const meter = Number(await page.getByTestId('train-rate').textContent());
		const frames = await page.evaluate(() => window.__frames.slice(5));
		await toggle.click();
		frames.sort((a, b) => a - b);
		return {
			route: ROUTE,
			backend,
			stepsPerSecond: (s1 - s0) / seconds,
			workerMeter: meter,
			frameP95Ms: frames[Math.floor(frames.length * 0.95)] ?? null,
			frameMedianMs: frames[Math.floor(frames.length / 2)] ?? null,
			load: loadavg()[0],
			pageErrors: errors
		};
	} finally {
		await browser.close();
		stop();
	}
}

async function measureNode() {
	const { arch, grads, training, optimizers } = await importTs(root, {
		arch: 'src/lib/engine/architectures/fashionClassifier.ts',
		grads: 'src/lib/engine/wasmKernels.ts',
		training: 'src/lib/engine/classifierTraining.ts',
		optimizers: 'src/lib/engine/adam.ts'
	});
	const quiet = console.warn;
	console.warn = () => {};
	const tf = await import('@tensorflow/tfjs');
	await import('@tensorflow/tfjs-backend-wasm');
	console.warn = quiet;
	if (!(await grads.switchBackend('wasm'))) throw new Error('WASM did not start');
	// The shipped training images (decoded with pngjs, red channel as the app's reader takes it).
	const png = pngjs.PNG.sync.read(
		readFileSync(`${root}/static/data/fashion-mnist/train-images.png`)
	);
	const labels = readFileSync(`${root}/static/data/fashion-mnist/train-labels.bin`);
	const count = BATCH * (STEPS + WARMUP);
	const images = new Float32Array(count * 784);
	for (let i = 0; i < count; i++)
		for (let y = 0; y < 28; y++)
			for (let x = 0; x < 28; x++)
				images[i * 784 + y * 28 + x] =
					png.data[((Math.floor(i / 100) * 28 + y) * png.width + (i % 100) * 28 + x) << 2] / 255;
	const results = {};
	for (const batchNorm of [true, false]) {
		results[batchNorm ? 'batchNorm' : 'noBatchNorm'] = stepTimes(batchNorm);
	}
	return { backend: 'wasm (Node)', ...results, load: loadavg()[0] };

	function stepTimes(batchNorm) {
		const model = arch.buildFashionClassifier({ batchNorm });
		const optimizer = optimizers.adam(0.002);
		const times = [];
		for (let s = 0; s < STEPS + WARMUP; s++) {
			const x = tf.tensor4d(images.subarray(s * BATCH * 784, (s + 1) * BATCH * 784), [
				BATCH,
				28,
				28,
				1
			]);
			const t = performance.now();
			training.trainStep(model, optimizer, x, labels.subarray(s * BATCH, (s + 1) * BATCH));
			times.push(performance.now() - t);
			x.dispose();
		}
		const measured = times.slice(WARMUP).sort((a, b) => a - b);
		const median = measured[Math.floor(measured.length / 2)];
		const mean = measured.reduce((a, b) => a + b, 0) / measured.length;
		model.dispose();
		optimizer.dispose();
		return {
			stepsPerSecondMedian: 1000 / median,
			stepsPerSecondMean: 1000 / mean,
			imagesPerSecond: (1000 / mean) * BATCH
		};
	}
}

function printReport() {
	const b = report.browser;
	console.log(`\nLive training, Fashion-MNIST CNN, batch ${BATCH} (target ≥ ${TARGET} steps/s)`);
	if (!b) console.log('  browser: not measured (--node-only)');
	else if (b.skipped) console.log(`  browser: skipped: ${b.skipped}`);
	else
		console.log(
			`  Chromium Worker on ${b.backend}: ${b.stepsPerSecond.toFixed(2)} steps/s (worker meter ${b.workerMeter}), ` +
				`frame median ${b.frameMedianMs?.toFixed(1)} ms, p95 ${b.frameP95Ms?.toFixed(1)} ms, load ${b.load.toFixed(1)}` +
				(b.pageErrors.length ? `, page errors: ${b.pageErrors.join('; ')}` : '')
		);
	const n = report.node;
	for (const [name, r] of [
		['with batch norm (shipped)', n.batchNorm],
		['without batch norm', n.noBatchNorm]
	])
		console.log(
			`  Node on WASM, ${name}: ${r.stepsPerSecondMedian.toFixed(2)} steps/s median, ${r.stepsPerSecondMean.toFixed(2)} mean (${r.imagesPerSecond.toFixed(0)} images/s), load ${n.load.toFixed(1)}`
		);
}
