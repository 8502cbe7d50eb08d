import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import {
	afterRender,
	countRenders,
	luma,
	makeTestPng,
	referenceSameConv,
	upload,
	watchErrors
} from './fixtures';

// The default bank at k = 3, written out by hand (textbook kernels, not the app's presets code).
const BANK = [
	[-1, 0, 1, -2, 0, 2, -1, 0, 1], // Sobel x
	[-1, -2, -1, 0, 0, 0, 1, 2, 1], // Sobel y
	[0, 1, 0, 1, -4, 1, 0, 1, 0], // Laplacian
	Array(9).fill(1 / 9) // box
];

async function openPooling(page: Page, query = '') {
	await page.goto(`/pooling/${query}`);
	await expect(page.getByTestId('map-pooled')).toBeVisible();
	await expect(page.getByTestId('backend-name')).not.toHaveText('…');
}

/** A short fingerprint of what a canvas shows, to tell whether a control changed the picture. */
function canvasHash(page: Page, testid: string): Promise<string> {
	return page.getByTestId(testid).evaluate((canvas: HTMLCanvasElement) => {
		const context = canvas.getContext('2d')!;
		const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
		let hash = 2166136261;
		for (let i = 0; i < data.length; i += 4)
			hash = Math.imul(hash ^ data[i] ^ (data[i + 1] << 8), 16777619);
		return `${canvas.width}×${canvas.height}:${hash >>> 0}`;
	});
}

/** Click a named export group's .npy button and parse the download (NumPy 1.0, float32). */
async function downloadNpy(page: Page, group: string) {
	const download = page.waitForEvent('download');
	await page
		.getByRole('group', { name: group, exact: true })
		.getByRole('button', { name: '.npy' })
		.click();
	const file = readFileSync(await (await download).path());
	expect(file.subarray(0, 6).toString('latin1')).toBe('\x93NUMPY');
	const offset = 10 + file.readUInt16LE(8);
	const header = file.subarray(10, offset).toString('latin1');
	const values = new Float32Array(
		file.buffer.slice(file.byteOffset + offset, file.byteOffset + file.length)
	);
	return { header, values, name: (await download).suggestedFilename() };
}

/** conv bank (same padding, ReLU) then 'valid' max-pooling, straight from the definitions. */
function reference(image: ReturnType<typeof makeTestPng>, size: number, stride: number) {
	const { width: w, height: h } = image;
	const maps = BANK.map((kernel) =>
		referenceSameConv(luma(image), h, w, kernel, 3).map((v) => Math.max(0, v))
	);
	const before = new Float64Array(h * w * 4);
	maps.forEach((map, c) => map.forEach((v, i) => (before[i * 4 + c] = v)));
	const outH = Math.floor((h - size) / stride) + 1;
	const outW = Math.floor((w - size) / stride) + 1;
	const pooled = new Float64Array(outH * outW * 4);
	for (let oy = 0; oy < outH; oy++)
		for (let ox = 0; ox < outW; ox++)
			for (let c = 0; c < 4; c++) {
				let best = -Infinity;
				for (let dy = 0; dy < size; dy++)
					for (let dx = 0; dx < size; dx++)
						best = Math.max(best, maps[c][(oy * stride + dy) * w + ox * stride + dx]);
				pooled[(oy * outW + ox) * 4 + c] = best;
			}
	return { before, pooled, outH, outW };
}

function worstError(values: Float32Array, expected: Float64Array): number {
	expect(values.length).toBe(expected.length);
	let worst = 0;
	for (let i = 0; i < values.length; i++)
		worst = Math.max(worst, Math.abs(values[i] - expected[i]));
	return worst;
}

