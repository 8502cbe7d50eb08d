import { expect, test } from '@playwright/test';
import { afterRender, countRenders, openLab, watchErrors } from './fixtures';

test('?backend=cpu forces the CPU backend and says why', async ({ page }) => {
	const errors = watchErrors(page);
	await openLab(page, '?backend=cpu');
	await expect(page.getByTestId('backend-name')).toHaveText('cpu');
	await expect(page.getByTestId('backend-reason')).toContainText('?backend=cpu');
	expect(errors).toEqual([]);
});

test('switching backend in the Stats panel recomputes and updates the URL', async ({ page }) => {
	const errors = watchErrors(page);
	await countRenders(page);
	await openLab(page);
	await expect(page.getByTestId('backend-name')).toHaveText('wasm');
	const before = await page.getByTestId('dot-sum').textContent();
	// The switch sits in the Stats panel's details, behind its summary line.
	await page.getByTestId('stats').locator('summary').first().click();
	// a new feature map is computed on the new backend
	await afterRender(page, () => page.getByLabel('Backend').selectOption('cpu'));
	await expect(page.getByTestId('backend-name')).toHaveText('cpu');
	await expect(page).toHaveURL(/backend=cpu/);
	// same numbers on another backend
	await expect(page.getByTestId('dot-sum')).toHaveText(before!);
	await page.getByLabel('Backend').selectOption('auto');
	await expect(page.getByTestId('backend-name')).toHaveText('wasm');
	await expect(page).not.toHaveURL(/backend=/);
	expect(errors).toEqual([]);
});
