import { expect, test, type Page } from '@playwright/test';
import { PNG } from 'pngjs';
import { LABS } from '../../src/lib/labs';
import { clickLabLink, makeTestPng, upload, watchErrors } from './fixtures';

// What a learner, a keyboard user and a locked-down browser meet on /segmentation: the picture
// follows the image they pick, scores only after training, keyboard painting, quiet live regions,
// failures said plainly. The service worker is kept out so page.route sees every download.
test.use({ serviceWorkers: 'block' });

/** Drag the mouse along fractions of the scribble canvas. */
async function stroke(page: Page, points: [number, number][]) {
	const box = (await page.getByTestId('scribble-canvas').boundingBox())!;
	const at = ([fx, fy]: [number, number]) =>
		[box.x + fx * box.width, box.y + fy * box.height] as const;
	await page.mouse.move(...at(points[0]));
	await page.mouse.down();
	for (const p of points.slice(1)) await page.mouse.move(...at(p), { steps: 5 });
	await page.mouse.up();
}

/** Foreground in the middle of scene 3 (a shape), Background along the border. */
async function paintScene(page: Page) {
	await page.getByTestId('class-0').click();
	await stroke(page, [
		[0.45, 0.5],
		[0.55, 0.5]
	]);
	await page.getByTestId('class-1').click();
	await stroke(page, [
		[0.03, 0.03],
		[0.97, 0.03],
		[0.97, 0.97]
	]);
	await expect(page.getByTestId('train-toggle')).toBeEnabled();
}

const tensors = (page: Page) =>
	page.evaluate(
		() =>
			(
				window as unknown as { convlab?: { tf: { memory(): { numTensors: number } } } }
			).convlab?.tf.memory().numTensors ?? -1
	);

test('an upload or a sample picked while on the lab replaces the scene at once', async ({
	page
}) => {
	const errors = watchErrors(page);
	await page.goto('/segmentation/?res=64');
	await expect(page.getByTestId('src-scene')).toBeChecked();
	await upload(page, 'wide.png', 'image/png', makeTestPng(80, 40).png);
	await expect(page).toHaveURL(/src=image/);
	await expect(page.getByTestId('src-image')).toBeChecked();
	await expect(page.getByTestId('scribble-stack')).toHaveAttribute(
		'style',
		/aspect-ratio: 64 \/ 32/
	);
	// Back on the scene, a sample click switches again.
	await page.getByTestId('src-scene').check();
	await expect(page.getByTestId('scribble-stack')).toHaveAttribute(
		'style',
		/aspect-ratio: 64 \/ 64/
	);
	await page.getByRole('button', { name: 'Coffee cup' }).click();
	await expect(page.getByTestId('src-image')).toBeChecked();
	await expect(page.getByTestId('image-info')).toContainText('coffee');
	expect(errors).toEqual([]);
});

test('no score before training; with 3 classes the score says what it measures; old scribbles are not drawn in the pretrained mode', async ({
	page
}) => {
	const errors = watchErrors(page);
	await page.goto('/segmentation/?src=scene&seed=3&res=64&brush=5&classes=3');
	// The untrained network's mask is shown, but no score for it.
	await expect
		.poll(() =>
			page.getByTestId('mask-overlay').evaluate((c: HTMLCanvasElement) => {
				const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
				return d.some((v, i) => i % 4 === 3 && v > 0);
			})
		)
		.toBe(true);
	await expect(page.getByTestId('mask-score')).toHaveCount(0);
	await paintScene(page);
	await expect(page.getByTestId('mask-score')).toHaveCount(0);
	await page.getByTestId('train-toggle').click();
	const score = page.getByTestId('mask-score');
	await expect(score).toContainText('IoU');
	// 3 classes against a two-region scene: the score is of "not Background", and says so.
	await expect(score).toContainText(/every class but Background/);
	await page.getByTestId('train-toggle').click();

	const strokesShown = () =>
		page.getByTestId('scribble-strokes').evaluate((c: HTMLCanvasElement) => {
			const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
			return c.checkVisibility() && d.some((v, i) => i % 4 === 3 && v > 0);
		});
	expect(await strokesShown()).toBe(true);
	await page.getByTestId('mode-pretrained').check();
	await expect.poll(strokesShown).toBe(false);
	// In the selfie mode the picture is always the shell's image: the radio says so.
	await page.getByTestId('mode-selfie').check();
	await expect(page.getByTestId('src-image')).toBeChecked();
	expect(errors).toEqual([]);
});

