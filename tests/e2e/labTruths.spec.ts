import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
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
		await afterRender(page, () => page.getByTestId('bank-add').click());
		// the shown map pointed past the bank once: "channel 4 is outside [0, 3]"
		expect(errors).toEqual([]);
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

/** The small-shift chart's data, from its .csv button: the header and the rows. */
async function shiftCsv(page: Page): Promise<{ columns: string[]; rows: number[][] }> {
	await expect(page.getByTestId('shift-summary')).toContainText('global max');
	const download = page.waitForEvent('download');
	await page
		.getByRole('group', { name: 'Shift chart' })
		.getByRole('button', { name: '.csv' })
		.click();
	const lines = readFileSync(await (await download).path(), 'utf8')
		.trimEnd()
		.split('\n');
	return {
		columns: lines[0].split(','),
		rows: lines.slice(1).map((line) => line.split(',').map(Number))
	};
}

for (const size of [128, 256, 512]) {
	test(`/pooling at working size ${size}: the conv map changes most, the pooled map less, the global max hardly (read from the chart's .csv)`, async ({
		page
	}) => {
		await page.goto(`/pooling/?size=${size}`);
		await expect(page.getByTestId('map-pooled')).toBeVisible();
		const { columns, rows } = await shiftCsv(page);
		expect(columns).toEqual([
			'"shift (px',
			' image moves left)"',
			'conv map (no pooling)',
			'max pooled',
			'global max (reference)'
		]);
		expect(rows.map((r) => r[0])).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
		const [, conv, pooled, global] = rows[1];
		expect(conv).toBeGreaterThan(pooled);
		expect(pooled).toBeGreaterThan(global);
		expect(global).toBeLessThan(0.02);
	});
}

test('/convolution: the histogram and the row profile give their data as .csv with a header row', async ({
	page
}) => {
	await page.goto('/convolution/');
	await expect(page.getByTestId('histogram')).toBeVisible();
	await expect(page.getByTestId('row-profile')).toBeVisible();
	const csvOf = async (group: string) => {
		const download = page.waitForEvent('download');
		await page.getByRole('group', { name: group }).getByRole('button', { name: '.csv' }).click();
		return readFileSync(await (await download).path(), 'utf8')
			.trimEnd()
			.split('\n');
	};
	const histogram = await csvOf('Histogram');
	expect(histogram[0]).toBe('bin_start,bin_end,count');
	// the cat at 451×300: every output value is counted once
	const counted = histogram.slice(1).reduce((sum, line) => sum + Number(line.split(',')[2]), 0);
	expect(counted).toBe(451 * 300);
	const profile = await csvOf('Row profile');
	expect(profile[0]).toBe('input column (px),"input luma, row 150","output, row 150"');
	expect(profile).toHaveLength(1 + 451);
});
