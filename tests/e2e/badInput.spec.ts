import { expect, test } from '@playwright/test';
import { closeSync, openSync, readFileSync, ftruncateSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hugeHeaderPng, makeTestPng, openLab, upload, watchErrors } from './fixtures';

const JPEG = readFileSync('static/samples/rocket.jpg');

const BAD_FILES: { name: string; mime: string; make: () => Buffer; says: RegExp }[] = [
	{
		name: 'notes.png',
		mime: 'image/png',
		make: () => Buffer.from('These are my lecture notes, not a picture.\n'.repeat(20)),
		says: /not .*image|PNG, JPEG/i
	},
	{
		name: 'truncated.jpg',
		mime: 'image/jpeg',
		make: () => JPEG.subarray(0, Math.floor(JPEG.length / 2)),
		says: /ends early|corrupt|truncated|damaged/i
	},
	{ name: 'empty.png', mime: 'image/png', make: () => Buffer.alloc(0), says: /empty/i },
	{
		name: 'huge.png',
		mime: 'image/png',
		make: () => hugeHeaderPng(30000, 30000),
		says: /30000.*30000|too (large|many|big)/i
	}
];

test.describe('bad input shows an alert and keeps the previous image', () => {
	for (const bad of BAD_FILES) {
		test(bad.name, async ({ page }) => {
			const errors = watchErrors(page);
			await openLab(page);
			await upload(page, 'good.png', 'image/png', makeTestPng(32, 20).png);
			await expect(page.getByTestId('image-info')).toContainText('32×20');
			await upload(page, bad.name, bad.mime, bad.make());
			const alert = page.getByRole('alert');
			await expect(alert).toBeVisible();
			await expect(alert).toHaveText(bad.says);
			await expect(page.getByTestId('image-info')).toContainText('32×20');
			await expect(page.getByTestId('feature-map')).toHaveAttribute('data-width', '32');
			expect(errors).toEqual([]);
		});
	}

	test('a 200 MB file is refused without being read', async ({ page }) => {
		const errors = watchErrors(page);
		const path = join(mkdtempSync(join(tmpdir(), 'convlab-')), 'enormous.jpg');
		const fd = openSync(path, 'w');
		ftruncateSync(fd, 200 * 1024 * 1024); // sparse: costs no disk
		closeSync(fd);
		await openLab(page);
		const before = await page.getByTestId('image-info').textContent();
		await page.getByTestId('file-input').setInputFiles(path);
		await expect(page.getByRole('alert')).toHaveText(/MB|too large/i);
		await expect(page.getByTestId('image-info')).toHaveText(before!);
		expect(errors).toEqual([]);
	});

	test('an SVG with a script is drawn as a plain image; its script never runs', async ({
		page
	}) => {
		const errors = watchErrors(page);
		await openLab(page);
		const svg = `<?xml version="1.0"?>
<svg xmlns="http://www.w3.org/2000/svg" width="60" height="40" onload="window.parent.pwned=1">
<script>window.pwned = 1; document.title = 'pwned';</script>
<rect width="60" height="40" fill="#fff"/><rect x="10" y="10" width="20" height="20" fill="#000"/>
</svg>`;
		await upload(page, 'drawing.svg', 'image/svg+xml', Buffer.from(svg));
		await expect(page.getByTestId('image-info')).toContainText('60×40');
		expect(
			await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)
		).toBeUndefined();
		expect(await page.title()).not.toBe('pwned');
		expect(errors).toEqual([]);
	});
});

test('webcam without a camera says so in an alert', async ({ page }) => {
	await openLab(page);
	await page.getByRole('button', { name: 'Webcam' }).click();
	await expect(page.getByRole('alert')).toHaveText(/camera/i);
	await expect(page.getByTestId('feature-map')).toBeVisible();
});
