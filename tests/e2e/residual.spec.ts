import { expect, test, type Page } from '@playwright/test';
import { countRenders, downloadText, watchErrors } from './fixtures';

// /residual: plain and residual nets trained side by side in a worker; the lesion test on pause.

const observed = (page: Page) => page.evaluate(() => window.convlab?.observed('/residual/') ?? {});

const download = async (page: Page, name: string) =>
	(
		await downloadText(page, () =>
			page.getByRole('group', { name }).getByRole('button', { name: '.csv' }).click()
		)
	)
		.trim()
		.split('\n');

test('train, pause: lesion bars for each block of both nets; both exports parse', async ({
	page
}) => {
	const errors = watchErrors(page);
	await countRenders(page);
	await page.goto('/residual/?img=cat&size=128&depth=8&steps=400&present=1');
	await page.waitForFunction(() => (window as unknown as { renders: number }).renders > 0);
	await expect(page.getByTestId('block-ratio')).toContainText('% the size of its input');

	await page.getByTestId('train-toggle').click();
	await expect
		.poll(async () => Number(await page.getByTestId('train-step-count').textContent()), {
			timeout: 15_000
		})
		.toBeGreaterThanOrEqual(20);
	// Space pauses in presenter mode, as on /network
	await page.locator('main h1').click();
	await page.keyboard.press(' ');
	await expect(page.getByTestId('train-toggle')).toHaveText('Train');

	// 3 blocks at depth 8: a bar per block per net
	await expect(page.getByTestId('lesion-chart').locator('rect.bar')).toHaveCount(6, {
		timeout: 15_000
	});
	const o = await observed(page);
	expect(Number(o.step)).toBeGreaterThanOrEqual(20);

	const lesion = await download(page, 'Lesion study');
	expect(lesion[0]).toBe('variant,depth,deleted_block,test_accuracy');
	const rows = lesion.slice(1).map((l) => l.split(','));
	expect(rows.map((r) => `${r[0]} ${r[1]} ${r[2]}`)).toEqual([
		'plain 8 0',
		'plain 8 1',
		'plain 8 2',
		'plain 8 3',
		'residual 8 0',
		'residual 8 1',
		'residual 8 2',
		'residual 8 3'
	]);
	// the intact rows are the test accuracies the page publishes
	expect(Number(rows[0][3])).toBeCloseTo(Number(o.plainTestAccuracy), 5);
	expect(Number(rows[4][3])).toBeCloseTo(Number(o.residualTestAccuracy), 5);
	for (const r of rows) expect(Number(r[3])).toBeGreaterThanOrEqual(0);

	// after the lesion study, the worker's loss slice around both nets: 41 α each
	await expect(page.getByTestId('slice-sentence')).toContainText('on average for plain-8', {
		timeout: 15_000
	});
	const slice = await download(page, 'Loss slice');
	expect(slice[0]).toBe('variant,depth,alpha,loss,accuracy');
	expect(slice).toHaveLength(1 + 2 * 41);
	expect(slice[21].split(',').slice(0, 3)).toEqual(['plain', '8', '0']);

	// Train again: the worker answers at once (the study of the paused nets is dropped, not waited
	// for), and the next pause studies the nets at their new step
	const paused = Number(await page.getByTestId('train-step-count').textContent());
	await page.getByTestId('train-toggle').click();
	await expect
		.poll(async () => Number(await page.getByTestId('train-step-count').textContent()))
		.toBeGreaterThan(paused + 5);
	await page.getByTestId('train-toggle').click();
	await expect(page.getByTestId('train-toggle')).toHaveText('Train');
	// a batch already in flight may land after the press: the slice is for the step shown last
	await expect
		.poll(
			async () => {
				const step = await page.getByTestId('train-step-count').textContent();
				const sentence = await page.getByTestId('slice-sentence').textContent();
				return sentence?.includes(`(step ${step})`);
			},
			{ timeout: 15_000 }
		)
		.toBe(true);

	const curves = await download(page, 'Training curves');
	expect(curves[0]).toBe('variant,depth,step,train_loss,train_accuracy,test_accuracy');
	const plainSteps = curves.slice(1).filter((l) => l.startsWith('plain,8,'));
	expect(plainSteps.length).toBeGreaterThanOrEqual(20);
	expect(Number(plainSteps[1].split(',')[3])).toBeGreaterThan(0);
	expect(errors).toEqual([]);
});
