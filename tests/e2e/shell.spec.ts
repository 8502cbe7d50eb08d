/**
 * The app shell as a person meets it: the header on a phone, links that keep the screen,
 * projector mode, the credits page, keyboard and touch, and what the home page loads.
 */
import { expect, test, type Page } from '@playwright/test';
import { clickLabLink, makeTestPng, openLab, upload, watchErrors } from './fixtures';

const PHONE = { width: 390, height: 844 };
// A string only TF.js's core carries (one of its flag names): a script holding it is TF.js.
const TFJS_MARKER = 'TENSORLIKE_CHECK_SHAPE_CONSISTENCY';

async function headerHeight(page: Page): Promise<number> {
	return (await page.getByTestId('shell-header').boundingBox())!.height;
}

test.describe('on a phone', () => {
	test.use({ viewport: PHONE, hasTouch: true });

	test('the header stays compact, so the lab starts on the first screen', async ({ page }) => {
		const errors = watchErrors(page);
		await openLab(page);
		expect(await headerHeight(page)).toBeLessThanOrEqual(140);
		// the stats are a one-line summary, the thumbnails sit behind one button
		await expect(page.getByTestId('backend-name')).toBeVisible();
		await expect(page.getByLabel('Backend')).toBeHidden();
		await expect(page.getByRole('button', { name: /Falcon 9/ })).toBeHidden();
		// the lab's own content begins well inside the first screen
		const lab = (await page.locator('main').boundingBox())!;
		expect(lab.y).toBeLessThan(PHONE.height / 4);
		await page.goto('/');
		expect(await headerHeight(page)).toBeLessThanOrEqual(140);
		expect(errors).toEqual([]);
	});

	test('samples open from one button; the stats summary opens its details', async ({ page }) => {
		await openLab(page);
		const toggle = page.getByRole('button', { name: 'Samples' });
		await expect(toggle).toHaveAttribute('aria-expanded', 'false');
		await toggle.tap();
		await expect(page.getByRole('button', { name: /Coffee cup/ })).toBeVisible();
		// a tap elsewhere closes the list, as a menu would
		await page.touchscreen.tap(200, 700);
		await expect(page.getByRole('button', { name: /Coffee cup/ })).toBeHidden();
		await toggle.tap();
		await page.getByRole('button', { name: /Coffee cup/ }).tap();
		await expect(page.getByTestId('image-info')).toContainText('coffee');
		await expect(page.getByRole('button', { name: /Coffee cup/ })).toBeHidden();
		await expect(page).toHaveURL(/img=coffee/);
		await page.getByTestId('stats').locator('summary').first().tap();
		await expect(page.getByLabel('Backend')).toBeVisible();
		expect(await headerHeight(page)).toBeLessThanOrEqual(140); // details drop over the page
	});

	test('header controls are touch-sized (44 px), every visible target at least 24 px', async ({
		page
	}) => {
		await openLab(page);
		const header = page.getByTestId('shell-header');
		for (const control of await header
			.locator('button:visible, select:visible, summary:visible, nav a:visible')
			.all()) {
			const box = (await control.boundingBox())!;
			expect(
				box.height,
				await control.evaluate((e) => e.outerHTML.slice(0, 80))
			).toBeGreaterThanOrEqual(43.5);
		}
		const targets = page.locator(
			'main button:visible, main select:visible, main input[type=range]:visible, main input[type=checkbox]:visible'
		);
		expect(await targets.count()).toBeGreaterThan(5);
		for (const target of await targets.all()) {
			const box = (await target.boundingBox())!;
			expect(
				box.height,
				await target.evaluate((e) => e.outerHTML.slice(0, 80))
			).toBeGreaterThanOrEqual(24);
			expect(
				box.width,
				await target.evaluate((e) => e.outerHTML.slice(0, 80))
			).toBeGreaterThanOrEqual(24);
		}
	});
});

test('the shared settings travel with navigation and the address bar says what is shown', async ({
	page
}) => {
	const errors = watchErrors(page);
	await page.goto('/');
	await expect(page.getByTestId('backend-name')).toHaveText('idle');
	await page.getByRole('button', { name: /Coffee cup/ }).click();
	await expect(page.getByTestId('image-info')).toContainText('coffee');
	await expect(page).toHaveURL(/\/\?img=coffee$/);
	await page.getByLabel('Working size').selectOption('256');
	await expect(page).toHaveURL(/img=coffee&size=256/);
	// the home page's card and the nav both carry them
	await expect(page.getByRole('link', { name: 'Convolution' }).first()).toHaveAttribute(
		'href',
		/\?img=coffee&size=256$/
	);
	await clickLabLink(page, 'Convolution');
	await expect(page.getByTestId('feature-map')).toBeVisible();
	await expect(page).toHaveURL(/\/convolution\/\?img=coffee&size=256$/);
	await expect(page.getByTestId('image-info')).toContainText('coffee');
	expect(errors).toEqual([]);
});

