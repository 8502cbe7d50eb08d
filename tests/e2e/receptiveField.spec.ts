import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { countRenders, followLink, makeTestPng, upload, watchErrors } from './fixtures';

async function openRf(page: Page, query = '') {
	await page.goto(`/receptive-field/${query}`);
	await expect(page.getByTestId('rf-image')).toBeVisible();
	await expect(page.getByTestId('backend-name')).not.toHaveText('…');
}

async function download(page: Page, group: string, button: string): Promise<Buffer> {
	const pending = page.waitForEvent('download');
	await page.getByRole('group', { name: group }).getByRole('button', { name: button }).click();
	return readFileSync(await (await pending).path());
}

function lastCell(page: Page, table: string, column: number) {
	return page.getByTestId(table).locator('tbody tr').last().locator('td, th').nth(column);
}

test('presets: VGG-16 gives r = 196 at conv5_3 and 212 at pool5 with jump 32; AlexNet 195', async ({
	page
}) => {
	const errors = watchErrors(page);
	await openRf(page);
	// The default screen has an ERF and its curve against depth.
	await expect(page.getByTestId('erf-numbers')).toBeVisible();
	await expect(page.getByTestId('erf-depth')).toBeVisible();
	await expect(page.getByTestId('erf-growth')).toContainText('from depth 1 to 3');
	await page.getByTestId('comparison').selectOption({ label: 'AlexNet v2 vs VGG-16' });
	await expect(page).toHaveURL(/arch=alexnet/);
	await expect(page).toHaveURL(/archb=vgg16/);
	const vgg = page.getByTestId('rf-table-b');
	const row = (name: string) =>
		vgg.locator('tbody tr', { has: page.getByRole('button', { name, exact: true }) });
	await expect(row('conv5/conv5_3').locator('td').nth(3)).toHaveText('196');
	await expect(row('pool5').locator('td').nth(3)).toHaveText('212');
	await expect(row('pool5').locator('td').nth(4)).toHaveText('32');
	await expect(lastCell(page, 'rf-table-a', 4)).toHaveText('195');
	// A graph preset: ResNet-50 through the builder's own menu.
	await page.getByTestId('builder-a-preset').selectOption('resnet50');
	await expect(lastCell(page, 'rf-table-a', 4)).toHaveText('483');
	await expect(page.getByTestId('builder-a')).toContainText('graph');
	expect(errors).toEqual([]);
});

test('hovering a unit draws its receptive field with the right size in image pixels', async ({
	page
}) => {
	const errors = watchErrors(page);
	await countRenders(page);
	await openRf(page, '?arch=custom&layers=c3,c3,c3&weights=ones&act=linear');
	const image = makeTestPng(64, 48);
	await upload(page, 'pattern.png', 'image/png', image.png);
	await expect(page.getByTestId('image-info')).toContainText('64×48');
	const frame = page.getByTestId('rf-image');
	await expect(frame).toHaveAttribute('data-image-width', '64');
	const margin = Number(await frame.getAttribute('data-margin'));
	const box = (await frame.boundingBox())!;
	const scale = box.width / (64 + 2 * margin);
	// Pointer over pixel (row 20, column 30): three 3×3 convs → a 7×7 field around it.
	await page.mouse.move(box.x + (margin + 30.5) * scale, box.y + (margin + 20.5) * scale);
	const rect = page.getByTestId('rf-box');
	await expect(rect).toHaveAttribute('data-x0', '27');
	await expect(rect).toHaveAttribute('data-x1', '33');
	await expect(rect).toHaveAttribute('data-y0', '17');
	await expect(rect).toHaveAttribute('data-y1', '23');
	const drawn = (await rect.boundingBox())!;
	// The box's bounds include its 2 px stroke (1 px on each side).
	expect(Math.abs(drawn.width - 7 * scale)).toBeLessThanOrEqual(2.5);
	expect(Math.abs(drawn.height - 7 * scale)).toBeLessThanOrEqual(2.5);
	expect(
		Math.abs(drawn.x + drawn.width / 2 - (box.x + (margin + 30.5) * scale))
	).toBeLessThanOrEqual(1);

	// At the corner the field runs into the padding: the visible part is clipped to the image.
	await page.mouse.move(box.x + (margin + 0.5) * scale, box.y + (margin + 0.5) * scale);
	await expect(rect).toHaveAttribute('data-x0', '-3');
	await expect(page.getByTestId('rf-box-visible')).toHaveAttribute('data-x0', '0');
	await expect(page.getByTestId('rf-caption')).toContainText('4×4 px on the image');

	// The ERF of all-ones linear 3×3 convs is the 3-fold box filter: 1,3,6,7,6,3,1 along the centre row.
	await page.mouse.move(box.x + (margin + 30.5) * scale, box.y + (margin + 20.5) * scale);
	await expect(page.getByTestId('erf-numbers')).toBeVisible();
	const npy = await download(page, 'ERF map', '.npy');
	const headerLength = npy.readUInt16LE(8);
	const header = npy.subarray(10, 10 + headerLength).toString('latin1');
	expect(header).toMatch(/'shape': \(7, 7\)/);
	const values = new Float32Array(
		npy.buffer.slice(npy.byteOffset + 10 + headerLength, npy.byteOffset + npy.length)
	);
	const line = [1, 3, 6, 7, 6, 3, 1];
	const total = 27 * 27;
	for (let y = 0; y < 7; y++)
		for (let x = 0; x < 7; x++)
			expect(values[y * 7 + x]).toBeCloseTo((line[y] * line[x]) / total, 6);

	// Tensors stay flat while the learner keeps hovering.
	const count = () => page.evaluate(() => window.convlab!.tf.memory().numTensors);
	const before = await count();
	for (let i = 0; i < 6; i++) {
		await page.mouse.move(box.x + (margin + 10 + i * 5) * scale, box.y + (margin + 12) * scale);
		await page.waitForTimeout(60);
	}
	await page.waitForTimeout(800);
	expect(await count()).toBe(before);
	expect(errors).toEqual([]);
});

