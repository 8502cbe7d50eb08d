import { expect, test, type Download, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import { upload, watchErrors } from './fixtures';

// /pca: PCA of the learner's patches, and 2-D maps of Fashion-MNIST.

const observed = (page: Page) => page.evaluate(() => window.convlab?.observed('/pca/') ?? {});

async function text(download: Promise<Download>): Promise<string> {
	return readFileSync(await (await download).path()).toString('utf8');
}

test('image and k change the patch PCA; exports parse; a map point shows its image; flat image explained', async ({
	page
}) => {
	test.setTimeout(60_000);
	const errors = watchErrors(page);
	await page.goto('/pca/?img=cat&size=128&n=1000');
	await expect(page.getByTestId('pca-tiles').locator('canvas')).toBeVisible();
	await expect.poll(async () => (await observed(page)).pc1Explained).toBeGreaterThan(0.3);
	const cat = await observed(page);
	// predict, then reveal: the share PC1 explains, as the lab measured it on this photo
	await page.getByTestId('predict-card').getByRole('button', { name: 'Reveal' }).click();
	await expect(page.getByTestId('prediction-answer')).toContainText(
		`PC1 explains ${Math.round(Number(cat.pc1Explained) * 1000) / 10} % of the variance of your photo’s 8×8 patches`
	);

	// another image: new spectrum
	await page.getByRole('button', { name: /Falcon 9/ }).click();
	await expect.poll(async () => (await observed(page)).pc1Explained).not.toBe(cat.pc1Explained);

	// k: the numbers under the picture follow, and more components rebuild better (the photo is
	// rebuilt just after the components are drawn)
	await expect.poll(async () => (await observed(page)).psnr ?? null).not.toBeNull();
	const psnr8 = Number((await observed(page)).psnr);
	await page.getByTestId('k').fill('20');
	await expect(page.getByTestId('reconstruction-numbers')).toContainText('k = 20:');
	await expect.poll(async () => Number((await observed(page)).psnr)).toBeGreaterThan(psnr8);

	// Explained variance .csv: header, 64 rows, cumulative ends at 1, agrees with the screen
	const explained = page.waitForEvent('download');
	await page
		.getByRole('group', { name: 'Explained variance', exact: true })
		.getByRole('button', { name: '.csv' })
		.click();
	const lines = (await text(explained)).trim().split('\n');
	expect(lines[0]).toBe('component,eigenvalue,explained,cumulative');
	expect(lines).toHaveLength(65);
	expect(Number(lines[64].split(',')[3])).toBeCloseTo(1, 4);
	expect(Number(lines[1].split(',')[2])).toBeCloseTo(
		Number((await observed(page)).pc1Explained),
		4
	);

	// Principal components .npy: [20, 8, 8], unit-norm rows
	const npyFile = page.waitForEvent('download');
	await page
		.getByRole('group', { name: 'Principal components', exact: true })
		.getByRole('button', { name: '.npy' })
		.click();
	const npy = readFileSync(await (await npyFile).path());
	const offset = 10 + npy.readUInt16LE(8);
	expect(npy.subarray(10, offset).toString('latin1')).toContain("'shape': (20, 8, 8)");
	const rows = new Float32Array(
		npy.buffer.slice(npy.byteOffset + offset, npy.byteOffset + npy.length)
	);
	for (let r = 0; r < 20; r++)
		expect(rows.subarray(r * 64, (r + 1) * 64).reduce((a, v) => a + v * v, 0)).toBeCloseTo(1, 4);

	// the PCA map: hover finds a point and shows its image; its .csv is index,label,x,y
	const map = page.getByTestId('map-pca');
	await expect(map).toBeVisible({ timeout: 30_000 });
	await map.scrollIntoViewIfNeeded();
	const box = (await map.boundingBox())!;
	let shown = false;
	for (let i = 0; i < 40 && !shown; i++) {
		await page.mouse.move(
			box.x + box.width * (0.3 + 0.04 * (i % 10)),
			box.y + box.height * (0.4 + 0.1 * Math.floor(i / 10))
		);
		shown = await page.getByTestId('map-tip').isVisible();
	}
	expect(shown).toBe(true);
	await expect(page.getByTestId('map-tip')).toContainText('#');
	const mapCsv = page.waitForEvent('download');
	await page
		.getByRole('group', { name: 'PCA map', exact: true })
		.getByRole('button', { name: '.csv' })
		.click();
	const mapLines = (await text(mapCsv)).trim().split('\n');
	expect(mapLines[0]).toBe('index,label,x,y');
	expect(mapLines).toHaveLength(1001);
	// UMAP (in the worker) finishes, the photo placed by umap-js's transform (it used to loop forever)
	await expect(page.getByTestId('fashion-maps')).toContainText(
		'Your photo (ringed) is placed by UMAP’s transform',
		{ timeout: 40_000 }
	);
	// another photo moves its ring in both maps (it stayed where the first photo was)
	const ring = (id: string) =>
		page.getByTestId(id).locator('circle[fill="none"]').first().getAttribute('cx');
	const before = [await ring('map-pca'), await ring('map-umap')];
	await page
		.getByRole('button', { name: /astronaut/i })
		.first()
		.click();
	await expect.poll(() => ring('map-pca')).not.toBe(before[0]);
	await expect.poll(() => ring('map-umap')).not.toBe(before[1]);

	// a flat image gets a clear message
	const png = new PNG({ width: 64, height: 64 });
	png.data.fill(128);
	await upload(page, 'flat.png', 'image/png', PNG.sync.write(png));
	await expect(page.getByTestId('patch-problem')).toContainText('flat');
	expect(errors).toEqual([]);
});
