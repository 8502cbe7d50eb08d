import { expect, test, type Page } from '@playwright/test';
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
	// WebGL only where it is hardware: software WebGL (headless Chromium's SwiftShader here) is
	// 15–40× slower than WASM. The browser is asked directly, as a learner's devtools would.
	const softwareGl = await page.evaluate(() => {
		const gl = document
			.createElement('canvas')
			.getContext('webgl2', { failIfMajorPerformanceCaveat: true });
		if (!gl) return true;
		const info = gl.getExtension('WEBGL_debug_renderer_info');
		const renderer = info ? String(gl.getParameter(info.UNMASKED_RENDERER_WEBGL)) : '';
		return /swiftshader|llvmpipe|softpipe|software|microsoft basic render/i.test(renderer);
	});
	await expect(page.getByTestId('backend-name')).toHaveText(softwareGl ? 'wasm' : 'webgl');
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
		// 4 significant digits: within half a unit of the 4th digit
		const expected = reference[y * 40 + x];
		const shown = Number(await page.getByTestId('dot-sum').textContent());
		expect(Math.abs(shown - expected)).toBeLessThanOrEqual(6e-4 * Math.abs(expected) + 1e-6);
		const mapValue = Number(await page.getByTestId('map-value').textContent());
		expect(Math.abs(mapValue - expected)).toBeLessThanOrEqual(6e-4 * Math.abs(expected) + 1e-6);
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

