/**
 * A seeded random walk through each lab, as an impatient learner would do it: buttons, selects,
 * sliders, checkboxes, number boxes, drags on the canvases (mouse and touch), key presses on the
 * pictures; in the Convolution lab also typing and scrubbing in the kernel grid and the
 * step-through in any order; in the Network lab model switches and the training's play / step /
 * pause / reset; in the Segmentation lab strokes on the scribble canvas, its modes (scribble
 * U-Net, pretrained U-Net, selfie model) and Train / Pause / Reset; in those two labs also leaving
 * the lab mid-way, often just after starting training or switching models, and coming back.
 * Any uncaught error or console error fails the test, which prints the seed and the last actions
 * so the walk can be replayed (RANDOM_SEED=<seed> to repeat one; RANDOM_ACTIONS=<n> for a longer
 * walk). Whenever the walk leaves a lab, the tensor count on the home page must be a fresh page's
 * and no worker may be left running. Afterwards the lab's main picture must still be drawn, and
 * the tensor count must be flat: the lab, opened again on its first settings, holds no more
 * tensors than it did before the walk. All labs share one browser context.
 *
 * The last test is the soak: 8 lab round trips, with DOM nodes, listeners and heap after GC flat.
 * Long soaks belong in this one spec (not one per lab), so the suite's time stays in one place.
 */
import {
	expect,
	test,
	type Browser,
	type CDPSession,
	type Locator,
	type Page,
	type Request
} from '@playwright/test';
import { memoryAfterGc } from '../../scripts/memoryAfterGc.mjs';
import { seededRandom } from '../../src/lib/engine/seededRandom';
import { settledTensors, watchErrors } from './fixtures';

const SEED = Number(process.env.RANDOM_SEED ?? 20261201);
const ACTIONS = process.env.RANDOM_ACTIONS ? Number(process.env.RANDOM_ACTIONS) : null;

type Random = () => number;
const pick = <T>(random: Random, items: readonly T[]): T =>
	items[Math.floor(random() * items.length)];

/** A visible, enabled element of `locator`, chosen at random; null when there is none. */
async function anyOf(random: Random, locator: Locator): Promise<Locator | null> {
	const count = await locator.count();
	const order = Array.from({ length: count }, (_, i) => i).sort(() => random() - 0.5);
	for (const i of order) {
		const item = locator.nth(i);
		if ((await item.isVisible()) && (await item.isEnabled())) return item;
	}
	return null;
}

async function dragOn(
	page: Page,
	random: Random,
	target: Locator,
	touch: boolean
): Promise<string> {
	await target.scrollIntoViewIfNeeded();
	const box = await target.boundingBox();
	if (!box) return 'drag: nothing to drag on';
	const at = () => ({ x: box.x + random() * box.width, y: box.y + random() * box.height });
	const from = at();
	const to = at();
	if (touch) {
		const cdp = await page.context().newCDPSession(page);
		await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [from] });
		for (let i = 1; i <= 6; i++) {
			const point = {
				x: from.x + ((to.x - from.x) * i) / 6,
				y: from.y + ((to.y - from.y) * i) / 6
			};
			await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [point] });
		}
		await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
		await cdp.detach();
	} else {
		await page.mouse.move(from.x, from.y);
		await page.mouse.down();
		await page.mouse.move(to.x, to.y, { steps: 6 });
		await page.mouse.up();
	}
	return `${touch ? 'touch' : 'mouse'} drag (${from.x | 0},${from.y | 0})→(${to.x | 0},${to.y | 0})`;
}

type ActionKind =
	| 'button'
	| 'select'
	| 'slider'
	| 'checkbox'
	| 'number'
	| 'map-mouse'
	| 'map-touch'
	| 'canvas-drag'
	| 'kernel-type'
	| 'kernel-scrub'
	| 'step'
	| 'key'
	| 'radio'
	| 'train'
	| 'model'
	| 'leave';

/** What the walk needs to know about a lab. */
interface LabWalk {
	name: string;
	/** the route and query it starts on */
	url: string;
	/** the main picture: a canvas (or an SVG chart) that must still show something afterwards */
	picture: string;
	/** the picture that takes hover, drags and keys */
	map: string;
	/** which canvases of `picture` must be painted (all by default): a CSS selector inside it */
	drawn?: string;
	/** the buttons the 'train' and 'model' actions press, by test id */
	train?: readonly string[];
	models?: readonly string[];
	/** console errors that are not the page's fault (a model file this checkout lacks) */
	benign?: RegExp;
	/** tensors the lab holds on the page at the start: 0 where its models live in a worker */
	minTensors?: number;
	actions: number;
	kinds: readonly ActionKind[];
}

