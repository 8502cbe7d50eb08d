#!/usr/bin/env node
/**
 * Screenshots of the running app for review and for the README:
 *   node scripts/screenshots.mjs [origin] [name=query ...]
 * e.g. node scripts/screenshots.mjs http://127.0.0.1:4173 default= rgb=?mode=rgb pca=/pca/
 * Writes screenshots/<name>.png (git-ignored), WIDTH×HEIGHT (1440×1000 unless set).
 * REVIEW=1 writes the three review sizes instead: screenshots/<name>-390.png (phone 390×844),
 * <name>-1440.png (laptop 1440×900) and <name>-1920.png (projector 1920×1080 with present=1).
 * WAIT (ms, 2500), FULL=0 (viewport only), HOVER=1 (over the feature map), SCROLL=<selector>.
 */
import { chromium } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { CHROMIUM_ARGS, chromiumPath } from './chromium.js';

const [origin = 'http://127.0.0.1:4173', ...shots] = process.argv.slice(2);
const list = shots.length ? shots : ['convolution='];
mkdirSync('screenshots', { recursive: true });
const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
const sizes = process.env.REVIEW
	? [
			{ suffix: '-390', width: 390, height: 844, present: false },
			{ suffix: '-1440', width: 1440, height: 900, present: false },
			{ suffix: '-1920', width: 1920, height: 1080, present: true }
		]
	: [
			{
				suffix: '',
				width: Number(process.env.WIDTH ?? 1440),
				height: Number(process.env.HEIGHT ?? 1000),
				present: false
			}
		];
for (const shot of list) {
	const cut = shot.indexOf('=');
	const [name, query] = cut >= 0 ? [shot.slice(0, cut), shot.slice(cut + 1)] : [shot, ''];
	const path = query.startsWith('/') ? query : `/convolution/${query}`;
	for (const { suffix, width, height, present } of sizes) {
		// The service worker would cache the whole app in the background and slow the page down.
		const context = await browser.newContext({
			viewport: { width, height },
			serviceWorkers: 'block'
		});
		const page = await context.newPage();
		page.on('pageerror', (e) => console.log(`[${name}] pageerror`, e.message));
		page.on('console', (m) => m.type() === 'error' && console.log(`[${name}] console`, m.text()));
		const url = origin + path + (present ? (path.includes('?') ? '&' : '?') + 'present=1' : '');
		await page.goto(url);
		await page.waitForTimeout(Number(process.env.WAIT ?? 2500));
		if (process.env.HOVER) {
			const box = await page.getByTestId('feature-map').boundingBox();
			if (box) await page.mouse.move(box.x + box.width * 0.45, box.y + box.height * 0.4);
			await page.waitForTimeout(500);
		}
		if (process.env.SCROLL)
			await page.evaluate(
				(sel) => document.querySelector(sel)?.scrollIntoView(),
				process.env.SCROLL
			);
		const file = `screenshots/${name}${suffix}.png`;
		await page.screenshot({ path: file, fullPage: process.env.FULL !== '0' });
		console.log(file);
		await context.close();
	}
}
await browser.close();
