import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { PNG } from 'pngjs';
import { proceduralScene } from '../../src/lib/engine/segmentation/proceduralScene';
import { watchErrors } from './fixtures';

// The Segmentation lab's measuring panels (skips with vs without, the checkerboard of a
// transposed conv) and painting with a finger. One browser context for the file.
test.describe.configure({ mode: 'serial' });

const RES = 64;
const SEED = 3;

/** Pixels at least `margin` px (Chebyshev) from any pixel of the other kind. */
function interior(mask: Uint8Array, size: number, want: 0 | 1, margin: number): [number, number][] {
	const out: [number, number][] = [];
	for (let y = margin; y < size - margin; y++)
		for (let x = margin; x < size - margin; x++) {
			let clean = true;
			for (let dy = -margin; dy <= margin && clean; dy++)
				for (let dx = -margin; dx <= margin && clean; dx++)
					if (mask[(y + dy) * size + (x + dx)] !== want) clean = false;
			if (clean) out.push([y, x]);
		}
	return out;
}

/** A short mouse dab at each picture pixel. */
async function dabs(page: Page, points: [number, number][]) {
	const box = (await page.getByTestId('scribble-canvas').boundingBox())!;
	for (const [y, x] of points) {
		const px = box.x + ((x + 0.5) / RES) * box.width;
		const py = box.y + ((y + 0.5) / RES) * box.height;
		await page.mouse.move(px, py);
		await page.mouse.down();
		await page.mouse.move(px + 1, py + 1, { steps: 2 });
		await page.mouse.up();
	}
}

const every = <T>(list: T[], n: number) =>
	Array.from({ length: n }, (_, i) => list[Math.floor(((i + 0.5) * list.length) / n)]);

test('skips with vs without: two networks trained on the same scribbles, scored against the scene’s exact mask', async ({
	page
}) => {
	test.setTimeout(180_000);
	const errors = watchErrors(page);
	await page.goto(`/segmentation/?src=scene&seed=${SEED}&res=${RES}&brush=3`);
	await expect(page.getByTestId('scribble-canvas')).toBeVisible();
	const scene = proceduralScene(RES, RES, SEED);
	const inside = interior(scene.mask, RES, 1, 3);
	const outside = interior(scene.mask, RES, 0, 4);
	expect(inside.length).toBeGreaterThan(20);

	await page.getByTestId('class-0').click();
	await dabs(page, every(inside, 8));
	await page.getByTestId('class-1').click();
	await dabs(page, every(outside, 14));
	await expect(page.getByTestId('class-0')).not.toContainText(/\b0$/);
	await expect(page.getByTestId('class-1')).not.toContainText(/\b0$/);

	const button = page.getByTestId('compare-skips');
	await expect(button).toBeEnabled();
	await button.click();
	await expect(button).toContainText('Training…');
	const result = page.getByTestId('skip-comparison');
	await expect(result).toBeVisible({ timeout: 150_000 });
	await expect(result).toContainText('With skips');
	await expect(result).toContainText('Without skips');
	// Both masks drawn, both scored against the exact mask.
	const figures = await result.locator('.figures').allTextContents();
	expect(figures).toHaveLength(2);
	const ious = figures.map((f) => Number(/IoU (\d\.\d+)/.exec(f)?.[1]));
	for (const v of ious) expect(v).toBeGreaterThanOrEqual(0);
	// 120 steps on 22 dabs: the network with skips finds the shapes.
	expect(ious[0]).toBeGreaterThan(0.5);
	const verdict = await page.getByTestId('skip-verdict').textContent();
	const diff = Number(/skips − without: (-?\d\.\d+)/.exec(verdict ?? '')?.[1]);
	expect(Number.isFinite(diff)).toBe(true);
	console.log(`skip comparison: ${figures.join(' | ')}; ${verdict?.replace(/\s+/g, ' ')}`);
	await expect(button).toHaveText('Compare with and without skips');
	expect(errors).toEqual([]);
});

test('a transposed 3×3 conv overlaps unevenly (a grid of taps) and a 4×4 one evenly; fresh transposed-conv networks checkerboard, resize + conv does not', async ({
	page
}) => {
	const errors = watchErrors(page);
	const scores = async () => {
		const demo = page.getByTestId('checkerboard-demo');
		await expect(demo).toBeVisible({ timeout: 30_000 });
		const text = (await demo.textContent()) ?? '';
		const [transposed, resize] = [...text.matchAll(/score (\d+\.\d+)/g)].map((m) => Number(m[1]));
		const overlap = Number(
			/score (\d+\.\d+)/.exec((await page.getByTestId('overlap-tile').textContent()) ?? '')?.[1]
		);
		return { overlap, transposed, resize };
	};
	await page.goto(`/segmentation/?src=scene&seed=${SEED}&res=${RES}&upk=3`);
	await expect(page.getByTestId('checkerboard-demo')).toContainText('Transposed 3×3');
	const odd = await scores();
	await page.goto(`/segmentation/?src=scene&seed=${SEED}&res=${RES}&upk=4`);
	await expect(page.getByTestId('checkerboard-demo')).toContainText('Transposed 4×4');
	const even = await scores();
	console.log(`checkerboard scores: 3×3 ${JSON.stringify(odd)}, 4×4 ${JSON.stringify(even)}`);
	// The cause: uneven overlap for a kernel not divisible by the stride, none for one that is.
	expect(odd.overlap).toBeGreaterThan(0.9);
	expect(even.overlap).toBe(0);
	// Random weights make a grid either way (every output phase uses other taps); resize + conv none.
	for (const s of [odd, even]) expect(s.transposed).toBeGreaterThan(2 * s.resize);
	expect(errors).toEqual([]);
});

