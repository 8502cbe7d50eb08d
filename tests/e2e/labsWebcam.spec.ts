import { expect, test, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, testChromiumPath } from '../../scripts/chromium.js';
import { watchErrors } from './fixtures';

// The invariance and fc-vs-conv labs on Chromium's fake camera: a moving test pattern, granted
// without a permission prompt.
test.use({
	launchOptions: {
		executablePath: testChromiumPath(),
		args: [...CHROMIUM_ARGS, '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream']
	},
	permissions: ['camera']
});

function pixels(page: Page, testid: string): Promise<string> {
	return page.evaluate((id) => {
		const node = document.querySelector(`[data-testid="${id}"]`);
		const canvas = node instanceof HTMLCanvasElement ? node : node?.querySelector('canvas');
		return canvas ? canvas.toDataURL() : '';
	}, testid);
}

async function openInvariance(page: Page) {
	await page.goto('/invariance/');
	await expect(page.getByTestId('shifted-maps')).toBeVisible();
}

async function openFcVsConv(page: Page) {
	await page.goto('/fc-vs-conv/');
	await expect(page.getByTestId('conv-shuffled')).toBeVisible();
}

async function curveDone(page: Page) {
	const chart = page.getByTestId('similarity-chart');
	await expect(chart).toHaveAttribute('data-rows', '33', { timeout: 60_000 });
	await expect(chart).toHaveAttribute('data-ms', /\d+/, { timeout: 60_000 });
}

test('the maps follow the frames and the curve still completes', async ({ page }) => {
	const errors = watchErrors(page);
	await openInvariance(page);
	await page.getByRole('button', { name: 'Webcam' }).click();
	await expect(page.getByTestId('image-info')).toContainText('webcam');
	// New frames keep drawing new maps. Counted, not timed: how many fit in a second depends on
	// the machine's load, and speed belongs in the benchmark, not in a test that can flake.
	const renders = await page.evaluate(
		() =>
			new Promise<number>((resolve) => {
				let n = 0;
				const on = () => {
					if (++n < 4) return;
					window.removeEventListener('convlab:rendered', on);
					resolve(n);
				};
				window.addEventListener('convlab:rendered', on);
			})
	);
	expect(renders).toBeGreaterThan(3);
	await curveDone(page);
	expect(errors).toEqual([]);
});

test('the shuffle experiment follows the frames', async ({ page }) => {
	const errors = watchErrors(page);
	await openFcVsConv(page);
	await page.getByRole('button', { name: 'Webcam' }).click();
	await expect(page.getByTestId('image-info')).toContainText('webcam');
	const first = await pixels(page, 'shuffle-original');
	await expect.poll(() => pixels(page, 'shuffle-original')).not.toBe(first);
	expect(errors).toEqual([]);
});
