/**
 * Workshop mode as a person uses it: sharing the screen by link and QR code, presenter keys
 * and settings that ride in the link, uploads kept across a reload (and forgotten on request),
 * and slide exports at 2× with their title and legend.
 */
import { expect, test, type Page } from '@playwright/test';
import { PNG } from 'pngjs';
import { readFileSync } from 'node:fs';
import { LABS } from '../../src/lib/labs';
import { qrCode, qrPath } from '../../src/lib/share/qrCode';
import { countRenders, makeTestPng, openLab, upload, watchErrors } from './fixtures';

const rendered = (page: Page) =>
	page.waitForFunction(() => (window as unknown as { renders: number }).renders > 0);

test.describe('sharing', () => {
	test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

	test('Copy link copies the full state URL and says so', async ({ page }) => {
		await openLab(page, '?kernel=laplacian&k=5&present=1');
		await page.getByTestId('copy-link').click();
		// on 127.0.0.1 with no serve:lan to name a LAN address, the status also warns about that
		await expect(page.getByTestId('share-status')).toHaveText(
			/^Copied — but this address opens only on this computer/
		);
		const copied = await page.evaluate(() => navigator.clipboard.readText());
		expect(copied).toBe(page.url());
		expect(new URL(copied).searchParams.get('kernel')).toBe('laplacian');
		expect(new URL(copied).searchParams.get('present')).toBe('1');
	});

	test('the QR dialog encodes exactly the current URL, large, and gives focus back', async ({
		page
	}) => {
		await openLab(page, '?k=7&img=coffee');
		const opener = page.getByTestId('show-qr');
		await opener.click();
		const dialog = page.getByTestId('qr-dialog');
		await expect(dialog).toBeVisible();
		const url = page.url();
		await expect(page.getByTestId('qr-url')).toHaveText(url);
		const code = qrCode(url);
		const svg = page.getByTestId('qr-code');
		expect(Number(await svg.getAttribute('data-modules'))).toBe(code.size);
		expect(await svg.getAttribute('viewBox')).toBe(`0 0 ${code.size + 8} ${code.size + 8}`);
		expect(await svg.locator('path').getAttribute('d')).toBe(qrPath(code));
		// projector-readable: at least 3 screen px per module at this window size
		const box = (await svg.boundingBox())!;
		expect(box.width / (code.size + 8)).toBeGreaterThanOrEqual(3);
		await expect(page.getByTestId('qr-private-note')).toHaveCount(0);
		await page.keyboard.press('Escape');
		await expect(dialog).toBeHidden();
		await expect(opener).toBeFocused();
	});

	test('with an upload on screen, link and QR say the image is not in them', async ({ page }) => {
		await openLab(page);
		await upload(page, 'mine.png', 'image/png', makeTestPng(40, 30).png);
		await expect(page.getByTestId('image-info')).toContainText('40×30');
		await page.getByTestId('copy-link').click();
		await expect(page.getByTestId('share-status')).toContainText('Copied');
		await expect(page.getByTestId('share-status')).toContainText(
			'Your own image is not in the link'
		);
		await page.getByTestId('show-qr').click();
		await expect(page.getByTestId('qr-private-note')).toContainText('opens on a sample');
		await expect(page.getByTestId('qr-url')).toContainText('img=upload');
	});
});

