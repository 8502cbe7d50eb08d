import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import { luma, makeTestPng, openLab, upload, watchErrors, type TestImage } from './fixtures';
import { PROJECTOR_CHART_BOOST } from '../../src/lib/viz/rootFont';

const SHARPEN = [0, -1, 0, -1, 5, -1, 0, -1, 0];

interface Geometry {
	k: number;
	stride: number;
	dil: number;
	pad: 'valid' | 'same' | number;
}

/** Padding before the input and output length along one axis, from the definitions (TF's 'same'). */
function axis(n: number, g: Geometry) {
	const span = g.dil * (g.k - 1) + 1;
	if (g.pad === 'same') {
		const out = Math.ceil(n / g.stride);
		return { before: Math.floor(Math.max((out - 1) * g.stride + span - n, 0) / 2), out };
	}
	const p = g.pad === 'valid' ? 0 : g.pad;
	return { before: p, out: Math.floor((n + 2 * p - span) / g.stride) + 1 };
}

/** Direct cross-correlation with zero padding, written here so it shares no code with the app. */
function reference(
	input: Float64Array,
	height: number,
	width: number,
	kernel: number[],
	g: Geometry
) {
	const rows = axis(height, g);
	const cols = axis(width, g);
	const out = new Float64Array(rows.out * cols.out);
	for (let oy = 0; oy < rows.out; oy++)
		for (let ox = 0; ox < cols.out; ox++) {
			let sum = 0;
			for (let ky = 0; ky < g.k; ky++)
				for (let kx = 0; kx < g.k; kx++) {
					const iy = oy * g.stride - rows.before + ky * g.dil;
					const ix = ox * g.stride - cols.before + kx * g.dil;
					if (iy >= 0 && iy < height && ix >= 0 && ix < width)
						sum += kernel[ky * g.k + kx] * input[iy * width + ix];
				}
			out[oy * cols.out + ox] = sum;
		}
	return { data: out, height: rows.out, width: cols.out };
}

async function openWithImage(page: Page, query: string): Promise<TestImage> {
	await openLab(page, query);
	const image = makeTestPng(40, 30);
	await upload(page, 'pattern.png', 'image/png', image.png);
	await expect(page.getByTestId('image-info')).toContainText('40×30');
	return image;
}

/** Hover output pixel (y, x) of a map of mapH × mapW and wait until the details follow. */
async function hoverOutput(page: Page, y: number, x: number, mapH: number, mapW: number) {
	const box = (await page.getByTestId('feature-map').boundingBox())!;
	await page.mouse.move(
		box.x + ((x + 0.5) / mapW) * box.width,
		box.y + ((y + 0.5) / mapH) * box.height
	);
	await expect(page.getByTestId('dot-product')).toContainText(`row ${y}, col ${x}`);
}

/** [top, bottom, left, right] of "Output rows 3–5, cols 7–9" (or "row 3, col 7") in the step-through. */
function block(text: string): number[] | null {
	const m = /Output rows? (\d+)(?:–(\d+))?, cols? (\d+)(?:–(\d+))?/.exec(text);
	if (!m) return null;
	return [m[1], m[2] ?? m[1], m[3], m[4] ?? m[3]].map(Number);
}

const GEOMETRIES: Geometry[] = [
	{ k: 3, stride: 1, dil: 1, pad: 'same' },
	{ k: 3, stride: 2, dil: 2, pad: 1 },
	{ k: 3, stride: 3, dil: 1, pad: 'valid' }
];

