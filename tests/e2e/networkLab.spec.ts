import { expect, test, type Page } from '@playwright/test';
import { followLink, settledTensors, watchErrors } from './fixtures';

// /network on the lab runtime: a same-route link (D1), hide flags, and leaving during a slow
// model download (D2).

// The trained model may not ship in every checkout: its absence is a 404 the page handles.
const benign = (e: string) => /Failed to load resource.*404/.test(e);

/** What the lab published, less the test-set accuracy (the confusion matrix comes seconds later). */
async function observed(page: Page) {
	const all = await page.evaluate(() => window.convlab?.observed('/network/') ?? {});
	delete all.testAccuracy;
	return all;
}

// Fashion-MNIST's test labels (t10k-labels-idx1-ubyte): image 3 is a trouser, image 10 a coat.
// Layer 1 is the first conv's batch norm (16 maps, 'same' padding: 28×28); layer 4 the second
// conv (32 maps) after a 2×2 pool: 14×14.
const FIRST = '/network/?src=test&test=3&unit=1,2,5,6';
const SECOND = '/network/?src=test&test=10&range=unit&unit=4,1,3,2';

// A route cannot see what a service worker serves from its cache (the worker is tested in
// offline.spec): the D2 test below holds the selfie download with one.
test.use({ serviceWorkers: 'block' });

test('a same-route link shows what a fresh load of its address shows; back returns', async ({
	page
}) => {
	const errors = watchErrors(page);
	await page.goto(FIRST);
	await expect.poll(async () => (await observed(page)).unitValue ?? null).not.toBeNull();
	await expect.poll(async () => (await observed(page)).trueClass).toBe('Trouser');
	const first = await observed(page);
	expect(first.unitLayerShape).toBe('28×28×16');

	await followLink(page, SECOND);
	await expect(page.getByTestId('test-index')).toHaveValue('10');
	await expect(page.getByTestId('range-unit')).toHaveAttribute('aria-pressed', 'true');
	await expect.poll(async () => (await observed(page)).trueClass).toBe('Coat');
	await expect.poll(async () => (await observed(page)).unitLayerShape).toBe('14×14×32');
	const viaLink = await observed(page);

	await page.goBack();
	await expect(page.getByTestId('test-index')).toHaveValue('3');
	await expect.poll(() => observed(page)).toEqual(first);

	await page.goto(SECOND);
	await expect(page.getByTestId('test-index')).toHaveValue('10');
	await expect.poll(() => observed(page)).toEqual(viaLink);
	expect(errors.filter((e) => !benign(e))).toEqual([]);
});

test('hide flags hide the network switch, the colour range and the training settings, and raise no notice', async ({
	page
}) => {
	await page.goto('/network/?model_hide=1&range_hide=1&lr_hide=1&batch_hide=1');
	await expect(page.getByTestId('layer-canvas-0')).toBeVisible({ timeout: 60_000 });
	await expect(page.getByTestId('model-selfie')).toBeHidden();
	await expect(page.getByTestId('range-unit')).toBeHidden();
	await expect(page.getByTestId('train-lr-slider')).toBeHidden();
	await expect(page.getByTestId('train-batch')).toBeHidden();
	await expect(page.getByTestId('train-toggle')).toBeVisible();
	await expect(page.getByTestId('src-test')).toBeVisible();
	await expect(page.getByText('Ignored')).toHaveCount(0);
	await page.getByTestId('src-test').click();
	await expect(page).toHaveURL(/src=test/);
	await expect(page).toHaveURL(/range_hide=1/);
});

test('leaving the lab while the selfie network downloads leaves the tensor count at its baseline (D2)', async ({
	page
}) => {
	// The engine starts on a lab; the baseline is what it holds once that lab is left.
	await page.goto('/pooling/');
	await expect(page.getByTestId('map-pooled')).toBeVisible();
	await followLink(page, '/');
	const baseline = await settledTensors(page, 4);
	// The weights arrive only once the learner has left.
	let release = () => {};
	const held = new Promise<void>((resolve) => (release = resolve));
	let asked = false;
	await page.route('**/models/selfie/**', async (route) => {
		asked = true;
		await held;
		await route.continue().catch(() => {});
	});
	await followLink(page, '/network/?model=selfie');
	await expect(page.getByTestId('model-selfie')).toHaveAttribute('aria-pressed', 'true');
	await expect.poll(() => asked).toBe(true);
	await followLink(page, '/');
	await expect(page.getByTestId('model-selfie')).toHaveCount(0);
	const finished = page.waitForEvent('requestfinished', (r) => r.url().endsWith('selfie.bin'));
	release();
	await finished;
	// The network is built a moment after its weights arrive: count once the count is still.
	expect(await settledTensors(page, 4)).toBe(baseline);
});

test('the test-set accuracy is published once the confusion matrix is complete, as its heading says', async ({
	page
}) => {
	test.setTimeout(120_000);
	await page.goto('/network/');
	const title = page.getByTestId('confusion-title');
	await expect(title).toHaveText(/^Test set: [\d.]+ % correct$/, { timeout: 90_000 });
	const percent = Number((await title.textContent())!.match(/([\d.]+) %/)![1]);
	const accuracy = (await page.evaluate(() => window.convlab!.observed('/network/')))
		.testAccuracy as number;
	expect((100 * accuracy).toFixed(1)).toBe(percent.toFixed(1));
});
