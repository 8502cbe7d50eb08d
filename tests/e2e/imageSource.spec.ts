import { expect, test, type Page } from '@playwright/test';
import { clickLabLink, makeTestPng, openLab, upload, watchErrors } from './fixtures';

/** Hand a PNG to the page as a File inside a DataTransfer, the way a drop or paste delivers it. */
async function dispatchWithFile(page: Page, kind: 'drop' | 'paste', png: Buffer) {
	await page.evaluate(
		({ kind, bytes }) => {
			const file = new File([new Uint8Array(bytes)], `${kind}.png`, { type: 'image/png' });
			const data = new DataTransfer();
			data.items.add(file);
			if (kind === 'paste') {
				document.body.dispatchEvent(
					new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true })
				);
			} else {
				window.dispatchEvent(
					new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true })
				);
				window.dispatchEvent(
					new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true })
				);
			}
		},
		{ kind, bytes: [...png] }
	);
}

test('drop an image anywhere on the page', async ({ page }) => {
	const errors = watchErrors(page);
	await openLab(page);
	await dispatchWithFile(page, 'drop', makeTestPng(36, 28).png);
	await expect(page.getByTestId('image-info')).toContainText('drop.png · 36×28');
	await expect(page.getByTestId('feature-map')).toHaveAttribute('data-width', '36');
	expect(errors).toEqual([]);
});

test('paste an image from the clipboard', async ({ page }) => {
	await openLab(page);
	await dispatchWithFile(page, 'paste', makeTestPng(44, 22).png);
	await expect(page.getByTestId('image-info')).toContainText('44×22');
	await expect(page.getByTestId('feature-map')).toHaveAttribute('data-height', '22');
});

test('an upload keeps every other setting and marks img=upload in the URL', async ({ page }) => {
	await openLab(page, '?img=coffee&k=5&kernel=box&stride=2');
	await page
		.getByTestId('file-input')
		.setInputFiles({ name: 'mine.png', mimeType: 'image/png', buffer: makeTestPng(40, 30).png });
	await expect(page.getByTestId('image-info')).toContainText('40×30');
	// the photo itself never travels: a link says "upload" and opens on a sample, with a notice
	await expect(page).toHaveURL(/img=upload/);
	await expect(page).toHaveURL(/k=5/);
	await expect(page).toHaveURL(/stride=2/);
	await expect(page.getByTestId('output-dims')).toHaveText('15×20');
});

test('picking a sample updates the image and the URL', async ({ page }) => {
	await openLab(page);
	await page.getByRole('button', { name: /Falcon 9/ }).click();
	await expect(page.getByTestId('image-info')).toContainText('rocket');
	await expect(page).toHaveURL(/img=rocket/);
});

test('dragging a kernel cell scrubs its value', async ({ page }) => {
	await openLab(page, '?kernel=identity');
	const cell = page.getByTestId('kernel-grid').getByRole('button').nth(4);
	await expect(cell).toHaveAttribute('data-value', '1');
	// On screen with room above it: the drag goes 40 px up.
	await cell.scrollIntoViewIfNeeded();
	await page.mouse.wheel(0, -120);
	const box = (await cell.boundingBox())!;
	await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
	await page.mouse.down();
	await page.mouse.move(box.x + box.width / 2, box.y - 40, { steps: 8 });
	await page.mouse.up();
	const value = Number(await cell.getAttribute('data-value'));
	expect(value).toBeGreaterThan(1.5);
	await expect(page.getByTestId('preset')).toHaveValue('custom');
	await expect(page).toHaveURL(/kernel=0,0,0,0,[\d.]+,0,0,0,0/);
});

test('hovering the map outlines the kernel window on the input, with dilation gaps', async ({
	page
}) => {
	await openLab(page, '?k=3&dil=2');
	// A small image, so each input pixel is big enough on screen (≥ 8 px) for its own outline.
	await page
		.getByTestId('file-input')
		.setInputFiles({ name: 'small.png', mimeType: 'image/png', buffer: makeTestPng(30, 20).png });
	await expect(page.getByTestId('image-info')).toContainText('30×20');
	const map = page.getByTestId('feature-map');
	const box = (await map.boundingBox())!;
	await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
	await expect(page.getByTestId('dot-product')).toBeVisible();
	// 3×3 taps, 2 px apart: nine separate 1×1 cells in the overlay
	const overlay = page.locator('.input-view svg');
	await expect(overlay.locator('rect.tap')).toHaveCount(9);
});

test('a new working size re-decodes the upload at that size', async ({ page }) => {
	await openLab(page);
	await page
		.getByTestId('file-input')
		.setInputFiles({ name: 'wide.png', mimeType: 'image/png', buffer: makeTestPng(600, 300).png });
	await expect(page.getByTestId('image-info')).toContainText('600×300 → 512×256');
	await page.getByLabel('Working size').selectOption('256');
	await expect(page.getByTestId('image-info')).toContainText('600×300 → 256×128');
	await expect(page).toHaveURL(/size=256/);
	await expect(page.getByTestId('feature-map')).toHaveAttribute('data-width', '256');
});

test('the sample thumbnails: at once on the home page, after the first picture on a lab, and they stay', async ({
	page
}) => {
	const errors = watchErrors(page);
	const thumbs = page.locator('[aria-label="Sample images"] button');
	const pictures = page.locator('[aria-label="Sample images"] button img');
	await page.goto('/');
	await expect(thumbs.first()).toBeVisible();
	const count = await thumbs.count();
	expect(count).toBeGreaterThan(3);
	await expect(pictures).toHaveCount(count);
	// Into a lab: the thumbnails shown on the home page stay shown
	await clickLabLink(page, 'Convolution');
	await expect(page.getByTestId('feature-map')).toBeVisible();
	await expect(pictures).toHaveCount(count);
	// A lab opened directly shows them once its picture is drawn; every button keeps its name
	await openLab(page);
	await expect(pictures).toHaveCount(count);
	for (const name of await thumbs.evaluateAll((b) => b.map((el) => el.getAttribute('aria-label'))))
		expect(name).toBeTruthy();
	expect(errors).toEqual([]);
});

test('a long file name with bidi controls is shown short and as it is, and the header stays small', async ({
	page
}) => {
	await page.setViewportSize({ width: 1440, height: 900 });
	await openLab(page);
	// U+202E would show this 64×48 PNG as "…84×46 · gnp.live.jpg"
	const name = `${'workshop_photo_final_'.repeat(6)}\u202E64×48 · gpj.evil.png`;
	expect(name.length).toBeGreaterThan(138);
	await upload(page, name, 'image/png', makeTestPng(64, 48).png);
	const info = page.getByTestId('image-info');
	await expect(info).toContainText('64×48');
	const text = (await info.textContent()) ?? '';
	expect(text).not.toMatch(/[\u202A-\u202E\u2066-\u2069\u200E\u200F]/);
	expect(text).toMatch(/^workshop_photo_final_workshop…j\.evil\.png · 64×48/);
	expect(text).toContain('.png · 64×48');
	// the header keeps its size: Upload and Webcam stay in view
	const header = (await page.getByTestId('shell-header').boundingBox())!;
	expect(header.height).toBeLessThanOrEqual(900 * 0.25);
	await expect(page.getByRole('button', { name: /^Upload/ })).toBeInViewport({ ratio: 1 });
	await expect(page.getByRole('button', { name: /Webcam/ })).toBeInViewport({ ratio: 1 });
});
