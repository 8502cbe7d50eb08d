import { expect, test, type Page } from '@playwright/test';
import { afterRender, countRenders, longestSince, watchErrors, watchLongTasks } from './fixtures';

/**
 * performance.now() once the page has painted twice: the settings change's own re-render (tables,
 * formula) is done and the ERF is on its way in the worker.
 */
const afterPaint = (page: Page) =>
	page.evaluate(
		() =>
			new Promise<number>((resolve) =>
				requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now())))
			)
	);

test('the page stays responsive (no task over 100 ms) while the ERF of dilated stacks computes', async ({
	page
}) => {
	const errors = watchErrors(page);
	await watchLongTasks(page);
	await countRenders(page);
	await page.goto('/receptive-field/?arch=custom&layers=c3&weights=random&act=relu');
	await expect(page.getByTestId('erf-numbers')).toBeVisible();
	await expect(page.getByTestId('erf-depth')).toBeVisible();
	const code = page.getByTestId('builder-a-code');
	for (const layers of ['c31d2', 'c7d8']) {
		let since = 0;
		await afterRender(page, async () => {
			await code.fill(layers);
			await code.press('Enter');
			since = await afterPaint(page);
		});
		await expect(page.getByTestId('erf-depth')).toBeVisible();
		await expect(page.getByTestId('rf-caption')).toContainText('Custom stack A');
		expect(await longestSince(page, since), layers).toBeLessThanOrEqual(100);
	}
	// The built-in context-module preset, by its menu.
	let since = 0;
	await afterRender(page, async () => {
		await page.getByTestId('builder-a-preset').selectOption('dilated');
		since = await afterPaint(page);
	});
	await expect(page.getByTestId('erf-depth')).toBeVisible();
	expect(await longestSince(page, since), 'dilated preset').toBeLessThanOrEqual(100);
	expect(errors).toEqual([]);
});

test('c31d4 at the default size gives an ERF, not a WASM error; a stack over the limits is refused with its reason', async ({
	page
}) => {
	const errors = watchErrors(page);
	await countRenders(page);
	await page.goto('/receptive-field/?arch=custom&layers=c31d4');
	await expect(page.getByTestId('erf-numbers')).toBeVisible();
	await expect(page.getByRole('alert')).toHaveCount(0);
	// Two 31×31 convs dilated by 32: the first would run a 961-pixel kernel over the whole image.
	await page.getByTestId('builder-a-code').fill('c31d32,c31d32');
	await page.getByTestId('builder-a-code').press('Enter');
	await expect(page.getByTestId('erf-refused')).toContainText('working memory');
	expect(errors).toEqual([]);
});

test('a stack that runs out of image names the first layer with no output, in the alert and the caption', async ({
	page
}) => {
	// 512 px → two 8× pools → 8 px → a valid 31×31 conv has no output (layer 4); 5 and 6 neither
	await page.goto('/receptive-field/?arch=custom&layers=c3,p8,p8,c31pv,c3,c3');
	const alert = page.getByTestId('no-output');
	await expect(alert).toContainText('4 conv31×31 has no output');
	await expect(alert).toContainText('6 conv3×3 included');
	await expect(page.getByTestId('rf-caption')).toContainText('6 conv3×3: no output for a');
	await expect(page.getByTestId('rf-caption')).not.toContainText('Loading');
});