test('the URL reproduces a custom architecture, and edits go back to it; the .csv parses', async ({
	page
}) => {
	const errors = watchErrors(page);
	await openRf(page, '?arch=custom&layers=c7s2,p3s2,c3,c3d2&size=256');
	await expect(page.getByTestId('builder-a-code')).toHaveValue('c7s2,p3s2,c3,c3d2');
	const rows = page.getByTestId('rf-table-a').locator('tbody tr');
	await expect(rows).toHaveCount(5);
	// r: 7, 7 + 2·2 = 11, 11 + 2·4 = 19, 19 + 2·2·4 = 35; jump 2, 4, 4, 4
	await expect(lastCell(page, 'rf-table-a', 4)).toHaveText('35');
	await expect(lastCell(page, 'rf-table-a', 5)).toHaveText('4');
	// the type select shows its whole word: as wide as the same select laid out on its own (a
	// fixed 5rem column cut "max pool" to "max poo" at 1440 px)
	const typeSelect = page.getByLabel('Layer 2 type');
	await expect(typeSelect).toHaveValue('maxpool');
	const [shown, natural] = await typeSelect.evaluate((node) => {
		const select = node as HTMLSelectElement;
		const free = select.cloneNode(true) as HTMLSelectElement;
		free.style.cssText = 'position:absolute;max-width:none;width:auto';
		select.parentElement!.appendChild(free);
		const widths = [select.offsetWidth, free.offsetWidth];
		free.remove();
		return widths;
	});
	expect(shown).toBeGreaterThanOrEqual(natural);
	// and no row runs past the list's box (its last control cut off at the right)
	const overflow = await page
		.getByTestId('builder-a')
		.locator('ol.layers')
		.evaluate((list) => {
			const right = list.getBoundingClientRect().right;
			return Math.max(
				...[...list.querySelectorAll('li > *')].map((c) => c.getBoundingClientRect().right - right)
			);
		});
	expect(overflow).toBeLessThanOrEqual(0);
	await page.getByTestId('builder-a').getByRole('button', { name: '+ Add a 3×3 conv' }).click();
	await expect(page).toHaveURL(/layers=c7s2,p3s2,c3,c3d2,c3(&|$)/);
	await page.getByRole('button', { name: 'Move layer 5 up' }).click();
	await expect(page).toHaveURL(/layers=c7s2,p3s2,c3,c3,c3d2(&|$)/);

	const csv = (await download(page, 'A: Custom stack A table', '.csv'))
		.toString('utf8')
		.trimEnd()
		.split('\n');
	expect(csv[0]).toBe('layer,type,kernel,stride,dilation,padding,output,rf,jump,start,params,macs');
	expect(csv).toHaveLength(7);
	const cells = csv.map((line) => line.split(','));
	expect(cells.every((c) => c.length === 12)).toBe(true);
	expect(cells.at(-1)?.slice(1, 6)).toEqual(['conv', '3', '1', '2', 'same']);
	// the dilated conv now reads after two 3×3s: 7, 11, 19, 27, 27 + 2·2·4 = 43
	expect(cells.at(-1)?.[7]).toBe('43');

	// Reload: the same screen comes back.
	await page.waitForTimeout(300);
	await page.reload();
	await expect(page.getByTestId('builder-a-code')).toHaveValue('c7s2,p3s2,c3,c3,c3d2');
	expect(errors).toEqual([]);
});