const COMMON: readonly ActionKind[] = [
	'button',
	'button',
	'select',
	'slider',
	'slider',
	'checkbox',
	'number',
	'map-mouse',
	'map-touch',
	'canvas-drag',
	'key'
];

const LABS: LabWalk[] = [
	{
		name: 'convolution',
		url: '/convolution/?size=128',
		picture: 'feature-map',
		map: 'feature-map',
		actions: 30,
		kinds: [...COMMON, 'kernel-type', 'kernel-scrub', 'step', 'step']
	},
	{
		name: 'pooling',
		url: '/pooling/?size=128',
		picture: 'map-pooled',
		map: 'map-before',
		actions: 28,
		kinds: COMMON
	},
	{
		name: 'invariance',
		url: '/invariance/?size=128',
		picture: 'shifted-maps',
		map: 'shifted-input',
		// Fewer: a bank or fill change recomputes its 33-shift curve.
		actions: 18,
		kinds: COMMON
	},
	{
		name: 'fc-vs-conv',
		url: '/fc-vs-conv/?size=128',
		picture: 'shuffle-shuffled',
		map: 'shuffle-original',
		actions: 28,
		kinds: COMMON
	},
	{
		name: 'receptive-field',
		url: '/receptive-field/?size=128',
		picture: 'rf-image',
		map: 'rf-image',
		actions: 28,
		kinds: COMMON,
		// The effective receptive field is computed in a worker (erf.worker.ts): the page holds none.
		minTensors: 0
	},
	{
		name: 'network',
		url: '/network/',
		picture: 'layer-canvas-0',
		map: 'drawing-pad',
		// Fewer: a model switch loads and runs another network; training steps run in a worker.
		actions: 18,
		kinds: [...COMMON, 'train', 'train', 'model', 'leave'],
		train: ['train-toggle', 'train-step', 'train-toggle', 'train-reset'],
		models: ['model-fashion', 'model-selfie'],
		// The trained classifier may not ship in every checkout: the page builds the untrained one.
		benign: /Failed to load resource.*404/
	},
	{
		name: 'segmentation',
		url: '/segmentation/?res=128',
		picture: 'scribble-stack',
		// The photo under the strokes; the strokes and the mask are empty until painted or trained.
		drawn: 'canvas:first-child',
		map: 'scribble-canvas',
		actions: 18,
		kinds: [...COMMON, 'map-mouse', 'radio', 'train', 'train', 'model', 'leave'],
		train: ['train-toggle', 'train-toggle', 'train-reset'],
		models: ['mode-scribble', 'mode-pretrained', 'mode-selfie'],
		// The scribble U-Net trains in a worker: the page itself starts with no tensor.
		minTensors: 0
	},
	{
		name: 'normalization',
		url: '/normalization/?size=128&clf_steps=10',
		picture: 'eigen-chart',
		map: 'contour-chart',
		// Few: the classifier runs prepare 2,000 images in a worker; the fits are sliced tasks.
		actions: 15,
		kinds: [...COMMON, 'train', 'train', 'leave'],
		train: ['classifier-toggle', 'classifier-toggle', 'classifier-reset'],
		// κ, the fits and the charts are plain arrays; the classifier trains in a worker.
		minTensors: 0
	},
	{
		name: 'residual',
		url: '/residual/?size=128&depth=8&steps=100',
		picture: 'block-output',
		map: 'block-identity',
		actions: 18,
		kinds: [...COMMON, 'train', 'train', 'leave'],
		train: ['train-toggle', 'train-step', 'train-toggle', 'train-reset'],
		// Both networks train in a worker; the block on the image frees its tensors at once.
		minTensors: 0
	},
	{
		name: 'batch-norm',
		url: '/batch-norm/?size=128',
		picture: 'batch-panel',
		map: 'panel-image',
		actions: 14,
		kinds: [...COMMON, 'train', 'train'],
		train: ['train-toggle', 'train-step', 'train-reset'],
		// Ioffe's networks train in a worker; the image panel frees its tensors after each job
		minTensors: 0
	},
	{
		name: 'imbalance',
		// the baseline alone trains: each retrained remedy re-evaluates 10,000 test images
		url: '/imbalance/?weights=false&oversample=false&undersample=false',
		picture: 'photo-input',
		map: 'photo-input',
		actions: 15,
		kinds: [...COMMON, 'train', 'train'],
		train: ['train-toggle', 'train-step', 'train-toggle', 'train-reset'],
		// the classifiers train in a worker: the page holds no tensor
		minTensors: 0
	},
	{
		name: 'pca',
		url: '/pca/?size=128&n=1000',
		// the PCA map: drawn once the classifier's embedding (the page's only tensors) is loaded
		picture: 'map-pca',
		map: 'reconstruction',
		actions: 12,
		kinds: [...COMMON, 'leave']
	}
];

