import { expect, test, type Page } from '@playwright/test';
import { openLab, watchErrors } from './fixtures';

// The grid's keyboard, its edit box and a new k during an edit are tested on the component in
// Node (tests/unit/dom/kernelEditor.test.ts); here what needs the page: layout, touch, the URL.

const grid = (page: Page) => page.getByTestId('kernel-grid');
const cells = (page: Page) => grid(page).getByRole('button');
const editBox = (page: Page) => grid(page).locator('input');

/** Sets the size slider without moving focus or the mouse, as a second finger or a script would. */
async function setSizeQuietly(page: Page, k: number) {
	await page.getByTestId('kernel-size').evaluate((slider, value) => {
		const input = slider as HTMLInputElement;
		input.value = String(value);
		input.dispatchEvent(new Event('input', { bubbles: true }));
	}, k);
	await expect(cells(page)).toHaveCount(k * k);
}

/** Per cell: its box and whether its text is wider than the cell. */
async function cellLayout(page: Page) {
	return grid(page).evaluate((node) =>
		[...node.querySelectorAll('button')].map((cell) => {
			const box = cell.getBoundingClientRect();
			const text = cell.querySelector('.text')!.getBoundingClientRect();
			return {
				width: box.width,
				height: box.height,
				cut: text.width > cell.clientWidth + 0.5 || text.height > cell.clientHeight + 0.5,
				title: cell.getAttribute('title') ?? ''
			};
		})
	);
}

for (const viewport of [
	{ width: 1440, height: 900 },
	{ width: 390, height: 844 }
]) {
	test(`${viewport.width}px: at k=11 and k=2 every weight fits its cell, cells ≥ 24 px`, async ({
		page
	}) => {
		await page.setViewportSize(viewport);
		const errors = watchErrors(page);
		for (const [preset, k] of [
			['sobel-x', 11],
			['gaussian', 11],
			['log', 11],
			['sharpen', 2],
			['sobel-y', 2]
		] as const) {
			await openLab(page, `?kernel=${preset}&k=${k}`);
			await expect(cells(page)).toHaveCount(k * k);
			const layout = await cellLayout(page);
			expect(
				layout.filter((cell) => cell.cut),
				`${preset} k=${k}`
			).toEqual([]);
			for (const cell of layout) {
				expect(cell.width).toBeGreaterThanOrEqual(24);
				expect(cell.height).toBeGreaterThanOrEqual(24);
				expect(cell.title).toMatch(/^-?\d/);
			}
			if (viewport.width === 390 && k <= 7) {
				expect(Math.min(...layout.map((c) => c.width))).toBeGreaterThanOrEqual(44);
			}
		}
		expect(errors).toEqual([]);
	});
}

test('k=11 presets are scaled, no bare ε, small weights explained', async ({ page }) => {
	await openLab(page, '?kernel=sobel-x&k=11');
	const texts = await grid(page).locator('.text').allTextContents();
	expect(texts).not.toContain('ε');
	expect(texts).toContain('.375'); // 252 · 48 · 4 / 129024, the largest weight
	expect(texts).toContain('-3e-5'); // the corners, −4 / 129024
	await expect(page.getByTestId('preset-scaling')).toContainText('0 → 1 edge gives 4 at every k');
	await expect(page.locator('.kernel-editor .hint')).toContainText('3e-5 = 3 × 10⁻⁵');
	// the exact value on focus, in the readout and the accessible name
	await cells(page).first().focus();
	await expect(page.getByTestId('kernel-readout')).toHaveText(/row 1 column 1: -0\.000031/);
	await expect(cells(page).first()).toHaveAccessibleName(/weight row 1 column 1: -0\.000031/);
});

test('even k: the preset and its note follow TensorFlow same padding', async ({ page }) => {
	await openLab(page, '?kernel=sharpen&k=2');
	const values = await cells(page).evaluateAll((list) => list.map((b) => b.getAttribute('title')));
	expect(values).toEqual(['1', '0', '0', '0']);
	await expect(page.getByTestId('preset-size-note')).toContainText('under tap (1, 1)');
	await expect(page.getByTestId('preset-size-note')).toContainText('the identity');
	await expect(page.getByTestId('explain-size-note')).toContainText('under tap (1, 1)');
	await page.getByTestId('kernel-size').fill('4');
	await expect(page.getByTestId('preset-size-note')).toContainText('3×3 preset centred there');
	const four = await cells(page).evaluateAll((list) => list.map((b) => b.getAttribute('title')));
	expect(four).toEqual([
		'0',
		'-1',
		'0',
		'0',
		'-1',
		'5',
		'-1',
		'0',
		'0',
		'-1',
		'0',
		'0',
		'0',
		'0',
		'0',
		'0'
	]);
});