test('loads on a sample: both maps, the window, the grid, the charts; no page errors', async ({
	page
}) => {
	const errors = watchErrors(page);
	await openPooling(page);
	// cat sample 451×300 → 2×2/2 max-pooling: 150×225
	await expect(page.getByTestId('map-before')).toHaveAttribute('data-width', '451');
	await expect(page.getByTestId('map-pooled')).toHaveAttribute('data-width', '225');
	await expect(page.getByTestId('map-pooled')).toHaveAttribute('data-height', '150');
	await expect(page.getByTestId('pool-window').locator('[data-winner]')).toHaveCount(1);
	await expect(page.getByTestId('winner-zoom')).toBeVisible();
	await expect(page.getByTestId('map-grid').getByRole('button')).toHaveCount(4);
	await expect(page.getByTestId('macs-chart').locator('rect')).toHaveCount(2);
	await expect(page.getByTestId('shift-chart')).toBeVisible();
	await expect(page.getByTestId('shift-summary')).toContainText('%');
	await expect(page.getByTestId('size-pooled')).toHaveText('150×225×4');
	await expect(page.getByTestId('compute-ms')).toHaveText(/\d+(\.\d)? ms/);
	expect(errors).toEqual([]);
});

test('every control changes the picture or the numbers it drives', async ({ page }) => {
	const errors = watchErrors(page);
	await countRenders(page);
	await openPooling(page, '?size=128');
	const pooled = () => canvasHash(page, 'map-pooled');
	const changes: [string, () => Promise<unknown>][] = [
		['average', () => page.getByTestId('pool-avg').click()],
		['global max', () => page.getByTestId('pool-gmax').click()],
		['global average', () => page.getByTestId('pool-gavg').click()],
		['max', () => page.getByTestId('pool-max').click()],
		['window', () => page.getByTestId('pool-size').fill('3')],
		['stride', () => page.getByTestId('pool-stride').fill('1')],
		// ReLU first: on an all-positive kernel such as a blur it changes nothing.
		['ReLU', () => page.getByTestId('bank-relu').uncheck()],
		['kernel', () => page.getByTestId('bank-slot-0').selectOption('gaussian')],
		['kernel size', () => page.getByTestId('bank-size').fill('5')],
		['RGB input', () => page.getByRole('button', { name: 'RGB, summed' }).click()],
		['map shown', () => page.getByTestId('map-grid').getByRole('button').nth(1).click()]
	];
	for (const [name, change] of changes) {
		const before = await pooled();
		if (name === 'map shown') {
			await change();
			await expect.poll(pooled, { message: name }).not.toBe(before);
		} else {
			await afterRender(page, change);
			expect(await pooled(), name).not.toBe(before);
		}
	}
	// Adding and removing a kernel changes the layer: one more map, then one fewer.
	await afterRender(page, () => page.getByTestId('bank-add').click());
	await expect(page.getByTestId('map-grid').getByRole('button')).toHaveCount(5);
	await afterRender(page, () => page.getByRole('button', { name: 'Remove kernel 5' }).click());
	await expect(page.getByTestId('map-grid').getByRole('button')).toHaveCount(4);
	// The next layer's width drives the compute numbers, not the maps.
	const macs = await page.getByTestId('macs-pooled').textContent();
	await page.getByTestId('next-channels').fill('128');
	await page.getByTestId('next-channels').press('Enter');
	await expect(page.getByTestId('macs-pooled')).not.toHaveText(macs!);
	// The winner marks follow their switch.
	await expect(page.getByTestId('winner-zoom')).toBeVisible();
	await page.getByTestId('show-winners').uncheck();
	await expect(page.getByTestId('winner-zoom')).toHaveCount(0);
	expect(errors).toEqual([]);
});

