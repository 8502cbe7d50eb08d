import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS } from './chromium.js';
const base = process.env.BASE ?? 'http://127.0.0.1:4390';
const pages = JSON.parse(process.env.PAGES);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
for (const [name, path, wait] of pages) {
  for (const [w, h, present] of [[390, 844, false], [1440, 900, false], [1920, 1080, true]]) {
    const ctx = await browser.newContext({ viewport: { width: w, height: h }, serviceWorkers: 'block' });
    const page = await ctx.newPage();
    const url = base + path + (present ? (path.includes('?') ? '&' : '?') + 'present=1' : '');
    await page.goto(url);
    await page.waitForTimeout(wait ?? 4000);
    if (process.env.SCROLL) await page.evaluate((sel) => document.querySelector(sel)?.scrollIntoView(), process.env.SCROLL);
    await page.screenshot({ path: `/tmp/shots/${name}-${w}.png`, fullPage: false });
    await ctx.close();
  }
}
await browser.close();
