import { expect, test } from '@playwright/test';
import { CHROMIUM_ARGS, testChromiumPath } from '../../scripts/chromium.js';
import { moreRenders, pictureVsCamera, thumbnailChange, watchErrors } from './fixtures';

// Chromium's fake camera: a moving test pattern, granted without a permission prompt.
test.use({
	launchOptions: {
		executablePath: testChromiumPath(),
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
	// Frames keep arriving and are the camera's: the maps take the camera's frame size (its 4:3
	// frames fitted to the working size, not the sample's) and move with its test pattern. How
	// many per second is the benchmark's business (`scripts/bench-pooling.mjs`: webcam maps/s).
	await moreRenders(page, 2);
	const video = await page
		.locator('video')
		.evaluate((v: HTMLVideoElement) => [v.videoWidth, v.videoHeight]);
	const scale = Math.min(1, 256 / Math.max(...video));
	const [width, height] = video.map((side) => Math.round(side * scale));
	await expect(page.getByTestId('image-info')).toContainText(`webcam · ${width}×${height}`);
	const firstFrame = await pictureVsCamera(page, 'map-before');
	expect([firstFrame.width, firstFrame.height]).toEqual([width, height]);
	await moreRenders(page, 3);
	await expect
		.poll(async () =>
			thumbnailChange(firstFrame.thumbnail, (await pictureVsCamera(page, 'map-before')).thumbnail)
		)
		.toBeGreaterThan(0.05);
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
