import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import {
	afterRender,
	countRenders,
	downloadNpy,
	luma,
	makeTestPng,
	openLab,
	referenceSameConv,
	upload,
	watchErrors,
	withExifOrientation
} from './fixtures';

const SHARPEN = [0, -1, 0, -1, 5, -1, 0, -1, 0];

test('the lab starts on a sample, picks a fast backend and shows the maps', async ({ page }) => {
	const errors = watchErrors(page);
	await openLab(page);
	// Headless Chromium has only software WebGL here, so the app must not pick it.
	await expect(page.getByTestId('backend-name')).toHaveText(/wasm|webgl|cpu/);
	await expect(page.getByTestId('backend-reason')).not.toBeEmpty();
	await expect(page.getByTestId('image-info')).toContainText('×');
	await expect(page.getByTestId('histogram')).toBeVisible();
	await expect(page.getByTestId('row-profile')).toBeVisible();
	await expect(page.getByTestId('compute-ms')).toHaveText(/\d+(\.\d)? ms/);
	expect(errors).toEqual([]);
});

test('upload a PNG, change size and preset, hover: the shown sum matches a reference', async ({
	page
}) => {
	const errors = watchErrors(page);
	await openLab(page);
	const image = makeTestPng(40, 30);
	await upload(page, 'pattern.png', 'image/png', image.png);
	await expect(page.getByTestId('image-info')).toContainText('40×30');

	await page.getByTestId('kernel-size').fill('5');
	await expect(page.getByTestId('output-dims')).toHaveText('30×40');
	await expect(page.getByTestId('kernel-grid').getByRole('button')).toHaveCount(25);
	await page.getByTestId('kernel-size').fill('3');
	await page.getByTestId('preset').selectOption('sharpen');
	await expect(page).toHaveURL(/kernel=sharpen/);

	const reference = referenceSameConv(luma(image), 30, 40, SHARPEN, 3);
	const map = page.getByTestId('feature-map');
	const box = (await map.boundingBox())!;
	for (const [y, x] of [
		[10, 12],
		[0, 0],
		[29, 39],
		[7, 10]
	]) {
		await page.mouse.move(
			box.x + ((x + 0.5) / 40) * box.width,
			box.y + ((y + 0.5) / 30) * box.height
		);
		await expect(page.getByTestId('dot-product')).toContainText(`row ${y}, col ${x}`);
		const shown = Number(await page.getByTestId('dot-sum').textContent());
		expect(shown).toBeCloseTo(reference[y * 40 + x], 3);
		const mapValue = Number(await page.getByTestId('map-value').textContent());
		expect(mapValue).toBeCloseTo(reference[y * 40 + x], 3);
	}
	expect(errors).toEqual([]);
});

test('export .npy matches the reference convolution', async ({ page }) => {
	await openLab(page, '?kernel=sharpen&k=3&pad=same');
	const image = makeTestPng(24, 18);
	await upload(page, 'pattern.png', 'image/png', image.png);
	await expect(page.getByTestId('image-info')).toContainText('24×18');
	const { header, values } = await downloadNpy(page);
	expect(header).toContain("'descr': '<f4'");
	expect(header).toMatch(/'shape': \(18, 24, 1\)/);
	const reference = referenceSameConv(luma(image), 18, 24, SHARPEN, 3);
	expect(values.length).toBe(reference.length);
	let worst = 0;
	for (let i = 0; i < values.length; i++)
		worst = Math.max(worst, Math.abs(values[i] - reference[i]));
	expect(worst).toBeLessThan(1e-4);
});

test('URL state: a copied URL reproduces the screen, bad values get a notice', async ({ page }) => {
	const errors = watchErrors(page);
	await openLab(page, '?kernel=box&k=5&stride=2&pad=valid&dil=2&mode=rgb');
	await expect(page.getByTestId('preset')).toHaveValue('box');
	await expect(page.getByTestId('kernel-size')).toHaveValue('5');
	// cat sample is 451×300: floor((300 − 2·4 − 1)/2) + 1 = 146, floor((451 − 9)/2) + 1 = 222
	await expect(page.getByTestId('output-dims')).toHaveText('146×222');
	await expect(page.getByLabel('Per-channel maps')).toBeVisible();

	await page.getByRole('slider', { name: 'Stride' }).fill('3');
	await expect(page).toHaveURL(/stride=3/);
	const url = page.url();
	await page.goto(url);
	await expect(page.getByTestId('output-dims')).toHaveText('98×148');

	await page.goto('/convolution/?k=%3Cscript%3Ealert(1)%3C%2Fscript%3E&stride=99&bogus=1');
	await expect(page.getByTestId('url-notices')).toContainText('Ignored');
	await expect(page.getByTestId('url-notices')).toContainText('stride');
	await expect(page.getByTestId('url-notices').locator('script')).toHaveCount(0);
	await expect(page.getByTestId('kernel-size')).toHaveValue('3');
	expect(errors).toEqual([]);
});