test('a copied URL reproduces the state; bad values get a notice', async ({ page }) => {
	const errors = watchErrors(page);
	await openPooling(page);
	await page.getByTestId('pool-avg').click();
	await page.getByTestId('pool-size').fill('3');
	await page.getByTestId('pool-stride').fill('3');
	await page.getByTestId('bank-slot-1').selectOption('emboss');
	await page.getByTestId('bank-relu').uncheck();
	await expect(page).toHaveURL(/pool=avg/);
	await expect(page).toHaveURL(/psize=3/);
	await expect(page).toHaveURL(/pstride=3/);
	await expect(page).toHaveURL(/bank=sobel-x,emboss,laplacian,box/);
	await expect(page).toHaveURL(/relu=false/);
	await expect(page.getByTestId('map-pooled')).toHaveAttribute('data-width', '150');
	const shown = await canvasHash(page, 'map-pooled');

	await openPooling(page, new URL(page.url()).search);
	await expect(page.getByTestId('pool-avg')).toHaveAttribute('aria-pressed', 'true');
	await expect(page.getByTestId('pool-size')).toHaveValue('3');
	await expect(page.getByTestId('pool-stride')).toHaveValue('3');
	await expect(page.getByTestId('bank-slot-1')).toHaveValue('emboss');
	await expect(page.getByTestId('bank-relu')).not.toBeChecked();
	// cat 451×300, 3×3 windows at stride 3: floor((451 − 3)/3) + 1 = 150, floor(297/3) + 1 = 100
	await expect(page.getByTestId('map-pooled')).toHaveAttribute('data-height', '100');
	await expect.poll(() => canvasHash(page, 'map-pooled')).toBe(shown);

	await page.goto('/pooling/?pool=%3Cscript%3E&psize=9&bank=sobel-x,box&map=7&bogus=1');
	await expect(page.getByTestId('url-notices')).toContainText('Ignored pool=');
	await expect(page.getByTestId('url-notices')).toContainText('psize');
	await expect(page.getByTestId('url-notices')).toContainText('bank');
	await expect(page.getByTestId('url-notices')).toContainText('map=7 to map=4');
	await expect(page.getByTestId('url-notices').locator('script')).toHaveCount(0);
	await expect(page.getByTestId('pool-max')).toHaveAttribute('aria-pressed', 'true');
	await expect(page.getByTestId('map-pooled')).toBeVisible();
	expect(errors).toEqual([]);
});

test('exported .npy of the map before pooling and of the pooled map match a reference', async ({
	page
}) => {
	await openPooling(page, '?pstride=2&psize=2');
	const image = makeTestPng(24, 18);
	await upload(page, 'pattern.png', 'image/png', image.png);
	await expect(page.getByTestId('image-info')).toContainText('24×18');
	await expect(page.getByTestId('map-pooled')).toHaveAttribute('data-width', '12');
	const expected = reference(image, 2, 2);

	const pooled = await downloadNpy(page, 'Pooled map');
	expect(pooled.name).toContain('pooled');
	expect(pooled.header).toContain("'descr': '<f4'");
	expect(pooled.header).toMatch(/'shape': \(9, 12, 4\)/);
	expect(worstError(pooled.values, expected.pooled)).toBeLessThan(1e-4);

	const before = await downloadNpy(page, 'Map before pooling');
	expect(before.name).toContain('before-pooling');
	expect(before.header).toMatch(/'shape': \(18, 24, 4\)/);
	expect(worstError(before.values, expected.before)).toBeLessThan(1e-4);

	// 3×3 windows at stride 2 on 18×24: floor(15/2) + 1 = 8 rows, floor(21/2) + 1 = 11 columns
	await page.getByTestId('pool-size').fill('3');
	await expect(page.getByTestId('map-pooled')).toHaveAttribute('data-width', '11');
	const overlapping = await downloadNpy(page, 'Pooled map');
	expect(overlapping.header).toMatch(/'shape': \(8, 11, 4\)/);
	expect(worstError(overlapping.values, reference(image, 3, 2).pooled)).toBeLessThan(1e-4);
});

