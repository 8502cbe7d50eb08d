/**
 * Predict, then reveal, as a learner does it on two labs: a radio group on /normalization, a number
 * field on /convolution; "Reveal" shows and announces the lab's measured number and fires
 * convlab:revealed; the prediction stays on this device; a presenter's link (explain_hide=1) waits
 * for the click. Then the code for what is on screen. (Every lab's prediction renders in a11y.spec.)
 */
import { expect, test, type Page } from '@playwright/test';
import { axeViolations, serious } from './axe';
import { watchErrors } from './fixtures';

test.use({ bypassCSP: true });

interface Revealed {
	id: string;
	predicted: string | number | null;
	measured: string | number;
}

async function listenForReveals(page: Page) {
	await page.addInitScript(() => {
		const w = window as unknown as { revealed: unknown[] };
		w.revealed = [];
		window.addEventListener('convlab:revealed', (e) => w.revealed.push((e as CustomEvent).detail));
	});
}
const reveals = (page: Page) =>
	page.evaluate(() => (window as unknown as { revealed: Revealed[] }).revealed);
const observed = (page: Page, path: string) =>
	page.evaluate(
		(p) =>
			(
				window as unknown as { convlab?: { observed(p: string): Record<string, unknown> } }
			).convlab?.observed(p) ?? {},
		path
	);

/** axe on the prediction and the code listing (the rest of each lab is a11y.spec's). */
const seriousViolations = async (page: Page) =>
	serious(
		await axeViolations(page, ['[data-testid="prediction"]', '[data-testid="code-panel"]'])
	).map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`);

test('normalization: choose, Reveal, the measured κ ratio is announced and sent; a presenter waits', async ({
	page
}) => {
	const errors = watchErrors(page);
	await listenForReveals(page);
	await page.goto('/normalization/');
	const card = page.getByTestId('predict-card');
	await card.getByRole('radio', { name: 'the same' }).check();
	await card.getByRole('button', { name: 'Reveal' }).click();
	await expect.poll(() => reveals(page)).toHaveLength(1);
	const [detail] = await reveals(page);
	expect(detail.id).toBe('normalization-scaling');
	expect(detail.predicted).toBe('same');
	const o = await observed(page, '/normalization/');
	expect(detail.measured).toBeCloseTo((o.kappaRaw255 as number) / (o.kappaRaw01 as number), 9);
	await expect(page.getByTestId('prediction-announcer')).toContainText(
		'You predicted the same: right.'
	);
	await expect(card.getByText('The common misconception:')).toBeVisible();
	expect(await seriousViolations(page)).toEqual([]);

	// The presenter's link: the stored prediction is there, the answer is not, until the click.
	await page.goto('/normalization/?explain_hide=1');
	await expect(card.getByRole('radio', { name: 'the same' })).toBeChecked();
	await expect(page.getByTestId('prediction-answer')).toHaveCount(0);
	await card.getByRole('button', { name: 'Reveal' }).click();
	await expect(page.getByTestId('prediction-answer')).toBeVisible();
	expect(errors).toEqual([]);
});

test('convolution: a number, Reveal, the measured width; the code builds this layer', async ({
	page
}) => {
	const errors = watchErrors(page);
	await listenForReveals(page);
	await page.goto('/convolution/?k=5&stride=2&pad=1&dil=2');
	await expect.poll(async () => (await observed(page, '/convolution/'))?.outputWidth).toBeTruthy();
	const o = await observed(page, '/convolution/');
	const n = o.inputWidth as number;
	// By hand: ⌊(n + 2p − d(k − 1) − 1)/s⌋ + 1
	const width = Math.floor((n + 2 - 2 * 4 - 1) / 2) + 1;
	const field = page.getByRole('spinbutton', { name: /how many pixels wide is the feature map/ });
	await field.fill(String(width));
	await page.getByRole('button', { name: 'Reveal' }).click();
	await expect
		.poll(() => reveals(page))
		.toEqual([{ id: 'convolution-output-size', predicted: width, measured: width }]);
	await expect(page.getByTestId('prediction-announcer')).toHaveText(
		`Measured on your image: ${n} px in, ${width} px out. You predicted ${width} px: right.`
	);
	await page.getByText('Code for what is on screen').click();
	await expect(page.getByTestId('code-pytorch')).toContainText(
		'kernel_size=5, stride=2, padding=1, dilation=2'
	);
	await expect(page.getByTestId('code-pytorch')).toContainText(`, ${width})`);
	await expect(page.getByTestId('code-keras')).toContainText('layers.Lambda');
	expect(await seriousViolations(page)).toEqual([]);
	expect(errors).toEqual([]);
});
