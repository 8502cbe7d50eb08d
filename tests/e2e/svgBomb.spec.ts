import { expect, test } from '@playwright/test';
import {
	hugeHeaderPng,
	longestSince,
	makeTestPng,
	openLab,
	upload,
	watchErrors,
	watchLongTasks
} from './fixtures';

/** ~13 KB of shapes, each through a stack of expensive filter primitives. */
function filterBomb(): string {
	const filter = `<filter id="f" x="-50%" y="-50%" width="200%" height="200%">
<feTurbulence baseFrequency="0.9" numOctaves="10"/><feGaussianBlur stdDeviation="40"/>
<feMorphology operator="dilate" radius="30"/><feGaussianBlur stdDeviation="60"/></filter>`;
	const shapes = Array.from(
		{ length: 260 },
		(_, i) => `<circle cx="${(i * 37) % 512}" cy="${(i * 53) % 512}" r="90" filter="url(#f)"/>`
	).join('\n');
	return `<svg xmlns="http://www.w3.org/2000/svg" width="512" height="512">${filter}${shapes}</svg>`;
}

test('hostile SVGs: a filter bomb is refused without freezing the page; an embedded 400-megapixel PNG is refused', async ({
	page
}) => {
	const errors = watchErrors(page);
	await watchLongTasks(page);
	await openLab(page);
	await upload(page, 'good.png', 'image/png', makeTestPng(32, 20).png);
	await expect(page.getByTestId('image-info')).toContainText('32×20');

	const since = await page.evaluate(() => performance.now());
	const bomb = filterBomb();
	expect(bomb.length).toBeGreaterThan(12_000);
	await upload(page, 'bomb.svg', 'image/svg+xml', Buffer.from(bomb));
	await expect(page.getByRole('alert')).toHaveText(/filter effects .*PNG/);
	await page.waitForTimeout(300);
	const longest = await longestSince(page, since);
	expect(longest).toBeLessThanOrEqual(100);
	await expect(page.getByTestId('image-info')).toContainText('32×20');

	const png = hugeHeaderPng(20000, 20000).toString('base64');
	const embedding = `<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"><image href="data:image/png;base64,${png}" width="64" height="64"/></svg>`;
	await upload(page, 'embeds.svg', 'image/svg+xml', Buffer.from(embedding));
	await expect(page.getByRole('alert')).toHaveText(/20000 × 20000 pixels.*40 megapixels/);
	await expect(page.getByTestId('image-info')).toContainText('32×20');
	expect(errors).toEqual([]);
});

/**
 * Valid, filter-free and small (~200 KB), yet seconds to draw at the working size: 2,000
 * overlapping full-size squares, each filled with a 12-stop radial gradient at half opacity.
 */
function gradientPile(): string {
	const stops = Array.from(
		{ length: 12 },
		(_, i) => `<stop offset="${i / 11}" stop-color="hsl(${i * 30} 80% 50%)"/>`
	).join('');
	const squares = Array.from(
		{ length: 2000 },
		(_, i) =>
			`<rect width="520" height="520" fill="url(#g)" opacity="0.5" transform="rotate(${i % 90} 256 256)"/>`
	).join('');
	return `<svg xmlns="http://www.w3.org/2000/svg" width="512" height="512"><defs><radialGradient id="g">${stops}</radialGradient></defs>${squares}</svg>`;
}

test('an SVG too slow to draw is refused after timed probe draws, keeping the image; a light one opens', async ({
	page
}) => {
	const errors = watchErrors(page);
	await openLab(page);
	await upload(page, 'good.png', 'image/png', makeTestPng(32, 20).png);
	await expect(page.getByTestId('image-info')).toContainText('32×20');
	await upload(page, 'pile.svg', 'image/svg+xml', Buffer.from(gradientPile()));
	await expect(page.getByRole('alert')).toHaveText(
		/pile\.svg is too slow to draw: at 512 × 512 pixels it would hold the page for about [\d.]+ s .*PNG/
	);
	await expect(page.getByTestId('image-info')).toContainText('good.png · 32×20');
	// a light SVG (one gradient square) still opens, at the working size
	const light = gradientPile().replace(/(<rect[^>]*\/>)+/, (all) =>
		all.slice(0, all.indexOf('/>') + 2)
	);
	await upload(page, 'light.svg', 'image/svg+xml', Buffer.from(light));
	await expect(page.getByTestId('image-info')).toContainText('light.svg');
	await expect(page.getByTestId('image-info')).toContainText('512×512');
	expect(errors).toEqual([]);
});