test('with 2 classes the score is the Foreground IoU, named so', async ({ page }) => {
	await page.goto('/segmentation/?src=scene&seed=3&res=64&brush=5');
	await paintScene(page);
	await page.getByTestId('train-toggle').click();
	await expect(page.getByTestId('mask-score')).toContainText('Foreground IoU');
	await page.getByTestId('train-toggle').click();
});

test('the keyboard paints scribbles: arrows move the brush, Space paints, Shift+arrows paint while moving, and Train comes on', async ({
	page
}) => {
	const errors = watchErrors(page);
	await page.goto('/segmentation/?src=scene&seed=3&res=64&brush=4');
	const canvas = page.getByRole('application', { name: /Scribble/ });
	await expect(canvas).toHaveAccessibleDescription(/arrow keys.*Space/i);
	const train = page.getByTestId('train-toggle');
	await expect(train).toBeDisabled();
	await expect(page.getByRole('button', { name: /Paint Foreground/ })).toBeVisible();

	await page.getByTestId('class-0').focus();
	await page.keyboard.press('Enter');
	await canvas.focus();
	await expect(canvas).toBeFocused();
	await expect(page.getByTestId('brush-cursor')).toBeVisible();
	await page.keyboard.press('Space');
	for (let i = 0; i < 3; i++) await page.keyboard.press('Shift+ArrowRight');
	await expect(page.getByTestId('class-0')).not.toHaveText(/\b0$/);

	await page.getByTestId('class-1').focus();
	await page.keyboard.press('Enter');
	await canvas.focus();
	for (let i = 0; i < 6; i++) await page.keyboard.press('ArrowUp');
	for (let i = 0; i < 3; i++) await page.keyboard.press('Shift+ArrowLeft');
	await expect(page.getByTestId('class-1')).not.toHaveText(/\b0$/);
	await expect(train).toBeEnabled();
	expect(errors).toEqual([]);
});

test('training announces its start, its pause and occasional summaries: at most one live-region change per 3 s', async ({
	page
}) => {
	test.setTimeout(40_000);
	await page.goto('/segmentation/?src=scene&seed=3&res=64&brush=5');
	await paintScene(page);
	await page.evaluate(() => {
		const w = window as unknown as { liveChanges: string[] };
		w.liveChanges = [];
		const main = document.querySelector('main')!;
		const seen = new WeakMap<Element, string>();
		const live = () =>
			main.querySelectorAll(
				'[aria-live]:not([aria-live="off"]), [role="status"], [role="alert"], [role="log"]'
			);
		for (const region of live()) seen.set(region, region.textContent ?? '');
		new MutationObserver(() => {
			for (const region of live()) {
				const text = region.textContent ?? '';
				if (seen.get(region) !== text) {
					seen.set(region, text);
					if (text.trim()) w.liveChanges.push(text.trim());
				}
			}
		}).observe(main, { subtree: true, childList: true, characterData: true, attributes: true });
	});
	await page.getByTestId('train-toggle').click();
	await page.waitForTimeout(5_000);
	// Visible progress, and an estimate that agrees with the step count and speed shown beside it.
	await expect(page.getByTestId('settle-progress')).toBeVisible();
	// both read in one task, so no training update lands between them
	const [status, settle] = await page.evaluate(() =>
		['segmentation-status', 'settle'].map(
			(id) => document.querySelector(`[data-testid="${id}"]`)?.textContent ?? ''
		)
	);
	const step = Number(/Step (\d+)/.exec(status)?.[1]);
	const rate = Number(/([\d.]+) steps\/s/.exec(status)?.[1]);
	const more = /about (\d+) s more at ([\d.]+) steps\/s/.exec(settle);
	if (step < 100 && rate > 0) {
		expect(Number(more?.[2])).toBe(rate);
		expect(Number(more?.[1])).toBe(Math.ceil((100 - step) / rate));
	}
	await page.waitForTimeout(5_000);
	await page.getByTestId('train-toggle').click();
	await expect(page.getByTestId('segmentation-status')).toContainText(/Step [1-9]/);
	const changes = await page.evaluate(
		() => (window as unknown as { liveChanges: string[] }).liveChanges
	);
	console.log(
		`live-region changes in 10 s of training: ${changes.length}: ${JSON.stringify(changes)}`
	);
	// One start: the step under way when Pause is pressed must not announce (or show) a restart.
	expect(changes.filter((c) => /started/i.test(c))).toHaveLength(1);
	expect(changes.at(-1)).toMatch(/Paused/);
	// start + pause + at most one summary per 3 s in between
	expect(changes.length).toBeLessThanOrEqual(2 + Math.floor(10 / 3));
});