test('hover, tap and arrow keys pick a pooled cell and list its window', async ({ page }) => {
	await openPooling(page, '?size=128');
	const heading = page.getByTestId('pool-window').locator('h2');
	const start = await heading.textContent();
	const match = /row (\d+), col (\d+)/.exec(start!)!;
	await page.getByTestId('map-pooled').focus();
	await page.keyboard.press('ArrowRight');
	await expect(heading).toContainText(`row ${match[1]}, col ${Number(match[2]) + 1}`);
	await page.keyboard.press('ArrowDown');
	await expect(heading).toContainText(`row ${Number(match[1]) + 1}, col ${Number(match[2]) + 1}`);
	// The listed window holds psize² values and the winner is the largest of them.
	const cells = page.getByTestId('pool-window').locator('td');
	await expect(cells).toHaveCount(4);
	const values = (await cells.allTextContents()).map((t) => Number(t.replace('★', '')));
	const winner = Number(
		(await page.getByTestId('pool-window').locator('[data-winner]').textContent())!.replace('★', '')
	);
	expect(winner).toBe(Math.max(...values));
	expect(Number(await page.getByTestId('pooled-value').textContent())).toBe(winner);
	// Hovering the map before pooling picks the cell whose window is under the pointer.
	const box = (await page.getByTestId('map-before').boundingBox())!;
	const width = Number(await page.getByTestId('map-before').getAttribute('data-width'));
	const height = Number(await page.getByTestId('map-before').getAttribute('data-height'));
	await page.mouse.move(box.x + (10.5 / width) * box.width, box.y + (6.5 / height) * box.height);
	await expect(heading).toContainText('row 3, col 5');
});

test('the tensor count stays flat over 40 control changes', async ({ page }) => {
	test.setTimeout(180_000);
	const errors = watchErrors(page);
	await countRenders(page);
	await openPooling(page, '?size=128');
	const tensors = () => page.evaluate(() => window.convlab!.tf.memory().numTensors);
	// Counted once the page is idle: a change draws the shown kernel first and the whole bank a
	// frame later, so right after the rendered event one job can still hold its tensors.
	const settled = async () => {
		let last = await tensors();
		for (let same = 0; same < 3;) {
			await page.waitForTimeout(200);
			const now = await tensors();
			same = now === last ? same + 1 : 0;
			last = now;
		}
		return last;
	};
	// Each change differs from the one before it, so each one renders.
	const modes = ['pool-avg', 'pool-max'];
	const counts: number[] = [];
	for (let i = 0; i < 40; i++) {
		await afterRender(page, () => {
			if (i % 4 === 0) return page.getByTestId(modes[(i / 4) % modes.length]).click();
			if (i % 4 === 1) return page.getByTestId('pool-stride').fill(String(1 + ((i + 1) % 3)));
			if (i % 4 === 2)
				return page.getByTestId('bank-slot-2').selectOption(i % 8 === 2 ? 'sharpen' : 'laplacian');
			return page.getByTestId('bank-size').fill(i % 8 === 3 ? '5' : '3');
		});
		if (i === 9 || i === 39) counts.push(await settled());
	}
	expect(counts[1]).toBe(counts[0]);
	expect(errors).toEqual([]);
});

test.describe('on a phone', () => {
	test.use({ viewport: { width: 390, height: 844 } });
	test('the main picture is on the first screen', async ({ page }) => {
		await openPooling(page);
		for (const id of ['map-before', 'map-pooled']) {
			const box = (await page.getByTestId(id).boundingBox())!;
			expect(box.y + box.height, id).toBeLessThanOrEqual(844);
			expect(box.width, id).toBeGreaterThan(100);
		}
	});
});

test("the .npy exports name the bank's kernels as their channels, not colours", async ({
	page
}) => {
	await openPooling(page, '?bank=sobel-x,laplacian,box,emboss');
	for (const group of ['Map before pooling', 'Pooled map']) {
		const npy = page.getByRole('group', { name: group }).getByRole('button', { name: '.npy' });
		await expect(npy).toHaveAccessibleDescription(
			/; channels in order Sobel x, Laplacian, Box( blur)?, Emboss$/
		);
		await expect(npy).not.toHaveAccessibleDescription(/R, G, B/);
	}
});
