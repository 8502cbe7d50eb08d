// A stalled or failing .wasm download (a crowded workshop wifi) must not hang the labs: the
// backend start times out (shortened here by a test hook), falls back to CPU, and the Stats
// panel and a notice say why.
import { expect, test } from '@playwright/test';

test.use({ serviceWorkers: 'block' });

for (const [what, answer] of [
	['never answers', null],
	['fails outright (404)', 404]
] as const) {
	test(`a .wasm download that ${what}: the lab renders on CPU and says why`, async ({ page }) => {
		await page.addInitScript(() => {
			(window as unknown as { convlabBackendTimeoutMs: number }).convlabBackendTimeoutMs = 1500;
		});
		await page.route('**/*.wasm', (route) => {
			if (answer !== null) void route.fulfill({ status: answer, body: 'gone' });
			// else: left hanging, as a stalled download is
		});
		await page.goto('/convolution/');
		await expect(page.getByTestId('feature-map')).toBeVisible();
		await expect(page.getByTestId('backend-name')).toHaveText('cpu');
		const why = answer === null ? /wasm did not start within 2 s/ : /wasm did not start/;
		await expect(page.getByTestId('url-notices')).toContainText(why);
		await expect(page.getByTestId('url-notices')).toContainText('running on cpu instead');
		await page.getByTestId('stats').locator('summary').first().click();
		await expect(page.getByTestId('backend-reason')).toContainText('fell back');
		await expect(page.getByTestId('backend-reason')).toContainText(why);
	});
}
