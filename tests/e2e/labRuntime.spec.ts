import { expect, test, type Page } from '@playwright/test';
import { followLink, watchErrors } from './fixtures';

// What every lab gets from the one runtime (src/lib/runtime): settings that follow the address
// on in-app navigation, hide flags, and the named numbers a lab publishes.

const observed = (page: Page, path: string) =>
	page.evaluate((p) => window.convlab?.observed(p) ?? {}, path);

async function settled(page: Page, path: string, key: string, value: unknown) {
	await expect.poll(async () => (await observed(page, path))[key]).toBe(value);
}

test('a same-route link shows what a fresh load of its address shows; back returns (D1)', async ({
	page
}) => {
	const errors = watchErrors(page);
	await page.goto('/pooling/?img=checkerboard&size=128');
	await expect(page.getByTestId('map-pooled')).toBeVisible();
	await expect.poll(async () => (await observed(page, '/pooling/')).pooledSize).toBeTruthy();
	const first = await observed(page, '/pooling/');

	await followLink(page, '/pooling/?img=checkerboard&size=128&psize=3&pstride=3&pool=avg');
	await expect(page).toHaveURL(/psize=3/);
	await expect(page.getByTestId('pool-size')).toHaveValue('3');
	await expect(page.getByTestId('pool-avg')).toHaveAttribute('aria-pressed', 'true');
	await expect
		.poll(async () => (await observed(page, '/pooling/')).pooledSize)
		.not.toBe(first.pooledSize);
	const viaLink = await observed(page, '/pooling/');

	await page.goBack();
	await expect(page.getByTestId('pool-size')).toHaveValue('2');
	await settled(page, '/pooling/', 'pooledSize', first.pooledSize);

	await page.goto('/pooling/?img=checkerboard&size=128&psize=3&pstride=3&pool=avg');
	await settled(page, '/pooling/', 'pooledSize', viaLink.pooledSize);
	expect(await observed(page, '/pooling/')).toEqual(viaLink);
	expect(errors).toEqual([]);
});

test('hide flags strip a lab to what matters, and raise no notice', async ({ page }) => {
	await page.goto('/pooling/?psize_hide=1&bank_hide=1&explain_hide=1');
	await expect(page.getByTestId('map-pooled')).toBeVisible();
	await expect(page.getByTestId('pool-size')).toBeHidden();
	await expect(page.getByTestId('bank-add')).toBeHidden();
	await expect(page.getByTestId('pool-stride')).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Pooling', level: 1 })).toBeVisible();
	await expect(page.getByText('Ignored')).toHaveCount(0);
	// The written answer is gone; the flags stay in the address, so a copied link keeps them.
	await expect(page.locator('.area.explain')).toHaveCount(0);
	await page.getByTestId('pool-stride').fill('3');
	await expect(page).toHaveURL(/pstride=3/);
	await expect(page).toHaveURL(/psize_hide=1/);
});

test('/fc-vs-conv: a same-route link sets N and k as a fresh load does', async ({ page }) => {
	await page.goto('/fc-vs-conv/');
	await settled(page, '/fc-vs-conv/', 'convParameters', 3 * 3 * 3 * 256 + 256);
	await followLink(page, '/fc-vs-conv/?k=5&units=64');
	// 5×5×3 weights for each of 64 kernels, plus 64 biases: counted by hand.
	await settled(page, '/fc-vs-conv/', 'convParameters', 5 * 5 * 3 * 64 + 64);
	await expect(page.getByRole('spinbutton', { name: 'Units or kernels N' })).toHaveValue('64');
	const viaLink = await observed(page, '/fc-vs-conv/');
	await page.goto('/fc-vs-conv/?k=5&units=64');
	await settled(page, '/fc-vs-conv/', 'convParameters', 5 * 5 * 3 * 64 + 64);
	await expect.poll(() => observed(page, '/fc-vs-conv/')).toEqual(viaLink);
});
