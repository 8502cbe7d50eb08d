import { expect, test, type Page } from '@playwright/test';
import { DISC, DISC_STROKES, discPng, inDisc } from '../../scripts/discScribbles.js';
import { followLink, upload, watchErrors } from './fixtures';

// A clearly separated object with a known shape: a red disc on a grey-green background.
const SIZE = DISC.size;

/**
 * Which pixels the overlay paints in the Foreground colour (Okabe–Ito orange (230, 159, 0), not
 * Background's sky blue (86, 180, 233)), read from its canvas: translucent pixels come back
 * rounded, so the test asks which of the two colours is nearer.
 */
async function foregroundMask(
	page: Page
): Promise<{ mask: number[]; height: number; width: number }> {
	return page.getByTestId('mask-overlay').evaluate((canvas: HTMLCanvasElement) => {
		const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
		const mask: number[] = [];
		for (let i = 0; i < data.length; i += 4)
			mask.push(data[i + 3] > 0 && data[i] > data[i + 2] + 60 ? 1 : 0);
		return { mask, height: canvas.height, width: canvas.width };
	});
}

function iou(mask: number[], width: number, truth: (y: number, x: number) => boolean): number {
	let inter = 0;
	let union = 0;
	mask.forEach((m, i) => {
		const t = truth(Math.floor(i / width), i % width);
		if (m && t) inter++;
		if (m || t) union++;
	});
	return union ? inter / union : 1;
}

/** Drag the mouse along picture-pixel points on the scribble canvas. */
async function stroke(page: Page, points: [number, number][]) {
	const box = (await page.getByTestId('scribble-canvas').boundingBox())!;
	const at = ([y, x]: [number, number]) =>
		[box.x + (x / SIZE) * box.width, box.y + (y / SIZE) * box.height] as const;
	await page.mouse.move(...at(points[0]));
	await page.mouse.down();
	for (const p of points.slice(1)) await page.mouse.move(...at(p), { steps: 6 });
	await page.mouse.up();
}

test('scribbles on an uploaded disc train a U-Net whose mask covers the disc, not the background', async ({
	page
}) => {
	test.setTimeout(200_000);
	const errors = watchErrors(page);
	await page.goto('/segmentation/?src=image&res=128&brush=6');
	await upload(page, 'disc.png', 'image/png', discPng());
	// The strokes must land on the disc, not on the sample still shown while the upload decodes.
	await expect(page.getByTestId('image-info')).toContainText('disc.png');
	const canvas = page.getByRole('application', { name: /Scribble/ });
	await expect(canvas).toBeVisible();
	await expect(page.getByTestId('segmentation-status')).toContainText('Paint a few strokes');

	// Foreground inside the disc, Background around it (and 7 px off its edge).
	await page.getByTestId('class-0').click();
	for (const points of DISC_STROKES.foreground) await stroke(page, points);
	await page.getByTestId('class-1').click();
	for (const points of DISC_STROKES.background) await stroke(page, points);
	await expect(page.getByTestId('class-0')).not.toContainText(/\b0$/);

	const started = Date.now();
	await page.getByTestId('train-toggle').click();
	await expect(page.getByTestId('train-toggle')).toHaveText('Pause');
	// Clean = IoU > 0.9 on three masks a second apart (the first masks can still wobble).
	let best = 0;
	let cleanAfter: number | null = null;
	let cleanRuns = 0;
	while (Date.now() - started < 60_000) {
		await page.waitForTimeout(1000);
		const shown = await foregroundMask(page);
		best = iou(shown.mask, shown.width, inDisc);
		if (best > 0.9) {
			cleanAfter ??= (Date.now() - started) / 1000;
			if (++cleanRuns >= 3) break;
		} else {
			cleanRuns = 0;
			cleanAfter = null;
		}
	}
	const status = await page.getByTestId('segmentation-status').textContent();
	console.log(
		`segmentation e2e: IoU ${best.toFixed(3)} after ${((Date.now() - started) / 1000).toFixed(1)} s (clean at ${cleanAfter ?? '—'} s); ${status}`
	);
	await page.getByTestId('train-toggle').click();
	await expect(page.getByTestId('train-toggle')).toHaveText('Train');
	expect(cleanAfter).not.toBeNull();
	// The mask stays clean: the one after Pause (from the last step) too.
	await page.waitForTimeout(500);
	const { mask, width } = await foregroundMask(page);
	expect(iou(mask, width, inDisc)).toBeGreaterThan(0.85);
	// not the background: almost nothing far from the disc is Foreground
	const outside = mask.filter((m, i) => m && !inDisc(Math.floor(i / width), i % width)).length;
	expect(outside / mask.length).toBeLessThan(0.05);

	// Skips off: a fresh network, in the URL, that trains too.
	await page.getByTestId('skips').uncheck();
	await expect(page).toHaveURL(/skips=false/);
	await expect(page.getByTestId('unet-diagram')).toContainText('no skip');
	await page.getByTestId('train-toggle').click();
	await expect(page.getByTestId('segmentation-status')).toContainText(/Step [1-9]/, {
		timeout: 30_000
	});
	await page.getByTestId('train-toggle').click();

	// The diagram's levels are buttons showing their maps side by side.
	await page.getByRole('button', { name: /Level 1 encoder/ }).click();
	await expect(page).toHaveURL(/level=1/);
	await expect(page.getByTestId('level-maps')).toContainText('Level 1 encoder');
	expect(errors).toEqual([]);
});

