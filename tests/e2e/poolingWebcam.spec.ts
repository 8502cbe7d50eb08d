import { expect, test } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumPath } from '../../scripts/chromium.js';
import { watchErrors } from './fixtures';

// Chromium's fake camera: a moving test pattern, granted without a permission prompt.
test.use({
	launchOptions: {
		executablePath: chromiumPath(),
		args: [...CHROMIUM_ARGS, '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream']
	},
	permissions: ['camera']
});

test('the pooling lab runs on webcam frames, and the tensor count stays put', async ({ page }) => {
	const errors = watchErrors(page);
	await page.goto('/pooling/?size=256');
	await expect(page.getByTestId('map-pooled')).toBeVisible();
	await page.getByRole('button', { name: 'Webcam' }).click();
	await expect(page.getByTestId('image-info')).toContainText('webcam');
	const renders = () =>
		page.evaluate(
			() =>
				new Promise<number>((resolve) => {
					let n = 0;
					const on = () => n++;
					window.addEventListener('convlab:rendered', on);
					setTimeout(() => {
						window.removeEventListener('convlab:rendered', on);
						resolve(n);
					}, 1000);
				})
		);
	expect(await renders()).toBeGreaterThan(3);
	const tensors = () => page.evaluate(() => window.convlab!.tf.memory().numTensors);
	const first = await tensors();
	await page.waitForTimeout(1500);
	// Each frame makes and frees its own input; a frame in flight holds at most its two outputs
	// (maps and pooled map) for the length of a readback. Anything more would be a leak.
	expect(Math.abs((await tensors()) - first)).toBeLessThanOrEqual(2);
	await page.getByRole('button', { name: 'Stop camera' }).click();
	await expect(page.getByRole('button', { name: 'Webcam' })).toBeVisible();
	expect(errors).toEqual([]);
});
