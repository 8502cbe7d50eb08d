/**
 * axe-core on every page and on the lab's main states: no serious or critical violation.
 */
import { expect, test, type Page } from '@playwright/test';
import { LABS } from '../../src/lib/labs';
import { axeViolations as allViolations, serious } from './axe';
import { countRenders, openLab, watchErrors } from './fixtures';

// axe-core goes in as an inline script, which the app's Content-Security-Policy rightly refuses.
test.use({ bypassCSP: true });

/**
 * Fails with the whole list, so one run shows every problem and where it is. Soft, so every
 * state of a test is still checked (and reported) after one of them fails.
 */
async function expectNoSeriousViolations(page: Page, state: string) {
	const violations = serious(await allViolations(page));
	const report = violations
		.map(
			(v) =>
				`[${v.impact}] ${v.id}: ${v.help}\n` +
				v.nodes
					.slice(0, 5)
					.map(
						(n) => `    at ${JSON.stringify(n.target)}: ${n.failureSummary?.split('\n').join(' ')}`
					)
					.join('\n')
		)
		.join('\n');
	expect.soft(violations, `axe, ${state}:\n${report}`).toEqual([]);
}

test('home page', async ({ page }) => {
	await page.goto('/');
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	await expectNoSeriousViolations(page, 'home');
});

test('convolution lab, default state', async ({ page }) => {
	await openLab(page);
	await expect(page.getByTestId('dot-product')).toBeVisible();
	const all = await allViolations(page);
	expect(serious(all).map((v) => `${v.id}: ${JSON.stringify(v.nodes[0]?.target)}`)).toEqual([]);
	// Moderate, but it is how a screen-reader user skims the page: no level skipped.
	const order = all.filter((v) => v.id === 'heading-order');
	expect(order.flatMap((v) => v.nodes.map((n) => n.target))).toEqual([]);
});

