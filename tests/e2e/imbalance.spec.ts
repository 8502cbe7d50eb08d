import { expect, test, type Page } from '@playwright/test';
import { countRenders, downloadText, watchErrors } from './fixtures';

// /imbalance: make a class rare, train briefly, toggle a remedy, the exports parse.

const observed = (page: Page) => page.evaluate(() => window.convlab?.observed('/imbalance/') ?? {});

const download = (page: Page, name: string) =>
	downloadText(page, () => page.getByRole('button', { name }).click());

test('ρ from the slider, Train pauses itself at `steps`, logit adjustment toggled, exports parse', async ({
	page
}) => {
	test.setTimeout(90_000);
	const errors = watchErrors(page);
	await countRenders(page);
	// the baseline alone trains (one model: quick); logit adjustment is post-hoc on it
	// `steps=2`: a Train press stops on its own after two batches (the flow, not the figures)
	await page.goto(
		'/imbalance/?weights=false&oversample=false&undersample=false&adjust=false&steps=2'
	);
	await page.getByTestId('ratio').fill('20');
	await expect(page).toHaveURL(/ratio=20/);
	await expect(page.getByTestId('summary-table')).toBeVisible({ timeout: 90_000 });
	await expect.poll(async () => (await observed(page)).rareTrainingImages).toBe(30); // 590 / 20

	// Train runs to the step limit and pauses itself: the evaluation after the pause is on screen
	await page.getByTestId('train-toggle').click();
	await expect.poll(async () => (await observed(page)).step, { timeout: 60_000 }).toBe(2);
	await expect(page.getByTestId('train-step-count')).toHaveText('2');
	await expect(page.getByTestId('train-toggle')).toHaveText('Train');

	// logit adjustment: a new row at once, no retraining (the step count stays)
	await page.getByTestId('remedy-adjust').check();
	await expect(page.locator('tr[data-variant="logit-adjustment"]')).toBeVisible();
	expect((await observed(page)).step).toBe(2);
	await expect(page.getByTestId('paradox')).toContainText('30 Shirt images');

	// the rare class's recall at every evaluation of the run (step 0, 1 and 2: one per Step/stop)
	await expect(page.getByTestId('recall-history-chart')).toBeVisible();
	const byStep = (
		await downloadText(page, () =>
			page.getByRole('group', { name: 'Recall by step chart' }).getByText('.csv').click()
		)
	)
		.trim()
		.split('\n');
	expect(byStep[0]).toBe('step,Baseline,Logit adjustment');
	expect(byStep.at(-1)?.split(',')[0]).toBe('2');
	// logit adjustment was off until step 2: NaN before (as NumPy and pandas read it)
	expect(byStep.slice(1).map((row) => row.split(',')[2] === 'NaN')).toEqual([
		...Array(byStep.length - 2).fill(true),
		false
	]);
	for (const row of byStep.slice(1))
		for (const cell of row.split(',').slice(1))
			if (cell !== 'NaN') expect(Number(cell)).toBeGreaterThanOrEqual(0);

	const metrics = (await download(page, 'Per-class metrics (.csv)')).trim().split('\n');
	expect(metrics[0]).toBe('variant,ratio,class,precision,recall,f1,support');
	expect(metrics).toHaveLength(1 + 2 * 10);
	expect(metrics.map((l) => l.split(',')[0]).slice(1)).toEqual([
		...Array(10).fill('baseline'),
		...Array(10).fill('logit-adjustment')
	]);
	for (const line of metrics.slice(1)) {
		const [, ratio, c, , , , support] = line.split(',');
		expect(ratio).toBe('20');
		expect(Number(c)).toBeGreaterThanOrEqual(0);
		expect(Number(support)).toBe(1000);
	}
	expect(metrics.join()).not.toContain('NaN');
	const curves = (await download(page, 'Curves (.csv)')).trim().split('\n');
	expect(curves[0]).toBe('variant,ratio,class,curve,threshold,x,y');
	const confusion = (await download(page, 'Confusion matrices (.csv)')).trim().split('\n');
	expect(confusion).toHaveLength(1 + 2 * 100);
	expect(errors).toEqual([]);
});