test('the selfie model gives a non-empty person mask on the astronaut sample', async ({ page }) => {
	const errors = watchErrors(page);
	await page.goto('/segmentation/?mode=selfie&img=astronaut');
	await expect(page.getByRole('application', { name: /Scribble/ })).toBeVisible();
	await expect
		.poll(
			async () => {
				const { mask } = await foregroundMask(page);
				return mask.reduce((a, b) => a + b, 0) / mask.length;
			},
			{ timeout: 40_000 }
		)
		.toBeGreaterThan(0.05);
	const { mask } = await foregroundMask(page);
	expect(mask.reduce((a, b) => a + b, 0) / mask.length).toBeLessThan(0.9);
	await expect(page.getByTestId('level-maps')).toBeVisible();
	expect(errors).toEqual([]);
});

test('settings come back from the URL and scribbles from this browser after a reload', async ({
	page
}) => {
	const errors = watchErrors(page);
	await page.goto('/segmentation/?seed=7&depth=2&up=resize&classes=3&opacity=30');
	await expect(page.getByTestId('up-resize')).toBeChecked();
	await expect(page.getByTestId('class-2')).toBeVisible();
	await expect(page.getByTestId('unet-diagram').getByRole('button')).toHaveCount(3);
	await page.getByTestId('class-2').click();
	await stroke(page, [
		[20, 20],
		[40, 40]
	]);
	await expect(page.getByTestId('class-2')).not.toContainText(/\b0$/);
	const count = await page.getByTestId('class-2').textContent();
	await page.reload();
	await expect(page.getByTestId('up-resize')).toBeChecked();
	await expect(page.getByTestId('class-2')).toHaveText(count!);
	// a bad value is ignored with a notice
	await page.goto('/segmentation/?depth=9');
	// The notice itself (not the explanation's words "depth 4"): it names the key and the value.
	await expect(page.getByTestId('url-notices')).toContainText('Ignored depth="9"');
	expect(errors).toEqual([]);
});

test('the pretrained U-Net shows a mask on a scene before any scribble, scored against the exact mask', async ({
	page
}) => {
	const errors = watchErrors(page);
	await page.goto('/segmentation/?mode=pretrained&seed=5');
	await expect(page.getByTestId('mask-score')).toContainText('IoU', { timeout: 40_000 });
	// its code is the shipped U-Net's (resize + conv, batch norm), not the URL's default U-Net
	await page.getByText('Code for what is on screen').click();
	const code = page.getByTestId('code-pytorch');
	await expect(code).toContainText("nn.Upsample(scale_factor=2, mode='nearest')");
	await expect(code).toContainText('nn.BatchNorm2d(c_out');
	await expect(code).not.toContainText('optimizer');
	expect(errors).toEqual([]);
});

test('a same-route link shows what a fresh load of its address shows; back returns', async ({
	page
}) => {
	test.setTimeout(90_000);
	const errors = watchErrors(page);
	const observed = () => page.evaluate(() => window.convlab?.observed('/segmentation/') ?? {});
	/** the pretrained mask for the picture of `size`, scored */
	const scored = async (size: string) => {
		await expect
			.poll(
				async () => {
					const o = await observed();
					return o.pictureSize === size && o.iou !== null;
				},
				{ timeout: 40_000 }
			)
			.toBe(true);
		return observed();
	};
	await page.goto('/segmentation/?mode=pretrained&seed=5&res=64');
	const first = await scored('64×64');

	const there = '/segmentation/?mode=pretrained&seed=7&res=96&level=1';
	await followLink(page, there);
	await expect(page).toHaveURL(/seed=7/);
	await expect(page.locator('#seg-seed')).toHaveValue('7');
	await expect(page.locator('#seg-res')).toHaveValue('96');
	const viaLink = await scored('96×96');
	expect(viaLink.level).toBe(1);
	expect(viaLink.iou).not.toBe(first.iou);

	await page.goBack();
	await expect(page.locator('#seg-seed')).toHaveValue('5');
	expect(await scored('64×64')).toEqual(first);

	await page.goto(there);
	expect(await scored('96×96')).toEqual(viaLink);
	expect(errors).toEqual([]);
});

test('hide flags hide the skip-connection and depth controls, and raise no notice', async ({
	page
}) => {
	await page.goto('/segmentation/?skips_hide=1&depth_hide=1');
	await expect(page.getByTestId('scribble-canvas')).toBeVisible();
	await expect(page.getByTestId('skips')).toBeHidden();
	await expect(page.locator('#seg-depth')).toBeHidden();
	await expect(page.locator('#seg-base')).toBeVisible();
	await expect(page.getByTestId('url-notices')).toHaveCount(0);
});
