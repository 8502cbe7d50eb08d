import { expect, test, type Page } from '@playwright/test';
import { afterRender, countRenders, watchErrors } from './fixtures';

async function openFcVsConv(page: Page, query = '') {
	await page.goto(`/fc-vs-conv/${query}`);
	await expect(page.getByTestId('cost-chart')).toBeVisible();
	await expect(page.getByTestId('conv-shuffled')).toBeVisible();
	await expect(page.getByTestId('backend-name')).not.toHaveText('…');
}

function pixels(page: Page, testid: string): Promise<string> {
	return page.evaluate((id) => {
		const node = document.querySelector(`[data-testid="${id}"]`);
		const canvases =
			node instanceof HTMLCanvasElement ? [node] : [...(node?.querySelectorAll('canvas') ?? [])];
		return canvases.map((canvas) => canvas.toDataURL()).join('|');
	}, testid);
}

const chartMarkup = (page: Page) => page.getByTestId('cost-chart').innerHTML();

test('loads on the cat: costs for 451×300×3 with the formulas worked out', async ({ page }) => {
	const errors = watchErrors(page);
	await openFcVsConv(page);
	// 300·451·3·256 + 256 and 3²·3·256 + 256, by hand
	await expect(page.getByRole('math', { name: /= 103910656$/ })).toBeVisible();
	await expect(page.getByRole('math', { name: /conv parameters.*= 7168$/ })).toBeVisible();
	await expect(page.getByTestId('cost-ratio')).toContainText('14,496×');
	expect(errors).toEqual([]);
});

test('the pixel shuffle: a permuted FC layer gives the same output', async ({ page }) => {
	await openFcVsConv(page);
	const text = (await page.getByTestId('fc-max-difference').locator('strong').textContent()) ?? '';
	expect(Number(text)).toBeLessThan(1e-5);
	expect(await pixels(page, 'shuffle-shuffled')).not.toBe(await pixels(page, 'shuffle-original'));
	expect(await pixels(page, 'fc-permuted')).toBe(await pixels(page, 'fc-original'));
	expect(await pixels(page, 'fc-mismatched')).not.toBe(await pixels(page, 'fc-original'));
});

test('moving each control changes the picture', async ({ page }) => {
	const errors = watchErrors(page);
	await countRenders(page);
	await openFcVsConv(page);
	let before = await chartMarkup(page);
	await afterRender(page, () => page.getByTestId('units-slider').fill('4'));
	expect(await chartMarkup(page)).not.toBe(before);
	before = await chartMarkup(page);
	await afterRender(page, () => page.getByTestId('ch-1').click());
	expect(await chartMarkup(page)).not.toBe(before);
	before = await chartMarkup(page);
	const maps = await pixels(page, 'conv-original');
	await afterRender(page, () => page.getByTestId('k-slider').fill('7'));
	expect(await chartMarkup(page)).not.toBe(before);
	expect(await pixels(page, 'conv-original')).not.toBe(maps);
	const window = page.locator('[aria-label="Weight sharing"] svg rect').first();
	const x = await window.getAttribute('x');
	await page.getByTestId('sharing-pos').fill('16');
	await expect(window).not.toHaveAttribute('x', x ?? '');
	await page.getByTestId('conv-matrix').click({ position: { x: 5, y: 2 } });
	await expect(page).toHaveURL(/pos=1(&|$)/);
	expect(errors).toEqual([]);
});

test('a copied URL reproduces the state; hostile values are ignored with a notice', async ({
	page
}) => {
	const errors = watchErrors(page);
	await openFcVsConv(page, '?units=64&k=5&ch=1&pos=3');
	await expect(page.getByTestId('k-slider')).toHaveValue('5');
	await expect(page.getByTestId('ch-1')).toHaveAttribute('aria-pressed', 'true');
	await expect(page.getByRole('math', { name: /= 8659264$/ })).toBeVisible(); // 300·451·64 + 64
	await page.getByTestId('k-slider').fill('9');
	await expect(page).toHaveURL(/k=9/);
	const chart = await chartMarkup(page);
	await page.goto(page.url());
	await expect(page.getByTestId('k-slider')).toHaveValue('9');
	await expect(page.getByTestId('sharing-pos')).toHaveValue('3');
	await expect.poll(() => chartMarkup(page)).toBe(chart);

	await page.goto('/fc-vs-conv/?units=0&k=%22%3E%3Cimg%3E&ch=2&nope=1');
	await expect(page.getByTestId('url-notices')).toContainText('Ignored units=');
	await expect(page.getByTestId('url-notices')).toContainText('nope');
	await expect(page.getByTestId('url-notices').locator('img')).toHaveCount(0);
	await expect(page.getByTestId('k-slider')).toHaveValue('3');
	expect(errors).toEqual([]);
});

test('the tensor count stays flat over 40 control changes', async ({ page }) => {
	test.setTimeout(240_000);
	const errors = watchErrors(page);
	await countRenders(page);
	await openFcVsConv(page);
	const tensors = () => page.evaluate(() => window.convlab!.tf.memory().numTensors);
	const counts: number[] = [];
	for (let i = 0; i < 40; i++) {
		await afterRender(page, () =>
			i % 2 === 0
				? page.getByTestId('units-slider').fill(String((i / 2) % 12))
				: page.getByTestId('k-slider').fill(String(1 + (((i - 1) / 2) % 11)))
		);
		if (i === 9 || i === 39) counts.push(await tensors());
	}
	expect(counts[1]).toBe(counts[0]);
	expect(errors).toEqual([]);
});