test('the tensor count stays flat over 40 kernel changes', async ({ page }) => {
	test.setTimeout(240_000);
	const errors = watchErrors(page);
	await countRenders(page);
	await openLab(page);
	const presets = ['box', 'gaussian', 'sobel-y', 'laplacian', 'emboss'];
	const sizes = [5, 7, 9, 11, 3]; // each differs from the one before, so each change re-renders
	const tensors = () => page.evaluate(() => window.convlab!.tf.memory().numTensors);
	const counts: number[] = [];
	// A leak of one tensor per change shows as 30 more; the long soaks are the random walk's.
	for (let i = 0; i < 40; i++) {
		await afterRender(page, () =>
			i % 2 === 0
				? page.getByTestId('preset').selectOption(presets[(i / 2) % presets.length])
				: page.getByTestId('kernel-size').fill(String(sizes[((i - 1) / 2) % sizes.length]))
		);
		if (i === 9 || i === 39) counts.push(await tensors());
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

test('keyboard: Page Up/Down, Home/End and Ctrl+Home/End move the pick; a live region says where', async ({
	page
}) => {
	await openLab(page);
	const dot = page.getByTestId('dot-product');
	await page.getByTestId('feature-map').focus();
	// cat: 451×300 output; a page is a tenth of the height (30 rows), at least 10
	await page.keyboard.press('PageDown');
	await expect(dot).toContainText('row 180, col 225');
	await page.keyboard.press('PageUp');
	await page.keyboard.press('PageUp');
	await expect(dot).toContainText('row 120, col 225');
	await page.keyboard.press('Home');
	await expect(dot).toContainText('row 120, col 0');
	await page.keyboard.press('End');
	await expect(dot).toContainText('row 120, col 450');
	await page.keyboard.press('Control+Home');
	await expect(dot).toContainText('row 0, col 0');
	await page.keyboard.press('Control+End');
	await expect(dot).toContainText('row 299, col 450');
	const live = page.getByTestId('feature-map-live');
	await expect(live).toHaveAttribute('aria-live', 'polite');
	await expect(live).toHaveText(/^Row 299, column 450: -?\d/);
	await expect(page).toHaveURL(/px=299,450/);
});

test('the dot-product table multiplies as shown, and its products add up to the output', async ({
	page
}) => {
	await openLab(page, '?kernel=gaussian&k=5');
	const map = page.getByTestId('feature-map');
	const box = (await map.boundingBox())!;
	await page.mouse.move(box.x + box.width * 0.41, box.y + box.height * 0.37);
	await expect(page.getByTestId('dot-product')).toContainText('row 110, col 184');
	const cells = await page
		.getByTestId('dot-product')
		.locator('td')
		.evaluateAll((tds) =>
			tds.map((td) =>
				Array.from(td.querySelectorAll('span'), (span) =>
					Number(span.textContent!.replace(/[×=\s]/g, '').replace('−', '-'))
				)
			)
		);
	expect(cells).toHaveLength(25);
	let sum = 0;
	for (const [weight, input, product] of cells) {
		// 4 significant digits each: the shown product is the shown factors' product to ~1e-3.
		expect(Math.abs(weight * input - product)).toBeLessThanOrEqual(1e-3 * Math.abs(product) + 1e-6);
		sum += product;
	}
	const shown = Number(await page.getByTestId('dot-sum').textContent());
	expect(Math.abs(sum - shown)).toBeLessThan(1e-3);
	await expect(page.getByTestId('dot-product').locator('td').first()).toHaveAttribute(
		'title',
		/^weight -?[\d.e-]+ × input [\d.e-]+ = -?[\d.e-]+/
	);
});

test('the output-size formula fits its box at every width', async ({ page }) => {
	for (const [width, height] of [
		[390, 844],
		[1024, 768],
		[1440, 900]
	]) {
		await page.setViewportSize({ width, height });
		await openLab(page, '?k=11&pad=5&dil=4&stride=3');
		const formula = page.getByTestId('output-size');
		await expect(formula.locator('.math')).toHaveCount(2);
		const overflow = await formula.evaluate((section) =>
			[section, ...section.querySelectorAll<HTMLElement>('.math, .katex-display')].map(
				(el) => el.scrollWidth - el.clientWidth
			)
		);
		expect(
			overflow.every((px) => px <= 0),
			`overflow at ${width}px: ${overflow}`
		).toBe(true);
		// The result is there to read, not cut off.
		await expect(formula.locator('.math').first()).toContainText('=');
	}
});

test('log counts and the pinned pixel travel in the URL', async ({ page }) => {
	const errors = watchErrors(page);
	await openLab(page);
	await page.getByLabel('log counts').check();
	const map = page.getByTestId('feature-map');
	await map.scrollIntoViewIfNeeded(); // checking the box scrolled down to the histogram
	const box = (await map.boundingBox())!;
	await page.mouse.click(
		box.x + ((40 + 0.5) / 451) * box.width,
		box.y + ((20 + 0.5) / 300) * box.height
	);
	await page.mouse.move(0, 0); // leave the map: the pin, not the hover, is shown
	await expect(page.getByTestId('pixel-readout')).toContainText('Row 20, col 40');
	await expect(page).toHaveURL(/log=true/);
	await expect(page).toHaveURL(/px=20,40/);
	await page.goto(page.url());
	await expect(page.getByTestId('feature-map')).toBeVisible();
	await expect(page.getByLabel('log counts')).toBeChecked();
	await expect(page.getByTestId('dot-product')).toContainText('row 20, col 40');
	await page.goto('/convolution/?px=9999,1&log=maybe');
	await expect(page.getByTestId('url-notices')).toContainText('px');
	await expect(page.getByTestId('url-notices')).toContainText('log');
	await expect(page.getByTestId('dot-product')).toContainText('row 150, col 225');
	expect(errors).toEqual([]);
});

test('gradient magnitude: two kernels side by side and √(gx² + gy²), matching a reference', async ({
	page
}) => {
	const errors = watchErrors(page);
	await openLab(page);
	const image = makeTestPng(30, 20);
	await upload(page, 'pattern.png', 'image/png', image.png);
	await expect(page.getByTestId('image-info')).toContainText('30×20');
	await page.getByTestId('view-gradient').click();
	await expect(page).toHaveURL(/view=gradient/);
	const kernels = page.getByRole('group', { name: 'The two kernels' });
	await expect(kernels.locator('canvas')).toHaveCount(2);
	await expect(kernels).toContainText('gx: the kernel');
	await expect(kernels).toContainText('gy: the kernel transposed');

	const plane = luma(image);
	const gx = referenceSameConv(plane, 20, 30, [-1, 0, 1, -2, 0, 2, -1, 0, 1], 3);
	const gy = referenceSameConv(plane, 20, 30, [-1, -2, -1, 0, 0, 0, 1, 2, 1], 3);
	const map = page.getByTestId('feature-map');
	const box = (await map.boundingBox())!;
	for (const [y, x] of [
		[5, 7],
		[10, 22],
		[0, 0]
	]) {
		await page.mouse.move(
			box.x + ((x + 0.5) / 30) * box.width,
			box.y + ((y + 0.5) / 20) * box.height
		);
		const readout = page.getByTestId('pixel-readout');
		await expect(readout).toContainText(`Row ${y}, col ${x}`);
		const text = (await page.getByTestId('readout-value').textContent())!;
		const shown = Number(/= (-?[\d.e+-]+)/.exec(text)![1]);
		const expected = Math.hypot(gx[y * 30 + x], gy[y * 30 + x]);
		expect(Math.abs(shown - expected)).toBeLessThanOrEqual(1e-3 * expected + 1e-6);
		// The dot product panel explains gx, the kernel's own response.
		const mapValue = Number(await page.getByTestId('map-value').textContent());
		expect(Math.abs(mapValue - gx[y * 30 + x])).toBeLessThanOrEqual(
			6e-4 * Math.abs(gx[y * 30 + x]) + 1e-6
		);
	}
	const { header } = await downloadNpy(page);
	expect(header).toMatch(/'shape': \(20, 30, 3\)/);
	expect(errors).toEqual([]);
});

test('projector mode: the pictures fill the width of a 1920 px screen', async ({ page }) => {
	await page.setViewportSize({ width: 1920, height: 1080 });
	await openLab(page);
	const before = (await page.getByTestId('feature-map').boundingBox())!.width;
	await page.getByRole('button', { name: 'Projector' }).click();
	await expect(page.locator('html')).toHaveClass(/projector/);
	await expect
		.poll(async () => (await page.getByTestId('feature-map').boundingBox())!.width)
		.toBeGreaterThan(850);
	const input = (await page
		.getByLabel('Input and feature map')
		.locator('canvas')
		.first()
		.boundingBox())!;
	expect(input.width).toBeGreaterThan(850);
	expect(before).toBeLessThan(700);
	await page.getByRole('button', { name: 'Projector' }).click();
});

test.describe('on a phone (390×844, touch)', () => {
	test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
	// A phone: 390×844, touch, the mobile viewport meta honoured.

	/** Centre of output pixel (y, x) of the 451×300 cat map, in page coordinates. */
	async function pointAt(page: Page, y: number, x: number) {
		const box = (await page.getByTestId('feature-map').boundingBox())!;
		const data = await page
			.getByTestId('feature-map')
			.evaluate((c) => [Number(c.dataset.width), Number(c.dataset.height)]);
		return {
			x: box.x + ((x + 0.5) / data[0]) * box.width,
			y: box.y + ((y + 0.5) / data[1]) * box.height
		};
	}

	test('the first screen shows the image and its feature map; the readout sits under the map', async ({
		page
	}) => {
		const errors = watchErrors(page);
		await openLab(page);
		const input = (await page
			.getByLabel('Input and feature map')
			.locator('canvas')
			.first()
			.boundingBox())!;
		const map = (await page.getByTestId('feature-map').boundingBox())!;
		expect(input.y + input.height).toBeLessThanOrEqual(844);
		expect(map.y + map.height).toBeLessThanOrEqual(844);
		expect(map.width).toBeGreaterThan(140);
		const readout = (await page.getByTestId('pixel-readout').boundingBox())!;
		expect(readout.y - (map.y + map.height)).toBeLessThan(120);
		// The controls are a short scroll away, the details after them.
		const preset = (await page.getByTestId('preset').boundingBox())!;
		expect(preset.y).toBeLessThan(844 * 1.8);
		const dot = (await page.getByTestId('dot-product').boundingBox())!;
		expect(dot.y).toBeGreaterThan(preset.y);
		expect(errors).toEqual([]);
	});

	test('a tap picks a pixel, a sideways drag moves the pick, an up-down swipe scrolls', async ({
		page
	}) => {
		await openLab(page);
		const canvas = page.getByTestId('feature-map');
		await expect(canvas).toHaveCSS('touch-action', 'pan-y');

		const tap = await pointAt(page, 100, 60);
		await page.touchscreen.tap(tap.x, tap.y);
		await expect(page.getByTestId('pixel-readout')).toContainText('Row 100, col 60');

		// Real touch input through the browser's input pipeline (CDP), so scrolling really happens.
		const cdp = await page.context().newCDPSession(page);
		const swipe = async (from: { x: number; y: number }, dx: number, dy: number) => {
			await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [from] });
			for (let i = 1; i <= 10; i++) {
				const point = { x: from.x + (dx * i) / 10, y: from.y + (dy * i) / 10 };
				await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [point] });
			}
			await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
		};

		// A sideways drag moves the pick along with the finger, and does not scroll.
		const from = await pointAt(page, 100, 60);
		const to = await pointAt(page, 100, 300);
		const scrollBefore = await page.evaluate(() => window.scrollY);
		await swipe(from, to.x - from.x, 0);
		await expect(page.getByTestId('pixel-readout')).toContainText('Row 100, col 300');
		await expect(page).toHaveURL(/px=100,300/);
		expect(await page.evaluate(() => window.scrollY)).toBe(scrollBefore);

		// An up-down swipe on the map scrolls the page and leaves the pick where it was.
		await swipe(await pointAt(page, 250, 200), 0, -200);
		await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(scrollBefore + 50);
		await expect(page.getByTestId('pixel-readout')).toContainText('Row 100, col 300');
	});
});