test('the mask exports: class probabilities as .npy float32 [H, W, K] (Foreground first) and the mask as .png, both matching the overlay', async ({
	page
}) => {
	const errors = watchErrors(page);
	await page.goto(`/segmentation/?mode=pretrained&src=scene&seed=${SEED}&res=${RES}`);
	await expect(page.getByTestId('mask-score')).toContainText('IoU', { timeout: 40_000 });
	const exports = page.getByRole('group', { name: 'Export the mask' });

	const npyDownload = page.waitForEvent('download');
	await exports.getByRole('button', { name: 'Class probabilities (.npy)' }).click();
	const npy = readFileSync(await (await npyDownload).path());
	expect(npy.subarray(0, 6).toString('latin1')).toBe('\x93NUMPY');
	const offset = 10 + npy.readUInt16LE(8);
	const header = npy.subarray(10, offset).toString('latin1');
	expect(header).toContain("'descr': '<f4'");
	expect(header).toContain(`'shape': (${RES}, ${RES}, 2)`);
	const p = new Float32Array(
		npy.buffer.slice(npy.byteOffset + offset, npy.byteOffset + npy.length)
	);
	expect(p.length).toBe(RES * RES * 2);
	let worst = 0;
	for (let i = 0; i < RES * RES; i++)
		worst = Math.max(worst, Math.abs(p[2 * i] + p[2 * i + 1] - 1));
	expect(worst).toBeLessThan(1e-4);
	const foreground = Array.from({ length: RES * RES }, (_, i) =>
		p[2 * i] >= p[2 * i + 1] ? 1 : 0
	);

	// The overlay on screen paints the same pixels Foreground (Okabe–Ito orange, not sky blue).
	const overlay = await page.getByTestId('mask-overlay').evaluate((canvas: HTMLCanvasElement) => {
		const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
		const out: number[] = [];
		for (let i = 0; i < data.length; i += 4)
			out.push(data[i + 3] > 0 && data[i] > data[i + 2] + 60 ? 1 : 0);
		return out;
	});
	const differ = overlay.filter((v, i) => v !== foreground[i]).length;
	expect(differ / foreground.length).toBeLessThan(0.002);

	const pngDownload = page.waitForEvent('download');
	await exports.getByRole('button', { name: 'Mask (.png)' }).click();
	const png = PNG.sync.read(readFileSync(await (await pngDownload).path()));
	expect([png.width, png.height]).toEqual([RES, RES]);
	let mismatched = 0;
	for (let i = 0; i < RES * RES; i++) {
		const orange =
			png.data[4 * i] === 230 && png.data[4 * i + 1] === 159 && png.data[4 * i + 2] === 0;
		if (orange !== (foreground[i] === 1)) mismatched++;
	}
	expect(mismatched).toBe(0);
	expect(foreground.some((v) => v === 1) && foreground.some((v) => v === 0)).toBe(true);
	expect(errors).toEqual([]);
});

test.describe('on a touch screen', () => {
	test.use({ hasTouch: true, isMobile: true, viewport: { width: 390, height: 844 } });

	test('a finger paints scribbles without scrolling the page, and the picture is on the first screen', async ({
		page
	}) => {
		const errors = watchErrors(page);
		await page.goto(`/segmentation/?src=scene&seed=${SEED}&res=${RES}&brush=4`);
		const canvas = page.getByTestId('scribble-canvas');
		await expect(canvas).toBeVisible();
		const box = (await canvas.boundingBox())!;
		expect(box.y).toBeLessThan(844);
		await page.getByTestId('class-1').tap();
		await expect(page.getByTestId('class-1')).toHaveText(/\b0$/);
		await canvas.scrollIntoViewIfNeeded();
		const start = await page.evaluate(() => window.scrollY);
		const b = (await canvas.boundingBox())!;
		const client = await page.context().newCDPSession(page);
		const at = (fx: number, fy: number) => ({ x: b.x + fx * b.width, y: b.y + fy * b.height });
		await client.send('Input.dispatchTouchEvent', {
			type: 'touchStart',
			touchPoints: [at(0.2, 0.2)]
		});
		for (let i = 1; i <= 10; i++)
			await client.send('Input.dispatchTouchEvent', {
				type: 'touchMove',
				touchPoints: [at(0.2 + 0.06 * i, 0.2 + 0.05 * i)]
			});
		await client.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
		await expect(page.getByTestId('class-1')).not.toHaveText(/\b0$/);
		expect(await page.evaluate(() => window.scrollY)).toBe(start);
		expect(errors).toEqual([]);
	});
});
