import { expect, test, type Page } from '@playwright/test';
import { watchErrors } from './fixtures';

// What a learner, a screen-reader user and a phone user meet on /network beyond the maps.
const benign = (e: string) => /Failed to load resource.*404/.test(e);

async function open(page: Page, query = '') {
	await page.goto(`/network/${query}`);
	await expect(page.getByTestId('layer-canvas-0')).toBeVisible({ timeout: 60_000 });
}

test('training speaks to screen readers at most once per 3 s, and the slider has a name and a value', async ({
	page
}) => {
	test.setTimeout(120_000);
	// Every change of a live region (aria-live, status, alert, log), one per batch of mutations.
	await page.addInitScript(() => {
		const w = window as unknown as { liveChanges: number };
		w.liveChanges = 0;
		const live =
			'[aria-live]:not([aria-live="off"]), [role="status"], [role="alert"], [role="log"]';
		new MutationObserver((records) => {
			const hit = records.some((r) => {
				const node = r.target.nodeType === 1 ? (r.target as Element) : r.target.parentElement;
				return node?.closest(live);
			});
			if (hit) w.liveChanges++;
		}).observe(document, { subtree: true, childList: true, characterData: true });
	});
	await open(page, '?src=test&test=3');
	const panel = page.getByTestId('training-panel');
	await panel.scrollIntoViewIfNeeded();
	const slider = page.getByRole('slider', { name: 'Learning rate' });
	await expect(slider).toHaveAttribute(
		'aria-valuetext',
		(await page.getByTestId('train-lr').textContent())!
	);

	await page.getByTestId('train-toggle').click();
	await expect(page.getByTestId('train-toggle')).toHaveText('Pause', { timeout: 60_000 });
	const stepNow = async () => Number(await page.getByTestId('train-step-count').textContent());
	await expect.poll(stepNow, { timeout: 60_000 }).toBeGreaterThan(0);
	const before = await page.evaluate(
		() => (window as unknown as { liveChanges: number }).liveChanges
	);
	const firstStep = await stepNow();
	await page.waitForTimeout(9_000);
	const changes =
		(await page.evaluate(() => (window as unknown as { liveChanges: number }).liveChanges)) -
		before;
	expect(await stepNow()).toBeGreaterThan(firstStep + 3); // the numbers on screen did tick
	expect(changes).toBeLessThanOrEqual(3);
	await expect(page.getByTestId('train-announcement')).toContainText('Training started');

	// The heading quotes no accuracy for weights it has not measured
	await expect(page.getByTestId('weights-status')).toContainText('follow the live training');
	await expect(page.getByTestId('confusion-title')).not.toContainText('%');
	await page.getByTestId('train-toggle').click();
	await expect(page.getByTestId('train-announcement')).toContainText('Training paused: step');
});

test('when the training worker cannot start, the page says so and Train never turns into Pause', async ({
	page
}) => {
	await page.addInitScript(() => {
		window.Worker = class {
			constructor() {
				throw new DOMException('Workers are blocked here', 'SecurityError');
			}
		} as unknown as typeof Worker;
	});
	const errors = watchErrors(page);
	await open(page);
	await page.getByTestId('training-panel').scrollIntoViewIfNeeded();
	await expect(page.getByTestId('training-panel').getByRole('alert')).toContainText(
		'The training worker could not be started'
	);
	await expect(page.getByTestId('train-toggle')).toHaveText('Train');
	await expect(page.getByTestId('train-toggle')).toBeDisabled();
	// The test set still came (decoded on the page instead of a worker)
	await expect(page.locator('figcaption', { hasText: 'All 10,000 test images' })).toBeVisible({
		timeout: 60_000
	});
	expect(errors.filter((e) => !benign(e))).toEqual([]);
});

test('test images: the class with its article, an index out of range clamped with a note', async ({
	page
}) => {
	await open(page, '?src=test&test=0');
	// test image 0 of Fashion-MNIST is an ankle boot
	await expect(page.getByTestId('input-caption')).toHaveText('Test image 0: an Ankle boot');
	const index = page.getByTestId('test-index');
	await index.fill('12000');
	await index.press('Enter');
	await expect(page.getByTestId('test-index-note')).toHaveText(
		'The test set has 10,000 images, numbered 0–9,999: 12000 is not one of them, so image 9,999 is shown.'
	);
	await expect(index).toHaveValue('9999');
	await expect(page).toHaveURL(/test=9999/);
	await page.getByRole('button', { name: 'Previous test image' }).click();
	await expect(page.getByTestId('test-index-note')).toBeEmpty();
});

test('the explanation says what this network computes', async ({ page }) => {
	await open(page);
	const explanation = page.getByTestId('explain-dense');
	await explanation.scrollIntoViewIfNeeded({ timeout: 60_000 });
	await expect(explanation).toContainText('3×3×64 = 576 numbers');
	await expect(explanation).toContainText('Each of the 64 dense units sums all 576 of them');
	await expect(explanation).toContainText('weighted sum of those 64 dense units');
	await expect(page.getByTestId('explain-conv')).toContainText('with no bias');

	// A dense unit is described by its inputs (flatten entries), not by conv rows and columns
	await page.getByTestId('layer-canvas-13').focus();
	await page.keyboard.press('ArrowRight');
	await expect(page.getByTestId('dense-sum')).toContainText(
		'A weighted sum of all 576 inputs, plus a bias'
	);
	await expect(page.getByTestId('dense-sum')).toContainText('= pool3 map');
	await expect(page.getByTestId('dot-product')).toHaveCount(0);
	// and a conv1 unit, which has no bias, says so
	await page.getByTestId('layer-canvas-0').focus();
	await page.keyboard.press('ArrowRight');
	await expect(page.getByTestId('unit-sum')).toContainText('(no bias)');
});

test.describe('on a phone', () => {
	test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

	test('nothing scrolls sideways, and a tapped unit’s details are one tap away', async ({
		page
	}) => {
		await open(page);
		await page.getByTestId('explain-dense').scrollIntoViewIfNeeded({ timeout: 60_000 });
		await expect(page.locator('.katex').first()).toBeVisible();
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
			390
		);

		const canvas = page.getByTestId('layer-canvas-4');
		await canvas.scrollIntoViewIfNeeded();
		const box = (await canvas.boundingBox())!;
		await page.touchscreen.tap(box.x + 3, box.y + 3);
		const cue = page.getByTestId('unit-cue');
		await expect(cue).toBeInViewport();
		await cue.tap();
		await expect(page.getByTestId('unit-inspector')).toBeInViewport();
		await expect(cue).toBeHidden();
	});
});