test('hostile URL values are ignored with a notice', async ({ page }) => {
	const errors = watchErrors(page);
	await openRf(page, '?arch=%3Cscript%3E&layers=c3,zz&unit=-1,2&weights=trained');
	const notices = page.getByTestId('url-notices').first();
	await expect(notices).toContainText('Ignored arch=');
	await expect(notices).toContainText('No trained model');
	await expect(page.getByTestId('builder-a-preset')).toHaveValue('conv3x3');
	expect(errors).toEqual([]);
});

test('phone: the main picture is on the first screen', async ({ browser }) => {
	const context = await browser.newContext({
		viewport: { width: 390, height: 844 },
		hasTouch: true
	});
	const page = await context.newPage();
	const errors = watchErrors(page);
	await openRf(page);
	const box = (await page.getByTestId('rf-image').boundingBox())!;
	expect(box.y).toBeGreaterThanOrEqual(0);
	expect(box.y + box.height).toBeLessThanOrEqual(844);
	expect(box.width).toBeGreaterThan(300);
	// A tap pins a unit, and the URL keeps it.
	await page.getByTestId('rf-image').tap({ position: { x: box.width * 0.3, y: box.height * 0.4 } });
	await expect(page).toHaveURL(/unit=\d+,\d+/);
	expect(errors).toEqual([]);
	await context.close();
});

/** What the lab published, once the selected unit's ERF is measured too. */
async function observedWithErf(page: Page) {
	await expect
		// the debug handle arrives with the engine, a moment after the page
		.poll(() => page.evaluate(() => window.convlab?.observed('/receptive-field/').erfRadius))
		.toEqual(expect.any(Number));
	return page.evaluate(() => window.convlab!.observed('/receptive-field/'));
}

test('a same-route link shows what a fresh load of its address shows; back returns', async ({
	page
}) => {
	const errors = watchErrors(page);
	const linked = '/receptive-field/?img=camera&size=128&arch=custom&layers=c5,c5s2&weights=ones';
	await openRf(page, '?img=camera&size=128&weights=ones');
	// three 3×3 convs against one 7×7: the same field, 27 against 49 weights per channel pair
	const first = await observedWithErf(page);
	expect(first).toMatchObject({ rf: 7, rfA: 7, rfB: 7, jump: 1 });

	await followLink(page, linked);
	await expect(page.getByTestId('builder-a-code')).toHaveValue('c5,c5s2');
	// 5, then 5 + (5 − 1)·1 = 9; the stride makes the jump 2
	await expect
		.poll(() => page.evaluate(() => window.convlab!.observed('/receptive-field/').rfA))
		.toBe(9);
	const viaLink = await observedWithErf(page);
	expect(viaLink).toMatchObject({ rf: 9, jump: 2 });

	await page.goBack();
	await expect(page.getByTestId('builder-a-preset')).toHaveValue('conv3x3');
	await expect
		.poll(() => page.evaluate(() => window.convlab!.observed('/receptive-field/').rfA))
		.toBe(7);

	await page.goto(linked);
	await expect(page.getByTestId('builder-a-code')).toHaveValue('c5,c5s2');
	expect(await observedWithErf(page)).toEqual(viaLink);
	expect(errors).toEqual([]);
});

test('hide flags hide their controls, and raise no notice', async ({ page }) => {
	await openRf(page, '?arch_hide=1&erfc_hide=1');
	await expect(page.getByTestId('builder-a-preset')).toBeHidden();
	await expect(page.getByTestId('erf-channels')).toBeHidden();
	// the comparison menu sets stack A too, so it goes with it
	await expect(page.getByTestId('comparison')).toBeHidden();
	await expect(page.getByTestId('builder-b-preset')).toBeVisible();
	await expect(page.getByRole('radiogroup', { name: 'Activation' })).toBeVisible();
	await expect(page.getByText('Ignored')).toHaveCount(0);
	await expect(page).toHaveURL(/arch_hide=1/);
});