test('Convolution → Home → Convolution comes back with the same kernel and size', async ({
	page
}) => {
	await openLab(page, '?kernel=box&k=5&stride=2&img=rocket');
	await expect(page.getByTestId('preset')).toHaveValue('box');
	await page.getByRole('link', { name: 'ConvLab' }).click();
	await expect(page).toHaveURL(/\/\?img=rocket$/);
	await expect(page.getByRole('heading', { name: 'Labs' })).toBeVisible();
	await clickLabLink(page, 'Convolution');
	await expect(page.getByTestId('feature-map')).toBeVisible();
	await expect(page).toHaveURL(/kernel=box/);
	await expect(page).toHaveURL(/k=5/);
	await expect(page).toHaveURL(/stride=2/);
	await expect(page).toHaveURL(/img=rocket/);
	await expect(page.getByTestId('preset')).toHaveValue('box');
	await expect(page.getByTestId('image-info')).toContainText('rocket');
	// a lab's later change is remembered too (the address bar is written after a short pause)
	await page.getByTestId('preset').selectOption('laplacian');
	await expect(page).toHaveURL(/kernel=laplacian/);
	await page.getByRole('link', { name: 'ConvLab' }).click();
	await clickLabLink(page, 'Convolution');
	await expect(page.getByTestId('preset')).toHaveValue('laplacian');
	// and the back button restores the image its address names
	await page.getByRole('button', { name: /Hubble/ }).click();
	await expect(page).toHaveURL(/img=hubble/);
	await page.goBack();
	await expect(page).toHaveURL(/\/\?img=rocket$/);
	await expect(page.getByTestId('image-info')).toContainText('rocket');
});

test('a link made while an upload is on screen says so and opens a sample', async ({
	page,
	browser
}) => {
	await openLab(page, '?kernel=box');
	await upload(page, 'mine.png', 'image/png', makeTestPng(40, 30).png);
	await expect(page.getByTestId('image-info')).toContainText('40×30');
	await expect(page).toHaveURL(/img=upload/);
	await expect(page).toHaveURL(/kernel=box/);
	const link = page.url();

	// Another device: this browser keeps the upload (IndexedDB) and would show it again.
	const device = await browser.newContext();
	const other = await device.newPage();
	const errors = watchErrors(other);
	await other.goto(link);
	await expect(other.getByTestId('url-notices')).toContainText(
		"This link's image was an upload: uploads never leave the device they were picked on, and none is kept in this browser, so a sample stands in."
	);
	await expect(other.getByTestId('feature-map')).toBeVisible();
	await expect(other.getByTestId('image-info')).toContainText('cat.jpg');
	await expect(other.getByTestId('preset')).toHaveValue('box');
	await expect(other).not.toHaveURL(/img=/);
	expect(errors).toEqual([]);
	await device.close();
});

test.describe('projector mode', () => {
	test.use({ viewport: { width: 1920, height: 1080 } });

	test('present=1 scales the type, widens the content and keeps the stats in the header', async ({
		page
	}) => {
		const errors = watchErrors(page);
		await openLab(page);
		const fontSize = () =>
			page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
		expect(await fontSize()).toBe(16);
		await page.getByRole('button', { name: 'Projector' }).click();
		await expect(page).toHaveURL(/present=1/);
		expect(await fontSize()).toBeGreaterThanOrEqual(24);
		// the type follows the screen it lands on: twice as large on a 4K projector with no OS
		// scaling, a phone's own size on a phone (the instructor's link reaches the students)
		await page.setViewportSize({ width: 3840, height: 2160 });
		expect(await fontSize()).toBeGreaterThanOrEqual(47.5);
		await page.setViewportSize({ width: 390, height: 844 });
		expect(await fontSize()).toBe(16);
		await page.setViewportSize({ width: 1920, height: 1080 });
		await expect(page.locator('html')).toHaveClass(/projector/);
		// content spans the screen
		const main = (await page.locator('main').boundingBox())!;
		expect(main.width).toBeGreaterThan(1900);
		// stats: a closed summary in the header's flow, covering nothing of the lab
		const stats = (await page.getByTestId('stats').boundingBox())!;
		const header = (await page.getByTestId('shell-header').boundingBox())!;
		expect(stats.y + stats.height).toBeLessThanOrEqual(header.y + header.height);
		expect(stats.x + stats.width).toBeGreaterThan(1920 - 200);
		expect(
			await page.getByTestId('stats').evaluate((e) => getComputedStyle(e.parentElement!).position)
		).not.toBe('fixed');
		await expect(page.getByLabel('Backend')).toBeHidden();
		// a reload keeps it, and links carry it
		await page.reload();
		await expect(page.locator('html')).toHaveClass(/projector/);
		await expect(page.getByRole('button', { name: 'Projector' })).toHaveAttribute(
			'aria-pressed',
			'true'
		);
		await expect(page.getByRole('link', { name: 'ConvLab' })).toHaveAttribute('href', /present=1/);
		await page.getByRole('button', { name: 'Projector' }).click();
		await expect(page).not.toHaveURL(/present=/);
		await expect(page.locator('html')).not.toHaveClass(/projector/);
		expect(errors).toEqual([]);
	});
});

