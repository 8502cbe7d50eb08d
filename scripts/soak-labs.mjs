#!/usr/bin/env node
/**
 * `node scripts/soak-labs.mjs [--trips=20] [--tour=2] [--build]`: memory over a workshop in one tab
 * (issue 19). In one page, with client-side navigation as the lab menu and the presenter's ←/→ do:
 *   1. `--trips` /convolution ↔ /pooling round trips (after two warm-up trips);
 *   2. `--tour` tours through every lab in the menu's order and back to the first.
 * After each trip or tour: DOM nodes, JS event listeners and used JS heap after garbage collection
 * (CDP), printed as a table with the growth from the first sample. A lab that stays in memory when
 * left adds ~4,200 nodes and ~0.4 MB a trip (what the issue found); flat means it is released.
 * `--each` first visits every lab once (back to /convolution after each, a sample after each):
 * which lab's first visit leaves something for good. Serves ./build on BENCH_PORT (4191).
 */
import { chromium } from '@playwright/test';
import { servePreview } from './benchServer.mjs';
import { CHROMIUM_ARGS, chromiumPath } from './chromium.js';
import { memoryAfterGc } from './memoryAfterGc.mjs';

const arg = (name, fallback) =>
	process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const TRIPS = Number(arg('trips', 20));
const TOURS = Number(arg('tour', 2));
// --each: first visit every lab once, back to the first after each, a sample after each
const EACH = process.argv.includes('--each');
const PORT = Number(process.env.BENCH_PORT ?? 4191);
const ORIGIN = `http://127.0.0.1:${PORT}`;
const LABS = [
	'/convolution/',
	'/pooling/',
	'/invariance/',
	'/fc-vs-conv/',
	'/receptive-field/',
	'/network/',
	'/segmentation/',
	'/normalization/',
	'/batch-norm/',
	'/residual/',
	'/pca/',
	'/imbalance/'
];

await servePreview({ port: PORT, route: '/convolution/' });
const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
const errors = [];
page.on('pageerror', (e) => errors.push(String(e)));
const cdp = await page.context().newCDPSession(page);

/** a same-origin link clicked, as the lab menu does (the page stays, the route changes) */
async function navigate(path) {
	await page.evaluate((to) => {
		const link = document.createElement('a');
		link.href = new URL(to, location.origin).href;
		document.body.append(link);
		link.click();
		link.remove();
	}, path);
	await page.waitForURL((url) => url.pathname === path);
	// the lab's first picture, or 20 s
	await page
		.waitForFunction(() => document.querySelector('main h1') !== null, null, { timeout: 20_000 })
		.catch(() => {});
	await page.waitForTimeout(1200);
}

const memory = () => memoryAfterGc(cdp, (ms) => page.waitForTimeout(ms));

const rows = [];
const record = async (label) => {
	const m = await memory();
	rows.push({ label, ...m });
	const first = rows[0];
	console.log(
		`${label.padEnd(12)} ${String(m.nodes).padStart(6)} nodes (${m.nodes - first.nodes >= 0 ? '+' : ''}${m.nodes - first.nodes}), ${String(m.listeners).padStart(4)} listeners (${m.listeners - first.listeners >= 0 ? '+' : ''}${m.listeners - first.listeners}), heap ${m.heapMB.toFixed(2)} MB (${(m.heapMB - first.heapMB).toFixed(2)})`
	);
};

await page.goto(ORIGIN + LABS[0]);
await page.waitForTimeout(3000);
if (EACH) {
	console.log(`each lab once, back to ${LABS[0]} after it, after GC:`);
	await record('start');
	for (const path of LABS.slice(1)) {
		await navigate(path);
		await navigate(LABS[0]);
		await record(path.replaceAll('/', ''));
	}
	console.log('');
}
const trip = async () => {
	await navigate(LABS[1]);
	await navigate(LABS[0]);
};
for (let i = 0; i < 2; i++) await trip(); // warm-up: each lab's code loads once, for good
console.log(`/convolution ↔ /pooling, ${TRIPS} round trips (after 2 warm-up trips), after GC:`);
await record('trip 0');
for (let i = 1; i <= TRIPS; i++) {
	await trip();
	await record(`trip ${i}`);
}
console.log(`\nevery lab in the menu's order and back to ${LABS[0]}, ${TOURS} tours:`);
for (let t = 1; t <= TOURS; t++) {
	for (const path of [...LABS.slice(1), LABS[0]]) await navigate(path);
	await record(`tour ${t}`);
}
console.log(`\npage errors: ${errors.length ? errors.join('; ') : 'none'}`);
await browser.close();
process.exit(0);
