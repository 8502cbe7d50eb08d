import { expect, test } from '@playwright/test';
import { openLab, watchErrors } from './fixtures';

test('after one visit the lab starts with no network (service worker cache)', async ({
	page,
	context
}) => {
	const errors = watchErrors(page);
	await openLab(page);
	await page.evaluate(async () => {
		const registration = await navigator.serviceWorker.ready;
		// wait until every asset is cached (install finished and the worker is active)
		while (registration.active?.state !== 'activated') await new Promise((r) => setTimeout(r, 100));
	});
	await context.setOffline(true);
	await page.goto('/convolution/?img=coffee&kernel=laplacian&k=5');
	await expect(page.getByTestId('feature-map')).toBeVisible();
	await expect(page.getByTestId('image-info')).toContainText('coffee');
	await expect(page.getByTestId('backend-name')).toHaveText('wasm');
	await page.getByRole('button', { name: /Falcon 9/ }).click();
	await expect(page.getByTestId('image-info')).toContainText('rocket');
	await context.setOffline(false);
	expect(errors).toEqual([]);
});