/** One random action; returns what it did, for the failure report. */
async function act(page: Page, random: Random, walk: LabWalk): Promise<string> {
	const lab = page.locator('.lab');
	const kind = pick(random, walk.kinds);
	switch (kind) {
		case 'button': {
			const button = await anyOf(random, lab.getByRole('button'));
			if (!button) return 'button: none';
			const name = (await button.getAttribute('aria-label')) ?? (await button.textContent());
			// Downloads are tested elsewhere; here they would only pile up files.
			if (/\.(npy|csv|png|svg)/.test(name ?? '')) return `button: skipped ${name}`;
			await button.click({ timeout: 5000 });
			return `button "${name?.trim().slice(0, 40)}"`;
		}
		case 'select': {
			const select = await anyOf(random, lab.locator('select'));
			if (!select) return 'select: none';
			const options = await select
				.locator('option')
				.evaluateAll((o) => o.map((option) => (option as HTMLOptionElement).value));
			const value = pick(random, options);
			await select.selectOption(value);
			return `select ${await select.getAttribute('aria-label')} = ${value}`;
		}
		case 'slider': {
			const slider = await anyOf(random, lab.getByRole('slider'));
			if (!slider) return 'slider: none';
			const [min, max] = await slider.evaluate((s) => [
				Number((s as HTMLInputElement).min),
				Number((s as HTMLInputElement).max)
			]);
			const value = String(min + Math.floor(random() * (max - min + 1)));
			await slider.fill(value);
			return `slider ${await slider.getAttribute('aria-label')} = ${value}`;
		}
		case 'checkbox': {
			const box = await anyOf(random, lab.getByRole('checkbox'));
			if (!box) return 'checkbox: none';
			await box.click();
			return `checkbox ${(await box.evaluate((b) => b.parentElement?.textContent ?? '')).trim().slice(0, 30)}`;
		}
		case 'number': {
			const box = await anyOf(random, lab.locator('input[type="number"]'));
			if (!box) return 'number: none';
			const text = pick(random, ['1', '7', '64', '0', '-3', '99999', '2.5', 'abc', '']);
			await box.fill(text);
			await box.press(pick(random, ['Enter', 'Tab']));
			return `number ${await box.getAttribute('aria-label')} = "${text}"`;
		}
		case 'map-mouse':
		case 'map-touch': {
			const map = page.getByTestId(walk.map).first();
			if (!(await map.isVisible())) return `${kind}: no ${walk.map}`;
			return dragOn(page, random, map, kind === 'map-touch');
		}
		case 'canvas-drag': {
			const canvas = await anyOf(random, lab.locator('canvas'));
			return canvas ? dragOn(page, random, canvas, random() < 0.5) : 'canvas: none';
		}
		case 'kernel-type': {
			const cell = await anyOf(random, page.getByTestId('kernel-grid').getByRole('button'));
			if (!cell) return 'kernel cell: none';
			await cell.click();
			const input = page.getByTestId('kernel-grid').locator('input');
			const text = pick(random, ['1', '-2', '0.5', '0', '3.25', '-0.125', '1e2', 'abc', '']);
			if (await input.isVisible()) {
				await input.fill(text);
				await input.press(pick(random, ['Enter', 'Escape', 'Tab']));
			}
			return `kernel cell typed "${text}"`;
		}
		case 'kernel-scrub': {
			const cell = await anyOf(random, page.getByTestId('kernel-grid').getByRole('button'));
			if (!cell) return 'kernel cell: none';
			const box = (await cell.boundingBox())!;
			await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
			await page.mouse.down();
			await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2 - 40 + random() * 80, {
				steps: 5
			});
			await page.mouse.up();
			return 'kernel cell scrubbed';
		}
		case 'step': {
			const name = pick(random, ['Reset', '◀ Step', 'Step ▶', 'Play', 'Pause']);
			const button = page.getByRole('button', { name, exact: true });
			if ((await button.count()) === 0 || !(await button.first().isEnabled()))
				return `step ${name}: n/a`;
			await button.first().click();
			return `step-through ${name}`;
		}
		case 'radio': {
			const radio = await anyOf(random, lab.getByRole('radio'));
			if (!radio) return 'radio: none';
			await radio.check();
			return `radio ${await radio.getAttribute('data-testid')}`;
		}
		case 'train':
		case 'model': {
			const id = pick(random, (kind === 'train' ? walk.train : walk.models) ?? []);
			const button = id ? page.getByTestId(id).first() : null;
			if (!button || !(await button.isVisible()) || !(await button.isEnabled()))
				return `${kind} ${id}: n/a`;
			const name = (await button.textContent())?.trim();
			await button.click({ timeout: 5000 });
			return `${kind} ${id} "${name}"`;
		}
		case 'leave': {
			// Mid-way: often just after starting training or switching models, while that work
			// (a worker's steps, a model's download) is still in flight.
			// Back to the settings before the click (that click's own URL write may not land).
			const back = new URL(page.url());
			let during = '';
			const ids = [...(walk.train ?? []), ...(walk.models ?? [])];
			if (ids.length && random() < 0.7) {
				const id = pick(random, ids);
				const button = page.getByTestId(id).first();
				if ((await button.isVisible()) && (await button.isEnabled())) {
					await button.click({ timeout: 5000 });
					during = ` just after ${id}`;
				}
			}
			const { left, tensors } = await leaveLab(page);
			if (left) errors.push(`after leaving ${walk.name}${during}: ${left}`);
			await navigate(page, back.pathname + back.search);
			await open(page, walk);
			return `left the lab${during} (${tensors} tensors on the home page) and came back`;
		}
		case 'key': {
			const map = page.getByTestId(walk.map).first();
			if (!(await map.isVisible())) return `key: no ${walk.map}`;
			await map.focus();
			const key = pick(random, [
				'ArrowLeft',
				'ArrowRight',
				'Shift+ArrowDown',
				'ArrowUp',
				'PageUp',
				'End',
				'Control+Home'
			]);
			await page.keyboard.press(key);
			return `map key ${key}`;
		}
	}
}

