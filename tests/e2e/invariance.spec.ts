import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { afterRender, countRenders, watchErrors } from './fixtures';

const HEADER = 'shift,dx,dy,pixels,conv_aligned,conv,maxpool,global_maxpool,fc,blurpool';

async function openInvariance(page: Page, query = '') {
	await page.goto(`/invariance/${query}`);
	await expect(page.getByTestId('shifted-maps')).toBeVisible();
	await expect(page.getByTestId('backend-name')).not.toHaveText('…');
}

/** The pixels of a canvas (by test id), or of every canvas inside the element with that id. */
function pixels(page: Page, testid: string): Promise<string> {
	return page.evaluate((id) => {
		const node = document.querySelector(`[data-testid="${id}"]`);
		const canvases =
			node instanceof HTMLCanvasElement ? [node] : [...(node?.querySelectorAll('canvas') ?? [])];
		return canvases.map((canvas) => canvas.toDataURL()).join('|');
	}, testid);
}

async function curveDone(page: Page) {
	const chart = page.getByTestId('similarity-chart');
	await expect(chart).toHaveAttribute('data-rows', '33', { timeout: 60_000 });
	await expect(chart).toHaveAttribute('data-ms', /\d+/, { timeout: 60_000 });
}

test('loads on a sample: shifted photo, moving maps, difference map, full curve', async ({
	page
}) => {
	const errors = watchErrors(page);
	await openInvariance(page);
	await expect(page.getByTestId('shifted-input')).toBeVisible();
	await expect(page.getByTestId('difference-map')).toBeVisible();
	await curveDone(page);
	// The measured table in the written answer is filled in from the curve.
	const table = page.getByTestId('similarity-table');
	await expect(table).not.toContainText('…');
	const aligned = Number(
		await table
			.getByRole('row', { name: /conv, shifted back/ })
			.getByRole('cell')
			.nth(0)
			.textContent()
	);
	const asIs = Number(
		await table
			.getByRole('row', { name: /conv, as is/ })
			.getByRole('cell')
			.nth(0)
			.textContent()
	);
	expect(aligned).toBeGreaterThan(0.98);
	expect(asIs).toBeLessThan(aligned);
	expect(errors).toEqual([]);
});

test('moving each control changes the picture', async ({ page }) => {
	const errors = watchErrors(page);
	await countRenders(page);
	await openInvariance(page);
	const changes: [string, string, () => Promise<unknown>][] = [
		['shifted-input', 'dx', () => page.getByTestId('shift-dx').fill('9')],
		['shifted-input', 'dy', () => page.getByTestId('shift-dy').fill('-6')],
		['shifted-input', 'fill', () => page.getByTestId('fill-wrap').click()],
		['shifted-maps', 'bank slot', () => page.getByTestId('bank-slot-0').selectOption('gaussian')],
		['shifted-maps', 'bank size', () => page.getByTestId('bank-size').fill('5')],
		['shifted-maps', 'relu', () => page.getByTestId('bank-relu').click()],
		['shifted-maps', 'input', () => page.getByRole('button', { name: 'RGB, summed' }).click()],
		['shifted-maps', 'add kernel', () => page.getByTestId('bank-add').click()]
	];
	for (const [view, name, change] of changes) {
		const before = await pixels(page, view);
		await afterRender(page, change);
		expect(await pixels(page, view), name).not.toBe(before);
	}
	// Selecting another map shows its difference map.
	const before = await pixels(page, 'difference-map');
	await page.getByRole('button', { name: /^Map 2:/ }).click();
	await expect(page).toHaveURL(/map=2/);
	expect(await pixels(page, 'difference-map')).not.toBe(before);
	// Dragging the photo moves it.
	const box = await page.getByTestId('shifted-input').boundingBox();
	if (!box) throw new Error('no photo');
	await afterRender(page, async () => {
		await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
		await page.mouse.down();
		await page.mouse.move(box.x + box.width / 2 + 40, box.y + box.height / 2 + 20, { steps: 4 });
		await page.mouse.up();
	});
	const dx = Number(await page.getByTestId('shift-dx').inputValue());
	expect(dx).toBeGreaterThan(9);
	expect(errors).toEqual([]);
});

