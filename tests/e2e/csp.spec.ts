/**
 * Every page under the Content-Security-Policy of svelte.config.js: no violation reported (as a
 * securitypolicyviolation event or a console message), the lab's main picture drawn, TF.js on
 * its WASM backend (so 'wasm-unsafe-eval' is enough and no 'unsafe-eval' is needed), and the
 * features that make object URLs — an upload, a chart's .png export — still working.
 */
import { expect, test, type Page } from '@playwright/test';
import { LABS } from '../../src/lib/labs';
import { countRenders, makeTestPng, upload } from './fixtures';

/** Collect violations from page load on; read them with `violations(page)`. */
async function watchCsp(page: Page): Promise<string[]> {
	const console: string[] = [];
	page.on('console', (message) => {
		if (/content security policy|refused to/i.test(message.text())) console.push(message.text());
	});
	await page.addInitScript(() => {
		const w = window as unknown as { cspViolations: string[] };
		w.cspViolations = [];
		document.addEventListener('securitypolicyviolation', (event) => {
			w.cspViolations.push(`${event.violatedDirective}: ${event.blockedURI} ${event.sample}`);
		});
	});
	return console;
}

const violations = (page: Page) =>
	page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);

test('the policy is in every page and allows only the app itself', async ({ page }) => {
	await page.goto('/convolution/');
	const policy = await page
		.locator('meta[http-equiv="content-security-policy"]')
		.getAttribute('content');
	expect(policy).toContain("default-src 'self'");
	expect(policy).toMatch(/script-src 'self' 'wasm-unsafe-eval' 'sha256-/);
	expect(policy?.replace("'wasm-unsafe-eval'", '')).not.toContain('unsafe-eval');
	expect(policy).not.toMatch(/https?:|\*|unsafe-inline' ?[^;]*;.*style-src 'self' 'unsafe-inline/);
	// data: and blob: only where the app needs them
	expect(policy).toContain("font-src 'self' data:;");
	expect(policy).toContain("img-src 'self' blob:;");
	expect(policy).toContain("style-src 'self';");
	expect(policy).toContain("object-src 'none'");
});

for (const path of ['/', '/credits/']) {
	test(`${path} loads with no violation`, async ({ page }) => {
		const console = await watchCsp(page);
		await page.goto(path);
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
		expect(await violations(page)).toEqual([]);
		expect(console).toEqual([]);
	});
}

for (const lab of LABS) {
	test(`${lab.title} works under the policy, on WASM`, async ({ page }) => {
		const console = await watchCsp(page);
		await countRenders(page);
		await page.goto(lab.path);
		await page.waitForFunction(() => (window as unknown as { renders: number }).renders > 0);
		await expect(page.locator('main canvas').first()).toBeVisible();
		await expect(page.getByTestId('backend-name')).toHaveText('wasm');
		// an upload goes through an object URL and the decoder
		const image = makeTestPng(40, 30);
		await upload(page, 'mine.png', 'image/png', image.png);
		await expect(page.getByTestId('image-info')).toContainText('40×30');
		// a chart's .png is an SVG drawn through a blob: <img>, where the lab has a chart
		const png = page.getByRole('button', { name: '.png 2×', exact: true }).first();
		if (await png.count()) {
			const download = page.waitForEvent('download');
			await png.click();
			expect((await download).suggestedFilename()).toMatch(/\.png$/);
		}
		expect(await violations(page)).toEqual([]);
		expect(console).toEqual([]);
	});
}
