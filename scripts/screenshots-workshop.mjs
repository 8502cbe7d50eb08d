#!/usr/bin/env node
/**
 * Every lab (read from src/lib/labs.ts, so new labs are included) and the home page at the
 * workshop sizes: a phone 390×844, a tablet/laptop 1024×768, a projector 1920×1080 and a 4K
 * projector 3840×2160, the last two in presenter mode (?present=1). Viewport screenshots
 * (what the room sees), taken once the lab's main picture is drawn (convlab:rendered).
 *   node scripts/screenshots-workshop.mjs [origin]      (default http://127.0.0.1:4173)
 * Writes screenshots/workshop/<lab>-<width>x<height>.png (git-ignored).
 */
import { chromium } from '@playwright/test';
import { mkdirSync, readFileSync } from 'node:fs';
import { CHROMIUM_ARGS, chromiumPath } from './chromium.js';

const origin = process.argv[2] ?? 'http://127.0.0.1:4173';
const labs = [...readFileSync('src/lib/labs.ts', 'utf8').matchAll(/path:\s*'([^']+)'/g)]
	.map((m) => m[1])
	.filter((path) => path.startsWith('/'));
const SIZES = [
	{ width: 390, height: 844, query: '' },
	{ width: 1024, height: 768, query: '' },
	{ width: 1920, height: 1080, query: '?present=1' },
	{ width: 3840, height: 2160, query: '?present=1' }
];
mkdirSync('screenshots/workshop', { recursive: true });
const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
for (const path of ['/', ...labs]) {
	for (const size of SIZES) {
		const page = await browser.newPage({ viewport: { width: size.width, height: size.height } });
		page.on('pageerror', (e) => console.log(`[${path}] pageerror`, e.message));
		await page.addInitScript(() => {
			const w = /** @type {{ renders: number }} */ (/** @type {unknown} */ (window));
			w.renders = 0;
			window.addEventListener('convlab:rendered', () => w.renders++);
		});
		await page.goto(origin + path + size.query);
		if (path !== '/')
			await page
				.waitForFunction(() => /** @type {any} */ (window).renders > 0, null, { timeout: 30_000 })
				.catch(() => console.log(`[${path}] no convlab:rendered within 30 s`));
		await page.waitForTimeout(Number(process.env.WAIT ?? 800));
		const name = path === '/' ? 'home' : path.replaceAll('/', '');
		const file = `screenshots/workshop/${name}-${size.width}x${size.height}.png`;
		await page.screenshot({ path: file });
		console.log(file);
		await page.close();
	}
}
await browser.close();