test.describe('presenter mode', () => {
	test('? opens the key help: focus trapped inside, Escape closes, focus returns', async ({
		page
	}) => {
		await openLab(page, '?present=1');
		const brand = page.getByRole('link', { name: 'ConvLab home' });
		await brand.focus();
		await page.keyboard.press('?');
		const help = page.getByTestId('key-help');
		await expect(help).toBeVisible();
		await expect(help.getByRole('row')).toHaveCount(7);
		for (let i = 0; i < 6; i++) {
			await page.keyboard.press('Tab');
			expect(await help.evaluate((d) => d.contains(document.activeElement))).toBe(true);
		}
		await page.keyboard.press('Shift+Tab');
		expect(await help.evaluate((d) => d.contains(document.activeElement))).toBe(true);
		await page.keyboard.press('Escape');
		await expect(help).toBeHidden();
		await expect(brand).toBeFocused();
	});

	test('←/→ walk the labs in LABS order and keep the shared keys', async ({ page }) => {
		const errors = watchErrors(page);
		await openLab(page, '?present=1&explain=0&contrast=high&img=horse&k=5');
		await page.locator('main h1').click(); // focus on the page, not a control
		for (const lab of LABS.slice(1)) {
			await page.keyboard.press('ArrowRight');
			await expect(page).toHaveURL(new RegExp(`${lab.path}\\?`));
			const params = new URL(page.url()).searchParams;
			expect(params.get('present')).toBe('1');
			expect(params.get('explain')).toBe('0');
			expect(params.get('contrast')).toBe('high');
			expect(params.get('img')).toBe('horse');
		}
		await page.keyboard.press('ArrowRight'); // past the last lab: stays
		await page.waitForTimeout(300);
		await expect(page).toHaveURL(new RegExp(LABS[LABS.length - 1].path));
		for (const lab of LABS.slice(0, -1).reverse()) {
			await page.keyboard.press('ArrowLeft');
			await expect(page).toHaveURL(new RegExp(`${lab.path}\\?`));
		}
		// the lab's own settings came back with it
		expect(new URL(page.url()).searchParams.get('k')).toBe('5');
		expect(errors).toEqual([]);
	});

	test('keys do nothing while a slider, a select or a field has focus', async ({ page }) => {
		await openLab(page, '?present=1');
		const slider = page.getByRole('slider', { name: 'Stride' });
		await slider.focus();
		await page.keyboard.press('ArrowRight');
		await page.keyboard.press('e');
		await page.keyboard.press('?');
		await page.waitForTimeout(300);
		await expect(page).toHaveURL(/\/convolution\//);
		await expect(slider).toHaveValue('2');
		await expect(page.locator('html')).not.toHaveClass(/no-explain/);
		await expect(page.getByTestId('key-help')).toBeHidden();
		await page.getByRole('combobox', { name: 'Working size' }).focus();
		await page.keyboard.press('c');
		await expect(page.locator('html')).not.toHaveClass(/high-contrast/);
	});

	test('E hides the explanations, C raises contrast; both ride in the URL and survive a reload', async ({
		page
	}) => {
		await openLab(page, '?present=1');
		await page.locator('main h1').click();
		const explanation = page.locator('.explanation').first();
		await expect(explanation).toBeVisible();
		await page.keyboard.press('e');
		await expect(explanation).toBeHidden();
		await expect(page.getByTestId('hide-explanations')).toHaveAttribute('aria-pressed', 'true');
		// high contrast redraws the map with a steeper ramp (no CSS filter): fewer near-white pixels
		const nearWhite = () =>
			page.getByTestId('feature-map').evaluate((canvas: HTMLCanvasElement) => {
				const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
				let white = 0;
				for (let i = 0; i < data.length; i += 4)
					if (data[i] >= 235 && data[i + 1] >= 235 && data[i + 2] >= 235) white++;
				return white / (data.length / 4);
			});
		const before = await nearWhite();
		await page.keyboard.press('c');
		await expect(page.locator('html')).toHaveClass(/high-contrast/);
		await expect.poll(nearWhite).toBeLessThan(before - 0.05);
		const filter = await page
			.getByTestId('feature-map')
			.evaluate((canvas) => getComputedStyle(canvas).filter);
		expect(filter).toBe('none');
		await expect(page).toHaveURL(/explain=0/);
		await expect(page).toHaveURL(/contrast=high/);
		await page.reload();
		await expect(page.locator('html')).toHaveClass(/high-contrast/);
		await expect(page.locator('html')).toHaveClass(/no-explain/);
		await expect(page.locator('.explanation').first()).toBeHidden();
		// the buttons do the same
		await page.getByTestId('hide-explanations').click();
		await expect(page.locator('.explanation').first()).toBeVisible();
		await expect(page).not.toHaveURL(/explain=/);
	});

	test('space plays and pauses the step-through (convlab:toggle-play); F goes full screen', async ({
		page
	}) => {
		await openLab(page, '?present=1');
		await page.locator('main h1').click();
		const play = page.getByTestId('step-play');
		await expect(play).toHaveAttribute('aria-pressed', 'false');
		await page.keyboard.press(' ');
		await expect(play).toHaveAttribute('aria-pressed', 'true');
		await page.locator('main h1').click();
		await page.keyboard.press(' ');
		await expect(play).toHaveAttribute('aria-pressed', 'false');
		await page.keyboard.press('f');
		await expect.poll(() => page.evaluate(() => document.fullscreenElement !== null)).toBe(true);
		await page.keyboard.press('f');
		await expect.poll(() => page.evaluate(() => document.fullscreenElement !== null)).toBe(false);
	});

	test('outside presenter mode only ? does anything', async ({ page }) => {
		await openLab(page);
		await page.locator('main h1').click();
		await page.keyboard.press('ArrowRight');
		await page.keyboard.press('e');
		await page.waitForTimeout(300);
		await expect(page).toHaveURL(/\/convolution\//);
		await expect(page.locator('html')).not.toHaveClass(/no-explain/);
		await page.keyboard.press('?');
		await expect(page.getByTestId('key-help')).toContainText('projector mode');
	});
});

test('your own image survives a reload, and Forget my images clears it', async ({ page }) => {
	const errors = watchErrors(page);
	await openLab(page);
	await upload(page, 'mine.png', 'image/png', makeTestPng(40, 30).png);
	await expect(page.getByTestId('image-info')).toContainText('40×30');
	// The address says so once the lab's picture of it is on screen (a reload takes the address
	// before an unload handler could write it, a bookmark or a copied address bar does not wait);
	// not before, since the learner is waiting for the picture, not for the address.
	await expect(page.getByTestId('feature-map')).toHaveAttribute('data-height', '30');
	await expect(page).toHaveURL(/img=upload/, { timeout: 1000 });
	// kept in this browser (the header offers it), then reloaded
	await expect(page.getByTestId('shell-header')).toContainText('Forget my images');
	await page.reload();
	await expect(page.getByTestId('image-info')).toContainText('40×30');
	await expect(page).toHaveURL(/img=upload/);
	await expect(page.getByTestId('feature-map')).toBeVisible();
	await expect(page.getByTestId('url-notices')).toHaveCount(0);
	// the back button, from another site-less page
	await page.goto('/credits/');
	await page.goBack();
	await expect(page.getByTestId('image-info')).toContainText('40×30');
	// a scribble on it in /segmentation, kept in localStorage under a key with the file's name
	await page.goto('/segmentation/?src=image&img=upload&res=64&brush=4');
	const canvas = page.getByRole('application', { name: /Scribble/ });
	await expect(canvas).toBeVisible();
	const box = (await canvas.boundingBox())!;
	await page.getByTestId('class-0').click();
	await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.5);
	await page.mouse.down();
	await page.mouse.move(box.x + box.width * 0.7, box.y + box.height * 0.5, { steps: 6 });
	await page.mouse.up();
	const traces = () =>
		page.evaluate(() => Object.keys(localStorage).filter((key) => key.includes('mine.png')));
	await expect.poll(traces).toHaveLength(1);

	await page.getByTestId('kept-images-toggle').click();
	await page.getByTestId('forget-images').click();
	await expect(page.getByTestId('forget-status')).toContainText(
		'Forgotten: 1 image was removed from this browser'
	);
	await expect(page.getByTestId('forget-images')).toHaveCount(0);
	await expect(page.getByTestId('kept-images-toggle')).toBeDisabled();
	expect(await traces()).toEqual([]);
	await page.goto('/convolution/?img=upload');
	await expect(page.getByTestId('image-info')).toContainText('cat');
	// not "the sender's": this browser's own upload was forgotten
	await expect(page.getByTestId('url-notices')).toContainText(
		'uploads never leave the device they were picked on, and none is kept in this browser'
	);
	await expect(page.getByTestId('url-notices')).not.toContainText('sender');
	expect(errors).toEqual([]);
});

test('any of the kept uploads can be opened again from My images, not only the newest', async ({
	page
}) => {
	await openLab(page);
	await upload(page, 'first.png', 'image/png', makeTestPng(40, 30).png);
	await expect(page.getByTestId('image-info')).toContainText('first.png · 40×30');
	await upload(page, 'second.png', 'image/png', makeTestPng(20, 10).png);
	await expect(page.getByTestId('image-info')).toContainText('second.png · 20×10');
	const toggle = page.getByTestId('kept-images-toggle');
	const items = page.getByTestId('kept-images').getByRole('button');
	await expect(toggle).toHaveText(/My images \(2\)/);
	await toggle.click();
	await expect(items).toHaveText(['second.png', 'first.png', 'Forget my images']);
	await items.getByText('first.png').click();
	await expect(page.getByTestId('image-info')).toContainText('first.png · 40×30');
	// it is the newest now (the list, opened again, says so), and a reload brings it back
	await expect
		.poll(async () => {
			await toggle.click();
			const names = await items.allTextContents();
			await toggle.click();
			return names;
		})
		.toEqual(['first.png', 'second.png', 'Forget my images']);
	await page.reload();
	await expect(page.getByTestId('image-info')).toContainText('first.png · 40×30');
	await toggle.click();
	await expect(items).toHaveText(['first.png', 'second.png', 'Forget my images']);
	await page.getByTestId('forget-images').click();
	await expect(page.getByTestId('kept-images')).toHaveCount(0);
});

test.describe('the header keeps its height when an upload is kept', () => {
	// with "Ready offline" in it: the service worker (blocked by default in the suite) runs here
	test.use({ serviceWorkers: 'allow' });
	/** The lab's heading: where the lab starts below the header. */
	const labTop = async (page: Page) =>
		(await page.getByRole('heading', { level: 1, name: 'Convolution' }).boundingBox())!.y;

	for (const viewport of [
		{ width: 1440, height: 900 },
		{ width: 390, height: 844 }
	]) {
		test(`at ${viewport.width}×${viewport.height} the lab does not move`, async ({ page }) => {
			await page.setViewportSize(viewport);
			await openLab(page);
			const before = await labTop(page);
			await upload(page, 'mine.png', 'image/png', makeTestPng(40, 30).png);
			await expect(page.getByTestId('image-info')).toContainText('mine.png · 40×30');
			// kept: My images and Forget are in the header (on a phone, inside the Samples menu)
			await expect(page.getByTestId('shell-header')).toContainText('Forget my images');
			// and the offline line has had its say (it appears beside the stats)
			await expect(page.getByTestId('offline-status')).toHaveAttribute('data-state', 'ready');
			expect(await labTop(page)).toBe(before);
		});
	}
});

test.describe('exports for slides', () => {
	async function downloadPng(page: Page, group: string, name: string): Promise<PNG> {
		const download = page.waitForEvent('download');
		await page.getByRole('group', { name: group }).getByRole('button', { name }).click();
		return PNG.sync.read(readFileSync(await (await download).path()));
	}

	test('a feature map exports as a 2× figure with its title and legend', async ({ page }) => {
		await openLab(page);
		const canvas = page.getByTestId('feature-map');
		const shown = (await canvas.boundingBox())!.width;
		const png = await downloadPng(page, 'Feature map', '.png figure 2×');
		expect(png.width).toBe(2 * (Math.round(Math.min(1024, Math.max(256, shown))) + 24));
		const dark = (x0: number, y0: number, x1: number, y1: number) => {
			let count = 0;
			for (let y = y0; y < y1; y++)
				for (let x = x0; x < x1; x++) {
					const i = (y * png.width + x) * 4;
					if (png.data[i] + png.data[i + 1] + png.data[i + 2] < 300) count++;
				}
			return count;
		};
		// the title band (top 2 × 37 px) holds text; the band under the map holds the legend
		expect(dark(0, 0, png.width, 70)).toBeGreaterThan(100);
		expect(dark(0, png.height - 60, png.width, png.height)).toBeGreaterThan(100);
	});

	test('a chart exports as .png at twice its size', async ({ page }) => {
		await countRenders(page);
		await page.goto('/fc-vs-conv/');
		await rendered(page);
		const svg = page
			.getByRole('group', { name: 'Cost chart' })
			.locator('xpath=..')
			.locator('svg')
			.first();
		const width = Number(await svg.getAttribute('width'));
		const height = Number(await svg.getAttribute('height'));
		const png = await downloadPng(page, 'Cost chart', '.png 2×');
		expect(png.width).toBe(Math.round(2 * width));
		expect(png.height).toBe(Math.round(2 * height));
	});
});