test('a training worker that fails to start says so, and Train does not turn into Pause', async ({
	page
}) => {
	const errors = watchErrors(page);
	await page.addInitScript(() => {
		const Real = window.Worker;
		window.Worker = class extends Real {
			constructor(url: string | URL, options?: WorkerOptions) {
				// A worker script that cannot be fetched: the Worker fires `error`.
				super(String(url).includes('segmentationTrainer') ? '/no-such-worker.js' : url, options);
			}
		};
	});
	await page.goto('/segmentation/?src=scene&seed=3&res=64&brush=5');
	await expect(page.getByRole('alert')).toContainText(/training worker/i);
	await page.getByTestId('class-0').click();
	await stroke(page, [
		[0.45, 0.5],
		[0.55, 0.5]
	]);
	await expect(page.getByTestId('class-0')).not.toHaveText(/\b0$/);
	// Nothing can train: the button says so by being off, and never shows "Pause".
	const train = page.getByTestId('train-toggle');
	await expect(train).toBeDisabled();
	await train.click({ force: true });
	await expect(train).toHaveText('Train');
	expect(errors.filter((e) => !/no-such-worker|404/.test(e))).toEqual([]);
});

test('when new Worker() itself throws, the lab says training is unavailable', async ({ page }) => {
	await page.addInitScript(() => {
		const Real = window.Worker;
		window.Worker = class extends Real {
			constructor(url: string | URL, options?: WorkerOptions) {
				if (String(url).includes('segmentationTrainer'))
					throw new DOMException('Workers are blocked', 'SecurityError');
				super(url, options);
			}
		};
	});
	await page.goto('/segmentation/?src=scene&seed=3&res=64&brush=5');
	await expect(page.getByRole('alert')).toContainText(/training worker/i);
	await expect(page.getByTestId('train-toggle')).toHaveText('Train');
});

test('a picture too thin for the U-Net is explained (not a raw error), and the message goes when a normal image loads', async ({
	page
}) => {
	await page.goto('/segmentation/?src=image&res=128');
	const thin = new PNG({ width: 200, height: 1 });
	thin.data.fill(200);
	await upload(page, 'thin.png', 'image/png', PNG.sync.write(thin));
	await expect(page.getByTestId('image-info')).toContainText('thin.png');
	const explained = page.getByTestId('picture-too-small');
	await expect(explained).toContainText(/at least 4 px/);
	await expect(page.getByText(/Padding in dimension/)).toHaveCount(0);
	await upload(page, 'normal.png', 'image/png', makeTestPng(96, 64).png);
	await expect(page.getByTestId('image-info')).toContainText('normal.png');
	await expect(explained).toHaveCount(0);
	await expect(page.getByText(/Training failed/)).toHaveCount(0);
});

test('leaving the lab while the pretrained U-Net is still downloading leaves no weight tensor behind', async ({
	page
}) => {
	let release: () => void = () => {};
	const held = new Promise<void>((resolve) => (release = resolve));
	let requested = false;
	await page.route('**/models/unet-scenes/unet.bin', async (route) => {
		requested = true;
		await held;
		await route.continue();
	});
	await page.goto('/pooling/');
	await expect(page.getByTestId('backend-name')).not.toHaveText('…');
	await expect.poll(() => tensors(page)).toBeGreaterThanOrEqual(0);
	await page.waitForTimeout(1000);
	const baseline = await tensors(page);
	await clickLabLink(page, 'Segmentation');
	await page.getByTestId('mode-pretrained').check();
	await expect.poll(() => requested).toBe(true);
	await clickLabLink(page, 'Pooling');
	await expect(page).toHaveURL(/\/pooling\//);
	release();
	// The weights arrive after the lab is gone: they must be freed, not kept.
	await page.waitForResponse('**/models/unet-scenes/unet.bin');
	await page.waitForTimeout(1500);
	expect(await tensors(page)).toBeLessThanOrEqual(baseline);
});

test('with site data blocked (reading localStorage throws) every lab renders, and /segmentation says scribbles will not be kept', async ({
	page
}) => {
	test.setTimeout(60_000);
	await page.addInitScript(() => {
		for (const name of ['localStorage', 'sessionStorage', 'indexedDB'])
			Object.defineProperty(window, name, {
				configurable: true,
				get() {
					throw new DOMException('Access is denied for this document.', 'SecurityError');
				}
			});
		const w = window as unknown as { renders: number };
		w.renders = 0;
		window.addEventListener('convlab:rendered', () => w.renders++);
	});
	const errors = watchErrors(page);
	for (const lab of LABS) {
		await page.goto(lab.path);
		await page.waitForFunction(() => (window as unknown as { renders: number }).renders > 0);
	}
	await page.goto('/segmentation/');
	await expect(page.getByText(/scribbles will not be kept/)).toBeVisible();
	expect(errors).toEqual([]);
});
