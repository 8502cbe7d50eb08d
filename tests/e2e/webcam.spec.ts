import { expect, test } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumPath } from '../../scripts/chromium.js';
import { openLab, watchErrors } from './fixtures';

// Chromium's fake camera: a moving test pattern, granted without a permission prompt.
test.use({
	launchOptions: {
		executablePath: chromiumPath(),
		args: [...CHROMIUM_ARGS, '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream']
	},
	permissions: ['camera']
});

test('webcam frames flow into the lab; pause freezes them; stop returns to a still image', async ({
	page
}) => {
	const errors = watchErrors(page);
	await openLab(page);
	await page.getByRole('button', { name: 'Webcam' }).click();
	await expect(page.getByTestId('image-info')).toContainText('webcam');
	await expect(page.getByTestId('webcam-fps')).toHaveText(/[1-9]\d* fps/, { timeout: 15_000 });

	const count = () =>
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
	expect(await count()).toBeGreaterThan(3);

	await page.getByRole('button', { name: 'Pause' }).click();
	await expect(page.getByTestId('webcam-fps')).toHaveText('paused');
	expect(await count()).toBe(0);

	await page.getByRole('button', { name: 'Resume' }).click();
	expect(await count()).toBeGreaterThan(3);
	await page.getByRole('button', { name: 'Stop camera' }).click();
	await expect(page.getByRole('button', { name: 'Webcam' })).toBeVisible();
	expect(errors).toEqual([]);
});

test('webcam frames come at the working size, with the camera resolution shown', async ({
	page
}) => {
	const errors = watchErrors(page);
	await openLab(page);
	await page.getByRole('button', { name: 'Webcam' }).click();
	await expect(page.getByTestId('webcam-resolution')).toHaveText(/^\d+×\d+$/, { timeout: 15_000 });
	// the longer side is the working size (512), not a fixed small webcam size
	await expect(page.getByTestId('feature-map')).toHaveAttribute('data-width', '512');
	await expect(page).toHaveURL(/img=webcam/);
	await page.getByLabel('Working size').selectOption('256');
	await expect(page.getByTestId('feature-map')).toHaveAttribute('data-width', '256');
	await expect(page.getByTestId('image-info')).toContainText('256×');
	await page.getByRole('button', { name: 'Stop camera' }).click();
	expect(errors).toEqual([]);
});
