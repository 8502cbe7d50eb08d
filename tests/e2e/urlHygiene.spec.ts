/**
 * A hostile or mangled link: what was noticed as invalid or unknown leaves the address bar (so a
 * copied link carries only what is on screen), valid settings stay, and the notices stay short.
 */
import { expect, test } from '@playwright/test';
import { watchErrors } from './fixtures';

test('invalid and unknown settings are noticed, capped, and gone from the address bar', async ({
	page
}) => {
	const errors = watchErrors(page);
	const bad = 'k=99&stride=9&pad=x&dil=9&mode=x&clip=x&view=x&log=x&px=x';
	const shell = 'size=999&backend=quantum&contrast=ultra';
	await page.goto(
		`/convolution/?${bad}&${shell}&utm_source=mail&bogus=1&kernel=laplacian&img=coffee`
	);
	await expect(page.getByTestId('feature-map')).toBeVisible();
	await expect
		.poll(() => [...new URL(page.url()).searchParams.keys()].sort())
		.toEqual(['img', 'kernel']);
	expect(new URL(page.url()).searchParams.get('kernel')).toBe('laplacian');
	expect(new URL(page.url()).searchParams.get('img')).toBe('coffee');
	// nine lab notices and two for the unknown keys: five shown, the rest counted
	const lab = page.getByTestId('url-notices').filter({ hasText: 'Ignored k=' });
	await expect(lab.getByRole('listitem')).toHaveCount(6);
	await expect(lab.getByRole('listitem').last()).toHaveText('…and 6 more.');
	// the shell's three notices
	await expect(page.getByTestId('url-notices').filter({ hasText: 'size' })).toContainText(
		'Ignored backend="quantum"'
	);
	expect(errors.filter((error) => !error.includes('404'))).toEqual([]);
});