for (const g of GEOMETRIES) {
	test(`step-through outputs and the magnified window match a reference: ${JSON.stringify(g)}`, async ({
		page
	}) => {
		const errors = watchErrors(page);
		const image = await openWithImage(
			page,
			`?kernel=sharpen&k=${g.k}&stride=${g.stride}&dil=${g.dil}&pad=${g.pad}`
		);
		const input = luma(image);
		const full = reference(input, 30, 40, SHARPEN, g);
		await expect(page.getByTestId('output-dims')).toHaveText(`${full.height}×${full.width}`);
		const where = page.getByTestId('step-where');
		for (const [y, x] of [
			[Math.floor(full.height / 2), Math.floor(full.width / 2)],
			[0, 0],
			[full.height - 1, full.width - 1],
			[1, full.width - 2]
		]) {
			await hoverOutput(page, y, x, full.height, full.width);
			// The step-through's block contains the selected pixel and equals the map there.
			await expect
				.poll(async () => {
					const b = block((await where.textContent()) ?? '');
					return b !== null && b[0] <= y && y <= b[1] && b[2] <= x && x <= b[3];
				})
				.toBe(true);
			// The step-through follows the map (a frame or a throttle later): the block's values are
			// polled until they are the uploaded image's, then must equal the reference everywhere.
			await expect
				.poll(async () => {
					const [top, bottom, left, right] = block((await where.textContent()) ?? '')!;
					const shown = await page
						.locator('[data-testid=step-svg] g.out-cell')
						.evaluateAll((cells) => cells.map((c) => Number(c.getAttribute('data-value'))));
					const blockW = right - left + 1;
					if (shown.length !== (bottom - top + 1) * blockW) return `${shown.length} cells`;
					const worst = shown.reduce((max, value, i) => {
						const expected =
							full.data[(top + Math.floor(i / blockW)) * full.width + left + (i % blockW)];
						return Math.max(max, Math.abs(value - expected));
					}, 0);
					return worst < 1e-4 ? 'equal' : `off by ${worst}`;
				})
				.toBe('equal');

			// The magnified window: the k×k taps of output (y, x) and the luma under each.
			const rows = axis(30, g);
			const cols = axis(40, g);
			// The window on the input is outlined, never filled over the pixels it reads.
			const fills = await page
				.locator('.input-view svg.overlay > g rect')
				.evaluateAll((rects) => rects.map((r) => r.getAttribute('fill') ?? ''));
			for (const fill of fills) expect(fill).toMatch(/^(none|url\(#.*\))$/);
			await expect(page.locator('.input-view svg.overlay rect.window')).toBeVisible();
			const cells = page.getByTestId('window-pixel');
			await expect(cells).toHaveCount(g.k * g.k);
			await expect(cells.first()).toHaveAttribute('data-iy', String(y * g.stride - rows.before));
			await expect(cells.first()).toHaveAttribute('data-ix', String(x * g.stride - cols.before));
			const magnified = await cells.evaluateAll((list) =>
				list.map((c) => ({
					iy: Number(c.getAttribute('data-iy')),
					ix: Number(c.getAttribute('data-ix')),
					text: c.textContent ?? ''
				}))
			);
			magnified.forEach((cell, i) => {
				const iy = y * g.stride - rows.before + Math.floor(i / g.k) * g.dil;
				const ix = x * g.stride - cols.before + (i % g.k) * g.dil;
				expect([cell.iy, cell.ix]).toEqual([iy, ix]);
				const inside = iy >= 0 && iy < 30 && ix >= 0 && ix < 40;
				const expected = inside ? input[iy * 40 + ix] : 0;
				expect(Math.abs(Number(cell.text) - expected), `pixel (${iy}, ${ix})`).toBeLessThanOrEqual(
					0.0051
				);
			});
		}
		expect(errors).toEqual([]);
	});
}

test('rapid steps, kernel and geometry changes and play/pause never raise a page error', async ({
	page
}) => {
	test.setTimeout(120_000);
	const errors = watchErrors(page);
	// Valid padding lets a wide dilated kernel leave no output at all: the step-through's figure
	// then leaves the page and comes back as a new <svg> mid-sequence.
	await openLab(page, '?k=3&pad=valid');
	let seed = 12345;
	const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
	const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)];
	const stride = page.getByRole('slider', { name: 'Stride' });
	const dilation = page.getByRole('slider', { name: 'Dilation' });
	for (let i = 0; i < 40; i++) {
		const action = pick([
			'next',
			'next',
			'back',
			'play',
			'size',
			'dil',
			'stride',
			'hover',
			'preset',
			'wide',
			'pad'
		]);
		const next = page.getByTestId('step-next');
		// No waiting between actions: steps must land while glides and redraws are in flight.
		if (action === 'next' && (await next.isEnabled().catch(() => false)))
			await next.click({ timeout: 2000 }).catch(() => {});
		if (action === 'back')
			await page
				.getByRole('button', { name: '◀ Step' })
				.click({ timeout: 500 })
				.catch(() => {});
		if (action === 'play')
			await page
				.getByTestId('step-play')
				.click({ timeout: 2000 })
				.catch(() => {});
		if (action === 'size')
			await page.getByTestId('kernel-size').fill(String(pick([1, 2, 3, 5, 7, 9, 11])));
		if (action === 'dil') await dilation.fill(String(pick([1, 2, 3, 4])));
		if (action === 'stride') await stride.fill(String(pick([1, 2, 3, 4])));
		if (action === 'wide') {
			// The widest reach the controls allow: with valid padding the step-through has no output.
			await page.getByTestId('kernel-size').fill('11');
			await dilation.fill('4');
		}
		if (action === 'pad')
			await page
				.getByRole('combobox', { name: 'Padding', exact: true })
				.selectOption(pick(['valid', 'same']));
		if (action === 'preset')
			await page
				.getByTestId('preset')
				.selectOption(pick(['box', 'sharpen', 'sobel-x', 'gaussian']));
		if (action === 'hover') {
			const box = await page
				.getByTestId('feature-map')
				.boundingBox({ timeout: 2000 })
				.catch(() => null);
			if (box) await page.mouse.move(box.x + random() * box.width, box.y + random() * box.height);
		}
		if (random() < 0.3) await page.waitForTimeout(Math.floor(random() * 150));
	}
	await page.waitForTimeout(800);
	expect(errors).toEqual([]);
});

test('the step-through comes back drawn, and steps, after a kernel too wide for any output', async ({
	page
}) => {
	const errors = watchErrors(page);
	await openLab(page, '?k=3&pad=valid');
	await expect(page.getByTestId('step-svg').locator('g.out-cell')).not.toHaveCount(0);
	await page.getByTestId('kernel-size').fill('11');
	await page.getByRole('slider', { name: 'Dilation' }).fill('4');
	await page.getByRole('slider', { name: 'Dilation' }).fill('1');
	await page.getByTestId('kernel-size').fill('3');
	const cells = page.getByTestId('step-svg').locator('g.out-cell');
	await expect(cells).not.toHaveCount(0);
	for (let i = 0; i < 4; i++) await page.getByTestId('step-next').click();
	await page.getByTestId('step-play').click();
	await page.waitForTimeout(600);
	expect(errors).toEqual([]);
});

/** Font size in px of the first element matching `selector`. */
const fontPx = (page: Page, selector: string) =>
	page
		.locator(selector)
		.first()
		.evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize));