/**
 * The picture is on screen: its canvases have a size and were painted (an unpainted canvas is
 * transparent; a feature map may well be one flat colour), or its SVG chart has marks in it.
 */
async function pictureDrawn(page: Page, testid: string, drawn?: string): Promise<boolean> {
	return page
		.getByTestId(testid)
		.first()
		.evaluate((node, selector) => {
			const canvases =
				node instanceof HTMLCanvasElement
					? [node]
					: [
							...node.querySelectorAll<HTMLCanvasElement>(
								selector ? `:scope > ${selector}` : 'canvas'
							)
						];
			if (canvases.length === 0) return node.querySelectorAll('rect, path, line').length > 0;
			return canvases.every((canvas) => {
				const context = canvas.getContext('2d');
				if (!context || canvas.width === 0 || canvas.height === 0) return false;
				const rgba = context.getImageData(0, 0, canvas.width, canvas.height).data;
				for (let i = 3; i < rgba.length; i += 4) if (rgba[i] !== 0) return true;
				return false;
			});
		}, drawn);
}

/** Client-side navigation (the SPA keeps TF.js and its tensors), as a click on a link would do. */
async function navigate(page: Page, href: string): Promise<void> {
	await page.evaluate((to) => {
		const link = document.createElement('a');
		link.href = new URL(to, window.location.origin).href;
		document.body.append(link);
		link.click();
		link.remove();
	}, href);
	await page.waitForURL((url) => url.pathname === new URL(href, 'http://x').pathname);
}

/** The tensors a fresh page holds (the home page, loaded afresh, before any lab: none today). */
let freshTensors = 0;

/**
 * Leave the lab for the home page; returns what it left behind (tensors beyond a fresh page's,
 * workers still running), or '' when it left nothing.
 */