test('custom kernel values from the URL, edited in the grid', async ({ page }) => {
	await openLab(page, '?kernel=0,0,0,0,2,0,0,0,0');
	await expect(page.getByTestId('preset')).toHaveValue('custom');
	const cell = page.getByTestId('kernel-grid').getByRole('button').nth(4);
	await expect(cell).toHaveAttribute('data-value', '2');
	await cell.click();
	const input = page.getByTestId('kernel-grid').locator('input');
	await expect(input).toBeFocused();
	await input.fill('1');
	await input.press('Enter');
	await expect(cell).toHaveAttribute('data-value', '1');
	await expect(page).toHaveURL(/kernel=0,0,0,0,1,0,0,0,0/);
	await expect(page.getByTestId('kernel-sum')).toHaveText('1');
});

test('step-through walks the output one pixel at a time', async ({ page }) => {
	await openLab(page);
	await expect(page.getByTestId('step-count')).toHaveText(/^1 \/ \d+$/);
	await page.getByTestId('step-next').click();
	await expect(page.getByTestId('step-count')).toHaveText(/^2 \/ \d+$/);
	await expect(page.getByTestId('step-svg').locator('rect').first()).toBeVisible();
});

test('the tensor count stays flat over 200 kernel changes', async ({ page }) => {
	test.setTimeout(240_000);
	const errors = watchErrors(page);
	await countRenders(page);
	await openLab(page);
	const presets = ['box', 'gaussian', 'sobel-y', 'laplacian', 'emboss'];
	const sizes = [5, 7, 9, 11, 3]; // each differs from the one before, so each change re-renders
	const tensors = () => page.evaluate(() => window.convlab!.tf.memory().numTensors);
	const counts: number[] = [];
	for (let i = 0; i < 200; i++) {
		await afterRender(page, () =>
			i % 2 === 0
				? page.getByTestId('preset').selectOption(presets[(i / 2) % presets.length])
				: page.getByTestId('kernel-size').fill(String(sizes[((i - 1) / 2) % sizes.length]))
		);
		if (i === 9 || i === 199) counts.push(await tensors());
	}
	expect(counts[1]).toBe(counts[0]);
	// The shown count is what a workshop sees: it agrees once the panel polls again.
	await expect(page.getByTestId('tensor-count')).toHaveText(String(counts[1]));
	expect(errors).toEqual([]);
});

test('EXIF orientation is applied once: a sideways phone photo comes out upright', async ({
	page
}) => {
	await openLab(page, '?kernel=identity&k=1&mode=rgb');
	// 40×20, red left half, blue right half, tagged "rotate 90° clockwise to display".
	const jpeg = withExifOrientation(readFileSync('tests/e2e/fixtures/red-left-blue-right.jpg'), 6);
	await upload(page, 'phone.jpg', 'image/jpeg', jpeg);
	await expect(page.getByTestId('image-info')).toContainText('20×40');
	const { header, values } = await downloadNpy(page);
	expect(header).toMatch(/'shape': \(40, 20, 4\)/);
	// identity kernel in RGB mode: channels R, G, B, sum at [y, x]
	const at = (y: number, x: number, c: number) => values[(y * 20 + x) * 4 + c];
	expect(at(5, 10, 0)).toBeGreaterThan(0.8); // top: red
	expect(at(5, 10, 2)).toBeLessThan(0.2);
	expect(at(34, 10, 2)).toBeGreaterThan(0.8); // bottom: blue
	expect(at(34, 10, 0)).toBeLessThan(0.2);
});

test('arrow keys move the selected pixel, for keyboard users', async ({ page }) => {
	await openLab(page);
	await expect(page.getByTestId('dot-product')).toContainText('row 150, col 225');
	await page.getByTestId('feature-map').focus();
	await page.keyboard.press('ArrowRight');
	await expect(page.getByTestId('dot-product')).toContainText('row 150, col 226');
	await page.keyboard.press('Shift+ArrowUp');
	await expect(page.getByTestId('dot-product')).toContainText('row 140, col 226');
});
