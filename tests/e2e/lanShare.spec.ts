/**
 * Sharing from the instructor's laptop: opened at the loopback address `npm run serve:lan`
 * prints "for the laptop", the QR code and Copy link give the room the LAN address instead, and
 * that address opens the same screen (an http page, no service worker) without an error. Where
 * no LAN is known the dialog says so; an address too long for a code says so; the dialog's
 * Copy link stays on screen at 1920×1080.
 */
import { expect, test, type Page } from '@playwright/test';
import { networkInterfaces } from 'node:os';
import { lanUrls } from '../../scripts/serve-lan.mjs';
import { qrCode, qrPath } from '../../src/lib/share/qrCode';
import { serveLan, watchErrors } from './fixtures';

async function openShareDialog(page: Page) {
	await page.getByTestId('show-qr').click();
	await expect(page.getByTestId('qr-dialog')).toBeVisible();
}

test.describe('serve:lan', () => {
	test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

	test('on the laptop at 127.0.0.1, the QR code and Copy link give the LAN address', async ({
		page,
		context
	}) => {
		// serve:lan on every interface, serving the production build the config made
		const server = await serveLan('0.0.0.0', 'build');
		try {
			// What this machine's interfaces say, read here, not from the server or the page.
			const lan = lanUrls(networkInterfaces(), server.port).map((url) => new URL(url).origin);
			const laptop = `http://127.0.0.1:${server.port}`;
			await page.goto(`${laptop}/convolution/?k=5&img=coffee`);
			await expect(page.getByTestId('feature-map')).toBeVisible();
			await openShareDialog(page);
			const note = page.getByTestId('qr-host-note');
			await expect(note).toContainText(`127.0.0.1:${server.port} opens only on this computer`);
			if (lan.length === 0) {
				await expect(note).toContainText('found no network address');
				return;
			}
			const expected = page.url().replace(laptop, lan[0]);
			expect(expected.startsWith(lan[0])).toBe(true);
			await expect(page.getByTestId('qr-url')).toHaveText(expected);
			expect(await page.getByTestId('qr-code').locator('path').getAttribute('d')).toBe(
				qrPath(qrCode(expected))
			);
			if (lan.length > 1) {
				const choice = page.getByTestId('lan-choice');
				await choice.getByLabel(new URL(lan[1]).host).check();
				await expect(page.getByTestId('qr-url')).toHaveText(page.url().replace(laptop, lan[1]));
				await choice.getByLabel(new URL(lan[0]).host).check();
			}
			await page.getByTestId('dialog-copy-link').click();
			await expect(page.getByTestId('dialog-share-status')).toHaveText('Copied');
			expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(expected);

			// A phone scans it: an http LAN page (no service worker there) opens the same screen.
			const phone = await context.newPage();
			const errors = watchErrors(phone);
			await phone.goto(expected);
			await expect(phone.getByTestId('feature-map')).toBeVisible();
			await expect(phone.getByTestId('image-info')).toContainText('coffee');
			expect(await phone.evaluate(() => window.isSecureContext)).toBe(false);
			// registerLater's moment: the first picture plus a second
			await phone.waitForTimeout(1500);
			expect(errors).toEqual([]);
		} finally {
			server.stop();
		}
	});
});

test('on a loopback address no serve:lan answers for, the dialog says phones cannot open it', async ({
	page
}) => {
	await page.goto('/convolution/?k=5');
	await expect(page.getByTestId('feature-map')).toBeVisible();
	await openShareDialog(page);
	await expect(page.getByTestId('qr-url')).toHaveText(page.url());
	await expect(page.getByTestId('qr-host-note')).toContainText(
		/opens only on this computer: a phone that scans this code will not reach it\. Serve the app with npm run serve:lan/
	);
});

test('an address too long for a QR code says so and offers Copy link', async ({ page }) => {
	const errors = watchErrors(page);
	// 8 custom 9×9 kernels: a valid screen whose address holds ~4 kB
	const kernel = Array.from({ length: 81 }, (_, i) => ((i % 7) - 3) / 7).map((v) => v.toFixed(3));
	const bank = Array.from({ length: 8 }, () => kernel.join('_')).join(',');
	await page.goto(`/invariance/?bank=${bank}&bk=9`);
	await expect(page.locator('main canvas').first()).toBeVisible();
	expect(page.url().length).toBeGreaterThan(3000);
	await openShareDialog(page);
	await expect(page.getByTestId('qr-too-long')).toContainText('too long for a QR code');
	await expect(page.getByTestId('qr-code')).toHaveCount(0);
	await expect(page.getByTestId('dialog-copy-link')).toBeInViewport({ ratio: 1 });
	expect(errors.filter((error) => error.startsWith('pageerror'))).toEqual([]);
});

for (const present of [false, true]) {
	test(`at 1920×1080${present ? ' in projector mode' : ''} the whole dialog, Copy link included, is on screen`, async ({
		page
	}) => {
		await page.setViewportSize({ width: 1920, height: 1080 });
		await page.goto(`/convolution/?k=5${present ? '&present=1' : ''}`);
		await expect(page.getByTestId('feature-map')).toBeVisible();
		await openShareDialog(page);
		await expect(page.getByTestId('dialog-copy-link')).toBeInViewport({ ratio: 1 });
		const overflow = await page
			.getByTestId('qr-dialog')
			.evaluate((dialog) => dialog.scrollHeight - dialog.clientHeight);
		expect(overflow).toBeLessThanOrEqual(0);
		// still large: at least 3 screen px per module
		const svg = page.getByTestId('qr-code');
		const modules = Number(await svg.getAttribute('data-modules')) + 8;
		expect((await svg.boundingBox())!.width / modules).toBeGreaterThanOrEqual(3);
	});
}