test('two variants train in two workers and show one evaluation: Train to `steps`, then Step, then the SGD recipe, then the long run', async ({
	page
}) => {
	test.setTimeout(90_000);
	const errors = watchErrors(page);
	// count the training workers the page makes
	await page.addInitScript(() => {
		const Real = window.Worker;
		(window as unknown as { __workers: string[] }).__workers = [];
		window.Worker = class extends Real {
			constructor(url: string | URL, options?: WorkerOptions) {
				super(url, options);
				(window as unknown as { __workers: string[] }).__workers.push(String(url));
			}
		};
	});
	await page.goto('/imbalance/?oversample=false&undersample=false&adjust=false&steps=3');
	await expect(page.getByTestId('summary-table')).toBeVisible({ timeout: 90_000 });
	const workers = await page.evaluate(() => Math.min(2, navigator.hardwareConcurrency));
	await page.getByTestId('train-toggle').click();
	await expect.poll(async () => (await observed(page)).step, { timeout: 60_000 }).toBe(3);
	// one evaluation of both variants at the same step (each shard's own, merged)
	await expect(page.locator('tr[data-variant="class-weights"]')).toBeVisible();
	await expect(page.getByTestId('train-toggle')).toHaveText('Train');
	await page.getByRole('button', { name: 'Step one batch' }).click();
	await expect.poll(async () => (await observed(page)).step, { timeout: 60_000 }).toBe(4);
	await expect(page.getByTestId('train-step-count')).toHaveText('4');
	// the other recipe: every variant starts again from step 0 with SGD, and its steps are drawn
	await page.getByTestId('recipe').selectOption('sgd');
	await expect(page).toHaveURL(/recipe=sgd/);
	await expect(page.getByTestId('recipe-words')).toHaveText(
		'SGD with momentum 0.9 from 0.05, dropout 0.25, PyTorch’s initialisation'
	);
	await expect.poll(async () => (await observed(page)).step, { timeout: 60_000 }).toBe(0);
	await expect(page.getByTestId('train-step-count')).toHaveText('0');
	await page.getByRole('button', { name: 'Step one batch' }).click();
	await expect.poll(async () => (await observed(page)).step, { timeout: 60_000 }).toBe(1);
	await expect(page.locator('tr[data-variant="class-weights"]')).toBeVisible();
	// the explanation's experiment: the same settings, afresh, four times the default run's length
	await page.getByTestId('train-longer').click();
	await expect(page).toHaveURL(/steps=3440/);
	await expect(page).toHaveURL(/recipe=sgd/);
	await expect(page.getByTestId('steps')).toHaveValue('3440');
	await expect(page.getByTestId('train-toggle')).toHaveText('Pause');
	await expect.poll(async () => (await observed(page)).step, { timeout: 60_000 }).toBe(0);
	await expect
		.poll(async () => Number(await page.getByTestId('train-step-count').textContent()))
		.toBeGreaterThan(1);
	// Pause shows at once; Step waits for both workers to reach the common stop, then both take it
	await page.getByTestId('train-toggle').click();
	await expect(page.getByTestId('train-toggle')).toHaveText('Train');
	await expect(page.getByTestId('train-step')).toBeEnabled();
	const stopped = Number(await page.getByTestId('train-step-count').textContent());
	await page.getByTestId('train-step').click();
	await expect.poll(async () => (await observed(page)).step, { timeout: 60_000 }).toBe(stopped + 1);
	expect(
		await page.evaluate(() => performance.getEntriesByType('resource').length)
	).toBeGreaterThan(0);
	expect(workers).toBeGreaterThanOrEqual(1);
	expect(errors).toEqual([]);
});