test('the credits page opens from the footer and by its address, with proper text', async ({
	page
}) => {
	const errors = watchErrors(page);
	await page.goto('/');
	await page.getByRole('link', { name: 'credits' }).click();
	await expect(page).toHaveURL(/\/credits\/$/);
	const check = async () => {
		await expect(page.getByRole('heading', { level: 1, name: 'Credits' })).toBeVisible();
		const samples = page.getByTestId('sample-credits').getByRole('listitem');
		await expect(samples).toHaveCount(8);
		await expect(samples.first()).toContainText('Chelsea the cat');
		await expect(samples.first()).toContainText(
			'“No copyright restrictions. CC0 by the photographer (Stefan van der Walt).”'
		);
		await expect(page.getByRole('row', { name: /TensorFlow\.js/ })).toContainText('Apache-2.0');
		const text = await page.locator('main').innerText();
		expect(text).not.toContain('| ---');
		expect(text).not.toMatch(/â€|Ã/); // UTF-8 read as Latin-1
	};
	await check();
	const response = await page.goto('/credits/');
	expect(response?.status()).toBe(200);
	await check();
	expect(errors).toEqual([]);
});

test('keyboard: the upload button is the one tab stop, focus is visible', async ({ page }) => {
	await openLab(page);
	const uploadButton = page.getByRole('button', { name: /Upload/ });
	await uploadButton.focus();
	await page.keyboard.press('Tab');
	await expect(page.getByRole('button', { name: 'Webcam' })).toBeFocused();
	await page.keyboard.press('Shift+Tab');
	await expect(uploadButton).toBeFocused();
	const outline = await uploadButton.evaluate((e) => getComputedStyle(e).outlineStyle);
	expect(outline).not.toBe('none');
	// the stats summary and the nav are reachable and show focus as well
	const summary = page.getByTestId('stats').locator('summary').first();
	await summary.focus();
	await page.keyboard.press('Enter');
	await expect(summary).toBeFocused();
	expect(await summary.evaluate((e) => getComputedStyle(e).outlineStyle)).not.toBe('none');
});

test('the stats say the backend and why in plain words; the renderer string waits behind a toggle', async ({
	page
}) => {
	await openLab(page);
	await expect(page.getByTestId('backend-name')).toHaveText('wasm');
	const reason = page.getByTestId('backend-reason');
	// Collapsed to its summary line; one click shows the reason.
	await expect(reason).toBeHidden();
	await page.getByTestId('stats').locator('summary').first().click();
	await expect(reason).toBeVisible();
	await expect(reason).toContainText('WebGL is software-rendered');
	await expect(reason).not.toContainText('ANGLE');
	const renderer = page.getByTestId('backend-renderer');
	await expect(renderer).toBeHidden();
	await page.getByText('Graphics renderer').click();
	await expect(renderer).toBeVisible();
	await expect(renderer).toContainText('SwiftShader');
});

test('a paste aimed at the document or at text does not throw, and still takes the image', async ({
	page
}) => {
	const errors = watchErrors(page);
	await openLab(page);
	const paste = (target: 'document' | 'text', bytes: number[]) =>
		page.evaluate(
			({ target, bytes }) => {
				const data = new DataTransfer();
				data.items.add(new File([new Uint8Array(bytes)], `${target}.png`, { type: 'image/png' }));
				const node =
					target === 'document'
						? document
						: (document.querySelector('main h1')?.firstChild ?? document);
				node.dispatchEvent(
					new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true })
				);
			},
			{ target, bytes }
		);
	await paste('document', [...makeTestPng(30, 20).png]);
	await expect(page.getByTestId('image-info')).toContainText('document.png · 30×20');
	await paste('text', [...makeTestPng(34, 18).png]);
	await expect(page.getByTestId('image-info')).toContainText('text.png · 34×18');
	expect(errors).toEqual([]);
});

