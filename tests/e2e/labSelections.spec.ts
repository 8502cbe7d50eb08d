import { expect, test, type Page } from '@playwright/test';
import { afterRender, countRenders, makeTestPng, upload, watchErrors } from './fixtures';

/*
 * What a learner does that once broke these labs: removing the shown kernel's slot and adding
 * one back (the shown map pointed past the bank: "channel 4 is outside [0, 3]"), a thin image on
 * /invariance, and the small-shift experiment at the small working sizes.
 */

const FIVE = 'bank=sobel-x,sobel-y,laplacian,box,gaussian&map=5';

for (const [lab, ready] of [
	['invariance', 'shifted-maps'],
	['pooling', 'map-pooled']
] as const) {
	test(`/${lab}: removing the shown map's kernel, then adding one, keeps a valid selection`, async ({
		page
	}) => {
		const errors = watchErrors(page);
		await countRenders(page);
		await page.goto(`/${lab}/?${FIVE}`);
		await expect(page.getByTestId(ready)).toBeVisible();
		await afterRender(page, () => page.getByRole('button', { name: 'Remove kernel 5' }).click());
		await expect(page).toHaveURL(/map=4/);
		await afterRender(page, () => page.getByTestId('bank-add').click());
		await afterRender(page, () => page.getByRole('button', { name: 'Remove kernel 1' }).click());
		// map 4 was the 4th kernel (box); with the 1st gone it is map 3
		await expect(page).toHaveURL(/map=3/);
		expect(errors).toEqual([]);
	});
}

test('/invariance explains an image too thin to measure, and the message goes with the next image', async ({
	page
}) => {
	const errors = watchErrors(page);
	await page.goto('/invariance/');
	await expect(page.getByTestId('shifted-maps')).toBeVisible();
	await upload(page, 'thin.png', 'image/png', makeTestPng(200, 3).png);
	await expect(page.getByRole('alert').filter({ hasText: 'at least 16×16 px' })).toContainText(
		'This image is 200×3 px'
	);
	await expect(page.getByText('correlation of empty arrays')).toHaveCount(0);
	await upload(page, 'square.png', 'image/png', makeTestPng(64, 64).png);
	await expect(page.getByTestId('shifted-maps')).toBeVisible();
	await expect(page.getByTestId('size-problem')).toHaveCount(0);
	expect(errors).toEqual([]);
});

/** The three percentages of the small-shift summary: conv, pooled, global max. */
async function shiftSummary(page: Page): Promise<number[]> {
	const summary = page.getByTestId('shift-summary');
	await expect(summary).toContainText('global max');
	const text = (await summary.textContent()) ?? '';
	return [...text.matchAll(/(\d+) %/g)].map((m) => Number(m[1]));
}

for (const size of [128, 256, 512]) {
	test(`/pooling at working size ${size}: the conv map changes most, the pooled map less, the global max hardly`, async ({
		page
	}) => {
		await page.goto(`/pooling/?size=${size}`);
		await expect(page.getByTestId('map-pooled')).toBeVisible();
		const [conv, pooled, global] = await shiftSummary(page);
		expect(conv).toBeGreaterThan(pooled);
		expect(pooled).toBeGreaterThan(global);
		expect(global).toBeLessThanOrEqual(2);
	});
}
