#!/usr/bin/env node
/**
 * Screenshots of the running app for review and for the README:
 *   node scripts/screenshots.mjs [origin] [name=query ...]
 * e.g. node scripts/screenshots.mjs http://127.0.0.1:4173 default= rgb=?mode=rgb
 * Writes screenshots/<name>.png (git-ignored).
 */
import { chromium } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { CHROMIUM_ARGS, chromiumPath } from './chromium.js';

const [origin = 'http://127.0.0.1:4173', ...shots] = process.argv.slice(2);
const list = shots.length ? shots : ['convolution='];
mkdirSync('screenshots', { recursive: true });
const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
const width = Number(process.env.WIDTH ?? 1440);
const height = Number(process.env.HEIGHT ?? 1000);
for (const shot of list) {
	const [name, query = ''] =
		shot.split('=', 2).length === 2
			? [shot.slice(0, shot.indexOf('=')), shot.slice(shot.indexOf('=') + 1)]
			: [shot, ''];
	const page = await browser.newPage({ viewport: { width, height } });
	page.on('pageerror', (e) => console.log(`[${name}] pageerror`, e.message));
	page.on('console', (m) => m.type() === 'error' && console.log(`[${name}] console`, m.text()));
	const path = query.startsWith('/') ? query : `/convolution/${query}`;
	await page.goto(origin + path);
	await page.waitForTimeout(Number(process.env.WAIT ?? 2500));
	if (process.env.HOVER) {
		const box = await page.getByTestId('feature-map').boundingBox();
		if (box) await page.mouse.move(box.x + box.width * 0.45, box.y + box.height * 0.4);
		await page.waitForTimeout(500);
	}
	await page.screenshot({ path: `screenshots/${name}.png`, fullPage: process.env.FULL !== '0' });
	console.log(`screenshots/${name}.png`);
	await page.close();
}
await browser.close();
