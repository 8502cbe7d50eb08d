import { expect, test, type Page } from '@playwright/test';
import { countRenders, watchErrors } from './fixtures';

// /batch-norm: the three variants train in a worker; the curves, the bands and the image panel
// appear; the "Training curves" .csv parses with its contract header; no page error.

const observed = (page: Page) =>
	page.evaluate(() => window.convlab?.observed('/batch-norm/') ?? {});

test('trains the three variants, draws curves and bands, exports the training curves', async ({
	page
}) => {
	const errors = watchErrors(page);
	await countRenders(page);
	await page.goto('/batch-norm/?img=cat&size=128&unit=5');
	await expect(page.getByTestId('batch-panel')).toBeVisible();
	await page.waitForFunction(() => (window as unknown as { renders: number }).renders > 0);
	// step-0 accuracy of all three, near chance, before training
	await expect.poll(async () => (await observed(page)).accuracyBn).toBeGreaterThan(0);
	const toggle = page.getByTestId('train-toggle');
	await expect(toggle).toBeEnabled();
	await toggle.click();
	await expect.poll(async () => Number((await observed(page)).step)).toBeGreaterThanOrEqual(6);
	await toggle.click();
	await expect(toggle).toHaveText('Train');
	// a band per variant: three shaded areas with a median line each
	await expect(page.getByTestId('band-chart').locator('.bands path')).toHaveCount(3);
	await expect(page.getByTestId('accuracy-chart').locator('path').first()).toBeVisible();

	const download = page.waitForEvent('download');
	await page
		.getByRole('group', { name: 'Training curves' })
		.getByRole('button', { name: '.csv' })
		.click();
	let text = '';
	for await (const chunk of await (await download).createReadStream()) text += chunk;
	const lines = text.trim().split('\n');
	expect(lines[0]).toBe('variant,lr,step,train_loss,test_accuracy,p15,p50,p85');
	const rows = lines.slice(1).map((l) => l.split(','));
	expect(new Set(rows.map((r) => r[0]))).toEqual(new Set(['plain', 'bn', 'noisy-bn']));
	for (const r of rows) expect(r[1]).toBe('0.5');
	const bn = rows.filter((r) => r[0] === 'bn');
	// step 0: test accuracy only; then one row per step with its loss and percentiles
	expect(bn[0].slice(2, 5)).toEqual(['0', '', bn[0][4]]);
	expect(Number(bn[0][4])).toBeGreaterThan(0);
	const step5 = bn.find((r) => r[2] === '5')!;
	const [loss, , p15, p50, p85] = step5.slice(3).map(Number);
	expect(loss).toBeGreaterThan(0);
	expect(p15).toBeLessThanOrEqual(p50);
	expect(p50).toBeLessThanOrEqual(p85);
	// the written answer quotes the followed unit's numbers
	await expect(page.getByTestId('formula')).toContainText('Unit 5 of hidden layer 3');
	expect(errors).toEqual([]);
});