test('convolution lab after its main interactions', async ({ page }) => {
	const errors = watchErrors(page);
	await openLab(page);
	// A pixel selected by keyboard and by click.
	await page.getByTestId('feature-map').focus();
	await page.keyboard.press('PageDown');
	const box = (await page.getByTestId('feature-map').boundingBox())!;
	await page.mouse.click(box.x + box.width / 3, box.y + box.height / 3);
	await page.mouse.move(0, 0);
	await expectNoSeriousViolations(page, 'convolution, pixel selected');
	// RGB mode: three more maps.
	await page.getByRole('button', { name: 'RGB' }).click();
	await expect(page.getByLabel('Per-channel maps')).toBeVisible();
	await expectNoSeriousViolations(page, 'convolution, RGB');
	// Step-through played for a while.
	await page.getByTestId('step-play').click();
	await expect(page.getByTestId('step-count')).not.toHaveText(/^1 \//);
	await page.getByTestId('step-play').click();
	await expectNoSeriousViolations(page, 'convolution, step-through played');
	// The gradient view.
	await page.getByTestId('view-gradient').click();
	await expect(page.getByRole('group', { name: 'The two kernels' })).toBeVisible();
	await expectNoSeriousViolations(page, 'convolution, gradient magnitude');
	expect(errors).toEqual([]);
});

test('convolution lab on a phone and in projector mode', async ({ page }) => {
	await page.setViewportSize({ width: 390, height: 844 });
	await openLab(page);
	await expectNoSeriousViolations(page, 'convolution, 390×844');
	await page.setViewportSize({ width: 1920, height: 1080 });
	await page.getByRole('button', { name: 'Projector' }).click();
	await expect(page.locator('html')).toHaveClass(/projector/);
	await expectNoSeriousViolations(page, 'convolution, projector');
	await page.getByRole('button', { name: 'Projector' }).click();
});

test('workshop dialogs and presenter controls', async ({ page }) => {
	await openLab(page, '?present=1');
	await expectNoSeriousViolations(page, 'presenter controls');
	await page.getByTestId('show-qr').click();
	await expect(page.getByTestId('qr-dialog')).toBeVisible();
	await expectNoSeriousViolations(page, 'QR dialog open');
	await page.keyboard.press('Escape');
	await page.locator('main h1').click();
	await page.keyboard.press('?');
	await expect(page.getByTestId('key-help')).toBeVisible();
	await expectNoSeriousViolations(page, 'key help open');
	await page.keyboard.press('Escape');
	await page.getByTestId('high-contrast').click();
	await page.getByTestId('hide-explanations').click();
	await expectNoSeriousViolations(page, 'high contrast, explanations hidden');
});

test('credits page', async ({ page }) => {
	await page.goto('/credits/');
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	await expectNoSeriousViolations(page, 'credits');
});

test('interview page, an answer revealed and the working shown', async ({ page }) => {
	const errors = watchErrors(page);
	await page.goto('/interview/');
	await page.locator('#max-pooling').getByRole('button', { name: 'Reveal the answer' }).click();
	await page.getByRole('button', { name: 'Show the working' }).click();
	// One axe run: serious violations and the heading order (moderate, but how a screen reader skims).
	const violations = await allViolations(page);
	expect(serious(violations).map((v) => `${v.id}: ${JSON.stringify(v.nodes[0]?.target)}`)).toEqual(
		[]
	);
	expect(violations.filter((v) => v.id === 'heading-order')).toEqual([]);
	expect(errors).toEqual([]);
});

/**
 * Every other lab: its picture tapped and its prediction revealed, on a phone and projected. The
 * un-revealed prediction card (the one component, with its Reveal button) is checked on
 * /convolution's default state above; here one desktop pass covers the lab with its answer open.
 */
for (const lab of LABS.filter((l) => l.path !== '/convolution/')) {
	test(`${lab.title} lab: a tap on its picture and the prediction revealed, phone, projector`, async ({
		page
	}) => {
		const errors = watchErrors(page);
		await countRenders(page);
		await page.goto(lab.path);
		await page.waitForFunction(() => (window as unknown as { renders: number }).renders > 0);
		await expect(page.getByTestId('backend-name')).not.toHaveText('…');
		// Predict and reveal (issue 25): the answer opens with its verdict.
		const card = page.getByTestId('predict-card');
		const reveal = card.getByRole('button', { name: 'Reveal' });
		await expect(reveal).toBeVisible();
		const firstChoice = card.getByRole('radio').first();
		if ((await firstChoice.count()) > 0) await firstChoice.check();
		await reveal.click();
		await expect(card.getByTestId('prediction-answer')).toBeVisible();
		await expect(card.locator('.verdict')).toHaveText(/^(Measured on|The lab has not measured)/);
		const picture = page.locator('main canvas').first();
		await picture.scrollIntoViewIfNeeded();
		const box = (await picture.boundingBox())!;
		await page.mouse.click(box.x + box.width / 3, box.y + box.height / 3);
		await page.mouse.move(0, 0);
		// One axe run: serious violations, and the heading order (moderate, but how a screen-reader
		// user skims the page).
		const all = await allViolations(page);
		expect
			.soft(serious(all).map((v) => `${v.id}: ${JSON.stringify(v.nodes[0]?.target)}`))
			.toEqual([]);
		const order = all.filter((v) => v.id === 'heading-order');
		expect.soft(order.flatMap((v) => v.nodes.map((n) => n.target))).toEqual([]);
		await page.setViewportSize({ width: 390, height: 844 });
		await expectNoSeriousViolations(page, `${lab.title}, 390×844`);
		// Projector mode from its header button, as a presenter turns it on (no reload: present=1
		// from the address is the layout and workshop specs' business).
		await page.setViewportSize({ width: 1920, height: 1080 });
		await page.getByRole('button', { name: 'Projector' }).click();
		await expect(page.locator('html')).toHaveClass(/projector/);
		await expect(page.locator('main canvas').first()).toBeVisible();
		await expectNoSeriousViolations(page, `${lab.title}, projector`);
		expect(errors).toEqual([]);
	});
}