test('a copied URL reproduces the state; hostile values are ignored with a notice', async ({
	page
}) => {
	const errors = watchErrors(page);
	await openInvariance(page, '?dx=7&dy=-3&fill=wrap&bank=sobel-y,box,laplacian,gaussian&bk=5');
	await expect(page.getByTestId('shift-dx')).toHaveValue('7');
	await expect(page.getByTestId('shift-dy')).toHaveValue('-3');
	await expect(page.getByTestId('fill-wrap')).toHaveAttribute('aria-pressed', 'true');
	await expect(page.getByTestId('bank-slot-0')).toHaveValue('sobel-y');
	await page.getByTestId('shift-dx').fill('-12');
	await expect(page).toHaveURL(/dx=-12/);
	const maps = await pixels(page, 'shifted-maps');
	const url = page.url();
	await page.goto(url);
	await expect(page.getByTestId('shift-dx')).toHaveValue('-12');
	await expect(page.getByTestId('bank-size')).toHaveValue('5');
	await expect.poll(() => pixels(page, 'shifted-maps')).toBe(maps);

	await page.goto('/invariance/?dx=%3Cscript%3E&fill=sideways&map=99');
	await expect(page.getByTestId('url-notices')).toContainText('Ignored dx=');
	await expect(page.getByTestId('url-notices')).toContainText('fill');
	await expect(page.getByTestId('url-notices').locator('script')).toHaveCount(0);
	await expect(page.getByTestId('shift-dx')).toHaveValue('3');
	expect(errors).toEqual([]);
});

test('the curve exports as .csv with the exact header and 33 rows', async ({ page }) => {
	await openInvariance(page);
	await curveDone(page);
	const download = page.waitForEvent('download');
	await page
		.getByRole('group', { name: 'Similarity curve' })
		.getByRole('button', { name: '.csv' })
		.click();
	const text = readFileSync(await (await download).path(), 'utf8');
	const lines = text.trimEnd().split('\n');
	expect(lines[0]).toBe(HEADER);
	expect(lines).toHaveLength(34);
	const rows = lines.slice(1).map((line) => line.split(',').map(Number));
	expect(rows.map((r) => r[0])).toEqual(Array.from({ length: 33 }, (_, i) => i));
	// the default shift is along +x: dx = shift, dy = 0
	expect(rows.map((r) => [r[1], r[2]])).toEqual(rows.map((r) => [r[0], 0]));
	expect(rows[0].slice(3)).toEqual([1, 1, 1, 1, 1, 1, 1]);
	for (const row of rows) for (const v of row.slice(3)) expect(Math.abs(v)).toBeLessThanOrEqual(1);
	// Strided pooling is exactly equivariant at even shifts only (aliasing): 2 px beats 1 px.
	const maxpool = HEADER.split(',').indexOf('maxpool');
	expect(rows[2][maxpool]).toBeGreaterThan(rows[1][maxpool]);
	const chart = page.getByRole('group', { name: 'Similarity curve' });
	for (const ext of ['.svg', '.png']) {
		const file = page.waitForEvent('download');
		await chart.getByRole('button', { name: ext }).click();
		expect((await file).suggestedFilename()).toMatch(new RegExp(`\\${ext}$`));
	}
});

test('a diagonal shift with wrap: dx, dy in the .csv, conv shifted back never below as is, the stride sentence quotes (−2, +4)', async ({
	page
}) => {
	await openInvariance(page, '?dx=-2&dy=5&fill=wrap');
	await curveDone(page);
	const download = page.waitForEvent('download');
	await page
		.getByRole('group', { name: 'Similarity curve' })
		.getByRole('button', { name: '.csv' })
		.click();
	const lines = readFileSync(await (await download).path(), 'utf8')
		.trimEnd()
		.split('\n');
	const columns = lines[0].split(',');
	const rows = lines.slice(1).map((line) => line.split(',').map(Number));
	const col = (name: string) => columns.indexOf(name);
	// s · (−2, 5) / 5, rounded half away from zero, by hand
	expect(rows.slice(0, 5).map((r) => [r[col('dx')], r[col('dy')]])).toEqual([
		[0, 0],
		[0, 1],
		[-1, 2],
		[-1, 3],
		[-2, 4]
	]);
	for (const row of rows.slice(0, 9))
		expect(row[col('conv_aligned')]).toBeGreaterThanOrEqual(row[col('conv')]);
	await expect(page.getByTestId('aliasing-sentence')).toContainText('(dx, dy) = (−2, +4)');
	await expect(page.getByTestId('aliasing-sentence')).toContainText('but');
});

test('the tensor count stays flat over 40 control changes', async ({ page }) => {
	test.setTimeout(240_000);
	const errors = watchErrors(page);
	await countRenders(page);
	await openInvariance(page);
	await curveDone(page);
	const tensors = () => page.evaluate(() => window.convlab!.tf.memory().numTensors);
	const counts: number[] = [];
	for (let i = 0; i < 40; i++) {
		// dx stays positive with dy = 0, so the curve's direction (and the curve) stays put.
		await afterRender(page, () => page.getByTestId('shift-dx').fill(String(1 + (i % 9))));
		if (i === 9 || i === 39) counts.push(await tensors());
	}
	expect(counts[1]).toBe(counts[0]);
	expect(errors).toEqual([]);
});
