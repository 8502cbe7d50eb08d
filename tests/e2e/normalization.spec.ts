import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import { countRenders, downloadText, followLink, upload, watchErrors } from './fixtures';

// /normalization: the filter fit's conditioning on the learner's image, on the lab runtime.

const observed = (page: Page) =>
	page.evaluate(() => window.convlab?.observed('/normalization/') ?? {});

function flatPng(size: number): Buffer {
	const png = new PNG({ width: size, height: size });
	png.data.fill(128);
	for (let i = 3; i < png.data.length; i += 4) png.data[i] = 255;
	return PNG.sync.write(png);
}

test('target, image and learning rate change the fit; exports parse; a flat image is explained', async ({
	page
}) => {
	const errors = watchErrors(page);
	await countRenders(page);
	await page.goto('/normalization/?img=cat&size=128');
	await expect(page.getByTestId('contour-chart')).toBeVisible();
	await page.waitForFunction(() => (window as unknown as { renders: number }).renders > 0);
	await expect.poll(async () => (await observed(page)).iterations).toBeGreaterThan(0);
	const first = await observed(page);
	// κ does not depend on the pixel scale
	expect(Number(first.kappaRaw255) / Number(first.kappaRaw01)).toBeCloseTo(1, 6);

	// the conditioning table as .csv
	const text = await downloadText(page, () =>
		page.getByRole('button', { name: 'Conditioning table .csv' }).click()
	);
	const lines = text.trim().split('\n');
	expect(lines[0]).toBe('preprocessing,lambda_max,lambda_min,kappa,best_lr,iterations');
	expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual([
		'raw01',
		'raw255',
		'centred',
		'standardised',
		'whitened'
	]);
	expect(Number(lines[1].split(',')[3])).toBeCloseTo(Number(first.kappaRaw01), 6);

	// the learned kernels as .npy: [5, 3, 3]; the whitened run (converged) is Sobel x
	const npyFile = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Learned kernels .npy' }).click();
	const npy = readFileSync(await (await npyFile).path());
	expect(npy.subarray(0, 6).toString('latin1')).toBe('\x93NUMPY');
	const offset = 10 + npy.readUInt16LE(8);
	expect(npy.subarray(10, offset).toString('latin1')).toContain("'shape': (5, 3, 3)");
	const kernels = new Float32Array(
		npy.buffer.slice(npy.byteOffset + offset, npy.byteOffset + npy.length)
	);
	const sobelX = [-1, 0, 1, -2, 0, 2, -1, 0, 1];
	sobelX.forEach((v, i) => expect(kernels[4 * 9 + i]).toBeCloseTo(v, 2));

	// target: a different kernel, the same κ, other iterations or kernel
	await page.getByTestId('target').selectOption('laplacian');
	await expect(page).toHaveURL(/target=laplacian/);
	await expect(page.getByTestId('kernels')).toContainText('-4.000');

	// the contour panel's own switch picks the run it shows, in the URL
	await page.getByTestId('contour-switch').getByLabel('ZCA').check();
	await expect(page).toHaveURL(/show=whitened/);
	await expect(page.getByTestId('contour-chart')).toContainText('ZCA-whitened');
	await page.getByTestId('contour-switch').getByLabel('[0, 1]').check();

	// learning rate past 2/λmax: the shown run diverges
	await page.getByTestId('lr').fill('1.2');
	await expect(page).toHaveURL(/lr=1.2/);
	await expect.poll(async () => (await observed(page)).diverged).toBe(true);
	await expect(page.getByTestId('evidence')).toContainText('diverged after');

	// image: another sample changes κ
	await page.goto('/normalization/?img=brick&size=128');
	await expect.poll(async () => (await observed(page)).kappaRaw01).not.toBe(first.kappaRaw01);

	// a flat image: an explanation, not NaN
	await upload(page, 'flat.png', 'image/png', flatPng(32));
	await expect(page.getByTestId('ill-conditioned')).toContainText('flat');
	await expect(page.getByTestId('conditioning-table')).not.toContainText('NaN');
	await expect(page.getByTestId('evidence')).not.toContainText('NaN');
	expect(errors).toEqual([]);
});

test('hide flags hide their controls; a same-route link shows what a fresh load shows', async ({
	page
}) => {
	await page.goto('/normalization/?img=cat&size=128&lr_hide=1&iters_hide=1');
	await expect(page.getByTestId('contour-chart')).toBeVisible();
	await expect(page.getByTestId('lr')).toBeHidden();
	await expect(page.getByTestId('iters')).toBeHidden();
	await expect(page.getByTestId('target')).toBeVisible();

	await page.goto('/normalization/?img=cat&size=128');
	await expect.poll(async () => (await observed(page)).iterations).toBeGreaterThan(0);
	await followLink(page, '/normalization/?img=cat&size=128&show=whitened&lr=0.5');
	await expect(page.getByTestId('show')).toHaveValue('whitened');
	await expect.poll(async () => (await observed(page)).iterations).toBeLessThan(100);
	const viaLink = await observed(page);
	await page.goBack();
	await expect(page.getByTestId('show')).toHaveValue('raw01');
	await page.goto('/normalization/?img=cat&size=128&show=whitened&lr=0.5');
	await expect.poll(() => observed(page)).toEqual(viaLink);
	// the code for what is on screen: ZCA on the patches of this very image
	await page.getByText('Code for what is on screen').click();
	const code = page.getByTestId('code-pytorch');
	await expect(code).toContainText(`torch.rand(${viaLink.imageHeight}, ${viaLink.imageWidth})`);
	await expect(code).toContainText('# ZCA: (Σ + εI)^(-1/2)');
	await expect(code).toContainText('lr=float(0.5 * 2 / eig[-1])');
});

test('the classifier runs train live to their step limit: whitening fastest, scored on the test images', async ({
	page
}) => {
	// Preparing the inputs (2,000 images, a 784×784 eigen-decomposition for ZCA) takes a few
	// seconds of CPU in the worker: many more on a loaded machine.
	test.setTimeout(240_000);
	const errors = watchErrors(page);
	await page.goto('/normalization/?img=cat&size=64&clf_steps=10');
	const runs = page.getByTestId('classifier-runs');
	await runs.getByTestId('classifier-toggle').click();
	await expect(runs.getByTestId('classifier-step')).toHaveText('step 10 / 10', {
		timeout: 200_000
	});
	await expect
		.poll(async () => (await observed(page)).classifierAccuracyWhitened, { timeout: 20_000 })
		.toBeGreaterThan(0.5);
	const seen = await observed(page);
	// ZCA-whitened inputs reach a training loss < 0.6 within a few steps; raw [0, 1] ones do not
	expect(Number(seen.classifierStepsWhitened)).toBeLessThan(10);
	await expect(runs.getByTestId('classifier-table')).toContainText('%');
	await expect(runs.getByTestId('classifier-evidence')).toContainText('ZCA-whitened in');

	// the loss curves as .csv: a step column and one column per run, ten steps each
	const text = await downloadText(page, () =>
		runs.getByRole('group', { name: 'Classifier loss curves' }).getByText('.csv').click()
	);
	const lines = text.trim().split('\n');
	expect(lines[0]).toMatch(/^step,/);
	expect(lines).toHaveLength(11);
	expect(errors).toEqual([]);
});