test('projector mode enlarges chart ticks, legend and step-through text; a phone keeps ≥ 12 px', async ({
	page
}) => {
	await page.setViewportSize({ width: 390, height: 844 });
	await openLab(page);
	const selectors = {
		tick: '[data-testid=histogram] .tick text',
		profile: '[data-testid=row-profile] .tick text',
		legend: 'figure.feature-map svg.legend .tick text',
		step: '[data-testid=step-svg] g.out-cell text'
	};
	await expect(page.locator(selectors.step).first()).toBeAttached();
	const before: Record<string, number> = {};
	for (const [name, selector] of Object.entries(selectors))
		before[name] = await fontPx(page, selector);
	expect(before.step).toBeGreaterThanOrEqual(12);
	// The step-through is drawn at its own size, not squeezed into the phone's width.
	const svgBox = (await page.getByTestId('step-svg').boundingBox())!;
	expect(svgBox.width).toBeCloseTo(
		Number(await page.getByTestId('step-svg').getAttribute('width')),
		0
	);

	await page.setViewportSize({ width: 1920, height: 1080 });
	await page.getByRole('button', { name: 'Projector' }).click();
	await expect(page.locator('html')).toHaveClass(/projector/);
	const root = await page.evaluate(() =>
		Number.parseFloat(getComputedStyle(document.documentElement).fontSize)
	);
	expect(root).toBeGreaterThan(16);
	for (const [name, selector] of Object.entries(selectors)) {
		await expect
			.poll(() => fontPx(page, selector), { message: name })
			.toBeGreaterThanOrEqual(before[name] * 1.15);
	}
	// An export carries the enlarged sizes as plain px numbers.
	const download = page.waitForEvent('download');
	await page
		.getByRole('group', { name: 'Histogram' })
		.getByRole('button', { name: '.svg' })
		.click();
	const svg = readFileSync(await (await download).path(), 'utf8');
	// (chart text grows PROJECTOR_CHART_BOOST× more than the page's in projector mode)
	const chartPx = Math.round(((11 * root * PROJECTOR_CHART_BOOST) / 16) * 100) / 100;
	expect(svg).toContain(`font-size="${chartPx}"`);
	expect(svg).not.toContain('var(');
});