async function leaveLab(page: Page): Promise<{ left: string; tensors: number }> {
	await navigate(page, '/');
	// A model download the lab started may still be landing: count once it has. (Only model
	// downloads: a fetch of a training worker that leaving terminated never reports an end.)
	await expect
		.poll(() => [...inFlight].map((r) => r.url()).filter((url) => url.includes('/models/')), {
			timeout: 30_000
		})
		.toEqual([]);
	const tensors = await settledTensors(page);
	// A worker ends a moment after its page lets go of it.
	const workers = await expect
		.poll(() => page.workers().length, { timeout: 5000 })
		.toBe(0)
		.then(() => 0)
		.catch(() => page.workers().length);
	const left = [
		tensors !== freshTensors ? `${tensors} tensors (a fresh page has ${freshTensors})` : '',
		workers ? `${workers} worker(s) still running` : ''
	];
	return { left: left.filter(Boolean).join(', '), tensors };
}

async function open(page: Page, walk: LabWalk): Promise<void> {
	await expect(page.getByTestId(walk.picture).first()).toBeVisible({ timeout: 60_000 });
	await expect(page.getByTestId('backend-name')).not.toHaveText('…');
	await expect
		.poll(() => pictureDrawn(page, walk.picture, walk.drawn), { timeout: 30_000 })
		.toBe(true);
}

// Each walk opens its lab afresh in the worker's page: the walks run side by side in the
// workers (a failure in one no longer skips the others).
test.describe.configure({ mode: 'parallel' });
let page: Page;
let errors: string[];
/** the page's requests not yet finished (a model download in flight) */
const inFlight = new Set<Request>();

test.beforeAll(async ({ browser }: { browser: Browser }) => {
	const context = await browser.newContext({
		viewport: { width: 1280, height: 900 },
		acceptDownloads: true,
		// A route cannot see what a service worker serves from its cache (the worker is tested in
		// offline.spec).
		serviceWorkers: 'block'
	});
	page = await context.newPage();
	// Playwright waits for an element without end unless told otherwise: a walk that picked the
	// n-th button just before a re-render removed it (RANDOM_SEED=14: /residual's Reset redraws
	// its panels) hung until the test's own time-out. An action now gives up after 10 s and is
	// logged as failed, like any element that went away mid-action.
	page.setDefaultTimeout(10_000);
	page.setDefaultNavigationTimeout(60_000);
	// Models download as over a workshop's wifi, so that a lab left just after a model switch is
	// left while the download is in flight, as a learner would on a slow network.
	await page.route('**/models/**', async (route) => {
		await new Promise((resolve) => setTimeout(resolve, 1500));
		await route.continue().catch(() => {});
	});
	errors = watchErrors(page);
	page.on('request', (request) => inFlight.add(request));
	page.on('requestfinished', (request) => inFlight.delete(request));
	page.on('requestfailed', (request) => inFlight.delete(request));
	await page.goto('/');
	await page.waitForLoadState('networkidle');
	freshTensors = await page.evaluate(() => window.convlab?.tf.memory().numTensors ?? 0);
});
test.afterAll(async () => {
	await page.context().close();
});

for (const walk of LABS) {
	const actions = ACTIONS ?? walk.actions;
	test(`${walk.name}: a seeded random walk of ${actions} actions raises no error, leaves the picture drawn and no tensor behind (seed ${SEED})`, async () => {
		test.setTimeout(Math.max(180_000, actions * 2_000));
		errors.length = 0;
		const pageErrors = () => errors.filter((e) => !walk.benign?.test(e));
		await page.goto(walk.url);
		await open(page, walk);
		const baseline = await settledTensors(page);
		expect(baseline).toBeGreaterThanOrEqual(walk.minTensors ?? 1);
		const random = seededRandom(SEED);
		const log: string[] = [];
		const report = () =>
			`${walk.name}, seed ${SEED} (RANDOM_SEED=${SEED} to replay); errors:\n  ${pageErrors().join('\n  ')}\n` +
			`last actions:\n  ${log.slice(-15).join('\n  ')}`;
		for (let i = 0; i < actions; i++) {
			try {
				const where = new URL(page.url());
				const started = Date.now();
				const did = await act(page, random, walk);
				log.push(`${i} (${Date.now() - started} ms): ${did}`);
				if (new URL(page.url()).pathname !== where.pathname) {
					// A sideways touch drag that the page does not take is the browser's "back" swipe:
					// the learner has left the lab mid-way, so check what it left, and come back.
					log.push(`   the browser went back to ${page.url()}`);
					const { left } = await leaveLab(page);
					if (left) errors.push(`after swiping away from ${walk.name}: ${left}`);
					await navigate(page, where.pathname + where.search);
					await open(page, walk);
				}
			} catch (error) {
				// An element that went away mid-action (the view re-rendered) is not a bug; note it.
				log.push(`${i}: (action failed: ${String(error).split('\n')[0].slice(0, 100)})`);
			}
			if (pageErrors().length) break;
			if (random() < 0.15) await page.waitForTimeout(Math.floor(random() * 400));
		}
		// Let the last frames, curves and step-through timers run before judging.
		await page.waitForTimeout(1000);
		await test.info().attach('actions', { body: log.join('\n'), contentType: 'text/plain' });
		expect(pageErrors(), report()).toEqual([]);
		await expect(page.getByTestId(walk.picture).first(), report()).toBeVisible();
		expect(await pictureDrawn(page, walk.picture, walk.drawn), report()).toBe(true);

		// Leaving frees everything the lab made.
		expect((await leaveLab(page)).left, report()).toBe('');
		// Flat: open it again on its first settings, inside the same page.
		await navigate(page, walk.url);
		await open(page, walk);
		expect(await settledTensors(page), report()).toBeLessThanOrEqual(baseline);
		expect(pageErrors(), report()).toEqual([]);
	});
}