test('changing k while a cell is scrubbed ends the scrub (no stale index)', async ({ page }) => {
	const errors = watchErrors(page);
	await openLab(page, '?kernel=sobel-x&k=11');
	const cell = cells(page).nth(100); // row 10: no such cell at k=3
	await cell.scrollIntoViewIfNeeded();
	const box = (await cell.boundingBox())!;
	await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
	await page.mouse.down();
	await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2 - 12, { steps: 3 });
	await expect(page).toHaveURL(/kernel=[-\d.,]+/); // the scrub made it custom
	await setSizeQuietly(page, 3);
	// keep dragging, now over a cell of the new 3×3 grid
	const first = (await cells(page).first().boundingBox())!;
	await page.mouse.move(first.x + first.width / 2, first.y + first.height / 2, { steps: 3 });
	await page.mouse.move(first.x + first.width / 2, first.y - 30, { steps: 3 });
	await page.mouse.up();
	await expect(cells(page)).toHaveCount(9);
	await expect(page).toHaveURL(/kernel=([-\d.]+,){8}[-\d.]+(&|$)/);
	await expect(page.getByTestId('feature-map')).toBeVisible();
	expect(errors).toEqual([]);
});

test('"What a kernel detects" describes the chosen kernel', async ({ page }) => {
	await openLab(page, '?kernel=sobel-x&k=3');
	const detects = page.getByTestId('kernel-detects');
	await expect(detects).toContainText('Sobel x (3×3)');
	await expect(detects).toContainText('brightness rise to the right');
	for (const [preset, label, phrase] of [
		['laplacian', 'Laplacian', 'second derivative'],
		['gaussian', 'Gaussian blur', 'blurs without the blocky halos'],
		['random', 'Random (He init)', 'like a CNN layer before training']
	] as const) {
		await page.getByTestId('preset').selectOption(preset);
		await expect(detects).toContainText(label);
		await expect(detects).toContainText(phrase);
		await expect(detects).not.toContainText('brightness rise to the right');
	}
	await page.getByTestId('preset').selectOption('custom');
	await expect(detects).toContainText('Your custom kernel');
	await expect(detects).toContainText('whatever pattern its weights draw');
});

test.describe('on a phone (390×844, touch)', () => {
	test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

	test('at k=11 an up-down swipe over the grid scrolls the page; a sideways drag scrubs, a tap edits', async ({
		page
	}) => {
		const errors = watchErrors(page);
		await openLab(page, '?kernel=box&k=11');
		await expect(grid(page)).toHaveCSS('touch-action', 'pan-y');
		const centre = cells(page).nth(60);
		await centre.scrollIntoViewIfNeeded();
		// Start the swipes low on the screen so the page has room to scroll both ways.
		await page.evaluate(() => window.scrollBy(0, -250));
		const weight = () => centre.getAttribute('aria-label');
		const before = await weight();

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
		const middle = async () => {
			const box = (await centre.boundingBox())!;
			return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
		};

		// Up-down over the grid: the page scrolls and no weight changes.
		const scrollBefore = await page.evaluate(() => window.scrollY);
		await swipe(await middle(), 0, -150);
		await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(scrollBefore + 50);
		expect(await weight()).toBe(before);
		await expect(page.getByTestId('preset')).toHaveValue('box');

		// Sideways: the finger scrubs the weight under it, and the grid stays under the finger
		// (compared on screen: scroll anchoring moves scrollY when a button appears above it).
		const settled = async () => {
			let last = NaN;
			await expect
				.poll(async () => {
					const now = await page.evaluate(() => window.scrollY);
					const still = now === last;
					last = now;
					return still;
				})
				.toBe(true);
		};
		await settled();
		const start = await middle();
		await swipe(start, 60, 0);
		await expect(centre).not.toHaveAttribute('aria-label', before!);
		await expect(page.getByTestId('preset')).toHaveValue('custom');
		await settled();
		expect(Math.abs((await middle()).y - start.y)).toBeLessThan(2);

		// A tap opens the weight for typing.
		const tap = await middle();
		await page.touchscreen.tap(tap.x, tap.y);
		await expect(editBox(page)).toBeFocused();
		expect(errors).toEqual([]);
	});
});