/** WCAG contrast of an `rgb(r, g, b)` colour against white. */
function contrastOnWhite(color: string): number {
	const [r, g, b] = (color.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map(Number);
	const lin = (v: number) => ((v /= 255) <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
	const l = 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
	return 1.05 / (l + 0.05);
}

test('every histogram bar is outlined ≥ 3:1 on white, on screen and in the exported SVG', async ({
	page
}) => {
	await openLab(page, '?kernel=sobel-x');
	const bars = page.locator('[data-testid=histogram] > g:first-of-type rect');
	await expect(bars.first()).toBeAttached();
	const strokes = await bars.evaluateAll((list) => list.map((r) => getComputedStyle(r).stroke));
	expect(strokes.length).toBeGreaterThan(4);
	for (const stroke of strokes) expect(contrastOnWhite(stroke)).toBeGreaterThanOrEqual(3);

	const download = page.waitForEvent('download');
	await page
		.getByRole('group', { name: 'Histogram' })
		.getByRole('button', { name: '.svg' })
		.click();
	const svg = readFileSync(await (await download).path(), 'utf8');
	expect(svg).not.toContain('var(');
	expect(svg).not.toMatch(/font-size="[^"]*(rem|em)"/);
	const barGroup = /<g[^>]*>((?:<rect[^>]*\/>)+)<\/g>/.exec(svg)![1];
	const exported = [...barGroup.matchAll(/stroke="([^"]+)"/g)].map((m) => m[1]);
	expect(exported.length).toBe(strokes.length);
	for (const stroke of exported) expect(contrastOnWhite(stroke)).toBeGreaterThanOrEqual(3);
	// Text sizes are resolved px numbers, so the file looks the same anywhere.
	expect(svg).toMatch(/font-size="11"/);
});

test('feature-map PNG at the working size and 2×, nearest-neighbour; .npy says its channel order', async ({
	page
}) => {
	await openWithImage(page, '?kernel=sharpen&k=3&stride=2&pad=same&mode=rgb');
	await expect(page.getByTestId('output-dims')).toHaveText('15×20');
	const group = page.getByRole('group', { name: 'Feature map' });
	const npy = group.getByRole('button', { name: '.npy' });
	await expect(npy).toHaveAccessibleDescription(/R, G, B, sum/);

	const save = async (name: RegExp) => {
		const download = page.waitForEvent('download');
		await group.getByRole('button', { name }).click();
		return PNG.sync.read(readFileSync(await (await download).path()));
	};
	const native = await save(/^\.png 20×15$/);
	expect([native.width, native.height]).toEqual([20, 15]);
	const working = await save(/^\.png 40×30$/);
	expect([working.width, working.height]).toEqual([40, 30]);
	const double = await save(/^\.png 2×/);
	expect([double.width, double.height]).toEqual([80, 60]);
	// Nearest-neighbour: each map pixel is an exact 4×4 block of the 2× image (and 2×2 at 40×30).
	for (const [img, f] of [
		[double, 4],
		[working, 2]
	] as const) {
		const expected = new Uint8Array(img.data.length);
		for (let y = 0; y < img.height; y++)
			for (let x = 0; x < img.width; x++) {
				const b = (Math.floor(y / f) * 20 + Math.floor(x / f)) * 4;
				expected.set(native.data.subarray(b, b + 4), (y * img.width + x) * 4);
			}
		expect(Buffer.from(img.data).equals(Buffer.from(expected))).toBe(true);
	}
});