// Found by the network walk above: the lab kept its networks when left, so every visit that
// switched to the selfie network left its ~155 weight tensors behind (19 → 174 → 329 tensors over
// two visits). Leaving now disposes both networks.
test('network: leaving the lab frees the selfie network it loaded', async () => {
	await page.goto('/network/');
	await expect(page.getByTestId('layer-canvas-0')).toBeVisible({ timeout: 60_000 });
	const baseline = await settledTensors(page);
	await page.getByTestId('model-selfie').click();
	await expect(page.getByTestId('layer-canvas-9')).toBeVisible({ timeout: 60_000 });
	await navigate(page, '/');
	await navigate(page, '/network/?model=fashion');
	await expect(page.getByTestId('layer-canvas-0')).toBeVisible({ timeout: 60_000 });
	expect(await settledTensors(page)).toBeLessThanOrEqual(baseline);
});

/** DOM nodes, event listeners and used JS heap (MB), after garbage collection, over CDP. */
const memory = (cdp: CDPSession) => memoryAfterGc(cdp, (ms) => page.waitForTimeout(ms));

// Found by a soak: every lab left stayed in memory, ~4,200 DOM nodes, ~42 listeners and ~0.4 MB
// of heap per /convolution ↔ /pooling round trip, linearly. The colour legend registered its svg
// with rootFont's followers and never let go, and the svg's parent pointers held the whole lab.
test('8 lab round trips leave DOM nodes, listeners and the JS heap flat after GC', async () => {
	test.setTimeout(300_000);
	const [home, away] = [LABS[0], LABS[1]];
	errors.length = 0;
	await page.goto(home.url);
	await open(page, home);
	const cdp = await page.context().newCDPSession(page);
	const roundTrip = async () => {
		await navigate(page, away.url);
		await open(page, away);
		await navigate(page, home.url);
		await open(page, home);
	};
	// Two warm-up trips: the first visit of each lab loads its code and fills caches for good.
	for (let i = 0; i < 2; i++) await roundTrip();
	const samples = [await memory(cdp)];
	for (let i = 1; i <= 8; i++) {
		await roundTrip();
		samples.push(await memory(cdp));
	}
	await cdp.detach();
	const table = samples
		.map((s, i) => `${i}: ${s.nodes} nodes, ${s.listeners} listeners, ${s.heapMB.toFixed(2)} MB`)
		.join('\n');
	await test
		.info()
		.attach('memory after each round trip', { body: table, contentType: 'text/plain' });
	const [first, middle, last] = [samples[0], samples[4], samples[8]];
	// A leak of one lab's page per trip adds thousands of nodes and tens of listeners each time.
	expect(Math.max(...samples.map((s) => s.nodes)) - first.nodes, table).toBeLessThanOrEqual(100);
	expect(Math.max(...samples.map((s) => s.listeners)) - first.listeners, table).toBeLessThanOrEqual(
		4
	);
	// The heap still grows a little as the engine compiles hot code and the history gets longer
	// (~0.01–0.1 MB a trip once warm); a lab kept alive costs ~0.4 MB a trip, 1.6 MB over four.
	expect(last.heapMB - middle.heapMB, table).toBeLessThan(1);
	expect(errors).toEqual([]);
});
