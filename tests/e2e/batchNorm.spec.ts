import { expect, test, type Page } from '@playwright/test';
import { countRenders, downloadText, watchErrors } from './fixtures';

// /batch-norm: the three variants train in a worker; the curves, the bands and the image panel
// appear; the "Training curves" .csv parses with its contract header; no page error.

const observed = (page: Page) =>
	page.evaluate(() => window.convlab?.observed('/batch-norm/') ?? {});

test('trains the three variants, draws curves and bands, exports the training curves', async ({
	page
}) => {
	const errors = watchErrors(page);
	await countRenders(page);
	// The page's WASM binary comes late (a slow network): the image is there long before the
	// backend, and the image panel's job must wait for it (it once failed with "Backend
	// 'undefined' has not yet been initialized").
	let held = false;
	await page.route('**/*.wasm', async (route) => {
		if (!held) {
			held = true;
			await new Promise((resolve) => setTimeout(resolve, 1500));
		}
		await route.continue().catch(() => {});
	});
	await page.goto('/batch-norm/?img=cat&size=128&unit=5');
	await expect(page.getByTestId('batch-panel')).toBeVisible();
	await page.waitForFunction(() => (window as unknown as { renders: number }).renders > 0);
	await expect(page.getByText(/lab failed/)).toHaveCount(0);
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

	const text = await downloadText(page, () =>
		page
			.getByRole('group', { name: 'Training curves' })
			.getByRole('button', { name: '.csv' })
			.click()
	);
	const lines = text.trim().split('\n');
	expect(lines[0]).toBe('variant,lr,step,train_loss,test_accuracy,p15,p50,p85');
	const rows = lines.slice(1).map((l) => l.split(','));
	expect(new Set(rows.map((r) => r[0]))).toEqual(new Set(['plain', 'bn', 'noisy-bn']));
	for (const r of rows) expect(r[1]).toBe('0.5');
	const bn = rows.filter((r) => r[0] === 'bn');
	// step 0: test accuracy only; then one row per step with its loss and percentiles
	expect(bn[0].slice(2, 5)).toEqual(['0', '', bn[0][4]]);
	expect(Number(bn[0][4])).toBeGreaterThan(0);
	// BN's accuracy on population statistics (Algorithm 2), shown beside it: a .csv of its own
	const population = await downloadText(page, () =>
		page
			.getByRole('group', { name: 'Population accuracy' })
			.getByRole('button', { name: /\.csv/ })
			.click()
	);
	const populationRows = population.trim().split('\n');
	expect(populationRows[0]).toBe('variant,lr,step,test_accuracy_population');
	const bnAtStart = populationRows.find((l) => l.startsWith('bn,0.5,0,'));
	expect(Number(bnAtStart?.split(',')[3])).toBeGreaterThan(0);
	expect(populationRows.some((l) => l.startsWith('plain,'))).toBe(false);
	await expect(page.getByTestId('population-accuracy-bn')).toHaveText(
		`(population ${(100 * Number(bnAtStart?.split(',')[3])).toFixed(1)} %)`
	);
	const step5 = bn.find((r) => r[2] === '5')!;
	const [loss, , p15, p50, p85] = step5.slice(3).map(Number);
	expect(loss).toBeGreaterThan(0);
	expect(p15).toBeLessThanOrEqual(p50);
	expect(p50).toBeLessThanOrEqual(p85);
	// the trained weights: one JSON file, TF.js weight specs and base64 float32 per variant
	const json = await downloadText(page, () =>
		page.getByRole('button', { name: 'Trained weights (.json)' }).click()
	);
	const file = JSON.parse(json);
	expect(file.format).toBe('convlab-weights/1');
	expect(file.step).toBe(Number((await observed(page)).step));
	const specs = file.variants.bn.weightSpecs as { shape: number[] }[];
	const values = specs.reduce((n, s) => n + s.shape.reduce((a, b) => a * b, 1), 0);
	expect(Buffer.from(file.variants.bn.weightData, 'base64').length).toBe(4 * values);
	// the written answer quotes the followed unit's numbers
	await expect(page.getByTestId('formula')).toContainText('Unit 5 of hidden layer 3');
	expect(errors).toEqual([]);
});

test('BN in a CNN: starts when asked, trains four CNNs one step, exports their curves', async ({
	page
}) => {
	const errors = watchErrors(page);
	await page.goto('/batch-norm/?img=cat&size=128&cnn_x=2&cnn_lr=0.001');
	const cnn = page.getByTestId('cnn-training');
	await expect(cnn.getByRole('heading')).toHaveText('BN in a CNN: 1× and 2× the rate');
	await cnn.getByRole('button', { name: 'Start the CNN comparison' }).click();
	const step = cnn.getByRole('button', { name: 'Step one batch' });
	await expect(step).toBeEnabled({ timeout: 30_000 });
	await step.click();
	await expect(cnn.getByTestId('cnn-step-count')).toHaveText('1');
	const text = await downloadText(page, () =>
		page.getByRole('group', { name: 'CNN curves' }).getByRole('button', { name: '.csv' }).click()
	);
	const lines = text.trim().split('\n');
	expect(lines[0]).toBe('variant,lr,step,train_loss,test_accuracy,p15,p50,p85');
	const rows = lines.slice(1).map((l) => l.split(','));
	expect(new Set(rows.map((r) => r[0]))).toEqual(new Set(['cnn', 'cnn-bn', 'cnn-x2', 'cnn-bn-x2']));
	const fast = rows.find((r) => r[0] === 'cnn-bn-x2' && r[2] === '1')!;
	expect(fast[1]).toBe('0.002');
	expect(Number(fast[3])).toBeGreaterThan(0);
	expect(errors).toEqual([]);
});