test('the home page loads no TF.js; a lab does', async ({ page }) => {
	const scripts: Promise<string>[] = [];
	page.on('response', (response) => {
		if (response.url().endsWith('.js')) scripts.push(response.text().catch(() => ''));
	});
	await page.goto('/');
	await expect(page.getByTestId('image-info')).toContainText('cat.jpg');
	await page.waitForLoadState('networkidle');
	const home = await Promise.all(scripts);
	expect(home.length).toBeGreaterThan(3);
	expect(home.filter((text) => text.includes(TFJS_MARKER))).toHaveLength(0);
	expect(await page.evaluate(() => 'convlab' in window)).toBe(false);
	await clickLabLink(page, 'Convolution');
	await expect(page.getByTestId('feature-map')).toBeVisible();
	const all = await Promise.all(scripts);
	expect(all.filter((text) => text.includes(TFJS_MARKER)).length).toBeGreaterThan(0);
	expect(await page.evaluate(() => typeof window.convlab?.tf.memory)).toBe('function');
});

test.describe('a tablet or small window', () => {
	test.use({ viewport: { width: 900, height: 800 } });

	test('the lab links are a menu: a disclosure the keyboard opens and Escape closes', async ({
		page
	}) => {
		await openLab(page);
		const menu = page.getByTestId('labs-menu');
		const pooling = page
			.getByRole('navigation', { name: 'Labs' })
			.getByRole('link', { name: 'Pooling' });
		await expect(menu).toHaveAccessibleName('Labs: Convolution');
		await expect(menu).toHaveAttribute('aria-expanded', 'false');
		await expect(pooling).toBeHidden();
		await menu.focus();
		await page.keyboard.press('Enter');
		await expect(menu).toHaveAttribute('aria-expanded', 'true');
		await expect(pooling).toBeVisible();
		await page.keyboard.press('Tab');
		await expect(
			page.getByRole('navigation', { name: 'Labs' }).getByRole('link', { name: 'Convolution' })
		).toBeFocused();
		await page.keyboard.press('Escape');
		await expect(menu).toHaveAttribute('aria-expanded', 'false');
		await expect(menu).toBeFocused();
		await expect(pooling).toBeHidden();
		// a click elsewhere closes it too; a lab chosen from it opens and the menu closes
		await menu.click();
		await page.mouse.click(450, 700);
		await expect(menu).toHaveAttribute('aria-expanded', 'false');
		await menu.click();
		await pooling.click();
		await expect(page).toHaveURL(/\/pooling\//);
		await expect(menu).toHaveAttribute('aria-expanded', 'false');
		await expect(menu).toHaveAccessibleName('Labs: Pooling');
	});
});

test('the first Tab reaches a skip link that moves focus to the lab, before and after navigating', async ({
	page
}) => {
	await openLab(page);
	await page.keyboard.press('Tab');
	const skip = page.getByRole('link', { name: 'Skip to the lab' });
	await expect(skip).toBeFocused();
	expect((await skip.boundingBox())!.y).toBeGreaterThanOrEqual(0); // shown while focused
	await page.keyboard.press('Enter');
	await expect(page.locator('main')).toBeFocused();
	await page.keyboard.press('Tab');
	expect(await page.evaluate(() => !!document.activeElement?.closest('main'))).toBe(true);
	// after a lab link is followed, the first Tab is the skip link again, not the next lab's link
	await clickLabLink(page, 'Pooling');
	await expect(page).toHaveURL(/\/pooling\//);
	await page.keyboard.press('Tab');
	await expect(skip).toBeFocused();
});

test('a setting change is announced politely once it settles; the route announcer stays quiet', async ({
	page
}) => {
	await openLab(page);
	const announcer = page.getByTestId('lab-announcer');
	await expect(announcer).toHaveAttribute('aria-live', 'polite');
	await expect(announcer).toHaveText(''); // the first picture is not news
	const stride = page.getByRole('slider', { name: /Stride/ });
	await stride.focus();
	await page.keyboard.press('ArrowRight');
	await page.keyboard.press('ArrowRight'); // stride 3: one announcement, of where it stopped
	await expect(page).toHaveURL(/stride=3/);
	// cat.jpg is 451×300; 'same' padding at stride 3 gives ceil(451 / 3) × ceil(300 / 3)
	await expect(announcer).toHaveText(
		"Feature map 151×100 from the 451×300 image: 3×3 kernel, stride 3, dilation 1, 'same' padding."
	);
	// SvelteKit's announcer does not read the page title for a query write on the same page
	const route = page.locator('#svelte-announcer');
	const routeLive = await route.getAttribute('aria-live');
	const routeText = (await route.textContent())?.trim() ?? '';
	expect(routeLive === 'off' || routeText === '', `${routeLive}: "${routeText}"`).toBe(true);
	// a real navigation to another lab still is announced
	await clickLabLink(page, 'Pooling');
	await expect(route).toHaveAttribute('aria-live', 'assertive');
	await expect(route).toContainText('Pooling');
});
