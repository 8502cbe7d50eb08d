/**
 * Offline, as a workshop meets it: after one visit the service worker has cached every page,
 * script, .wasm binary, sample, model and data file; with the network off each lab in LABS
 * reloads and draws its main picture. A new deploy waits for the Reload button.
 */
import { expect, test, type Page } from '@playwright/test';
import {
	cpSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	rmSync,
	statSync,
	writeFileSync
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LABS } from '../../src/lib/labs';
import { countRenders, openLab, serveLan, watchErrors } from './fixtures';

// The suite blocks the service worker by default (playwright.config.ts): here it is the subject.
test.use({ serviceWorkers: 'allow' });

/** Every file under `dir`, as paths relative to it with '/' separators. */
function filesUnder(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return filesUnder(path).map((f) => `${name}/${f}`);
		return [name];
	});
}

async function waitUntilCached(page: Page) {
	await page.evaluate(async () => {
		const registration = await navigator.serviceWorker.ready;
		// wait until every asset is cached (install finished and the worker is active)
		while (registration.active?.state !== 'activated') await new Promise((r) => setTimeout(r, 100));
	});
	await expect(page.getByTestId('offline-status')).toHaveText(/Ready offline/);
}

test('after one visit the lab starts with no network (service worker cache)', async ({
	page,
	context
}) => {
	const errors = watchErrors(page);
	await openLab(page);
	await waitUntilCached(page);
	await context.setOffline(true);
	await page.goto('/convolution/?img=coffee&kernel=laplacian&k=5');
	await expect(page.getByTestId('feature-map')).toBeVisible();
	await expect(page.getByTestId('image-info')).toContainText('coffee');
	await expect(page.getByTestId('backend-name')).toHaveText('wasm');
	await page.getByRole('button', { name: /Falcon 9/ }).click();
	await expect(page.getByTestId('image-info')).toContainText('rocket');
	await context.setOffline(false);
	expect(errors).toEqual([]);
});

test('the cache holds everything in static/ (samples, models, data) and every .wasm binary', async ({
	page
}) => {
	await page.goto('/');
	await waitUntilCached(page);
	const cached = await page.evaluate(async () => {
		const names = (await caches.keys()).filter((name) => name.startsWith('convlab-'));
		const cache = await caches.open(names[0]);
		return {
			names,
			paths: (await cache.keys()).map((request) => new URL(request.url).pathname)
		};
	});
	expect(cached.names).toHaveLength(1);
	const staticFiles = filesUnder('static').map((f) => `/${f}`);
	const wasm = filesUnder('build/_app')
		.filter((f) => f.endsWith('.wasm'))
		.map((f) => `/_app/${f}`);
	expect(wasm.length).toBeGreaterThanOrEqual(2); // plain and SIMD (threaded too)
	for (const path of [...staticFiles, ...wasm]) expect(cached.paths).toContain(path);
	for (const lab of LABS) expect(cached.paths).toContain(lab.path);
});

test('offline, every lab reloads and draws its main picture', async ({ page, context }) => {
	test.setTimeout(120_000);
	const errors = watchErrors(page);
	await countRenders(page);
	await page.goto('/');
	await waitUntilCached(page);
	await context.setOffline(true);
	for (const [i, lab] of LABS.entries()) {
		await page.goto(`${lab.path}?present=1`);
		// a reload asks the cache the same way as a navigation: once is enough
		if (i === 0) await page.reload();
		await page.waitForFunction(() => (window as unknown as { renders: number }).renders > 0);
		await expect(page.locator('main canvas').first(), lab.title).toBeVisible();
		await expect(page.getByTestId('backend-name')).toHaveText('wasm');
		await expect(page.locator('html')).toHaveClass(/projector/);
	}
	await context.setOffline(false);
	expect(errors).toEqual([]);
});

test('offline, the labs that train still train (their workers, WASM and data come from the cache)', async ({
	page,
	context
}) => {
	test.setTimeout(150_000);
	const errors = watchErrors(page);
	// A slow start, made certain: the page hears nothing from the classifier's training worker
	// until the test lets it, so the Step press below lands while the panel is still waiting for it.
	await page.addInitScript(() => {
		const Native = window.Worker;
		const held: (() => void)[] = [];
		const w = window as unknown as { releaseTrainer: () => void; trainerHeld: boolean };
		w.trainerHeld = true;
		w.releaseTrainer = () => {
			w.trainerHeld = false;
			held.splice(0).forEach((deliver) => deliver());
		};
		window.Worker = class extends Native {
			constructor(url: string | URL, options?: WorkerOptions) {
				super(url, options);
				if (!String(url).includes('classifierTrainer')) return;
				let listener: ((event: MessageEvent) => void) | null = null;
				super.onmessage = (event: MessageEvent) =>
					w.trainerHeld ? held.push(() => listener?.(event)) : listener?.(event);
				Object.defineProperty(this, 'onmessage', { set: (f) => (listener = f) });
			}
		};
	});
	await page.goto('/');
	await waitUntilCached(page);
	await context.setOffline(true);

	// /network: one batch of the shipped Fashion-MNIST subset, in the training worker. A press
	// while the worker starts is kept (the button used to turn disabled under the pointer then).
	await page.goto('/network/');
	await page.getByTestId('training-panel').scrollIntoViewIfNeeded();
	await expect(page.getByTestId('training-panel')).toContainText('starting TF.js in a worker');
	await expect(page.getByTestId('train-step')).toBeEnabled();
	await page.getByTestId('train-step').click();
	await page.evaluate(() => (window as unknown as { releaseTrainer: () => void }).releaseTrainer());
	await expect(page.getByTestId('train-step-count')).toHaveText('1', { timeout: 60_000 });
	await expect(page.getByTestId('train-backend')).toHaveText(/wasm/);

	// /segmentation: a few strokes on the generated scene, then train until a step is reported.
	await page.goto('/segmentation/?src=scene&res=64&brush=4');
	const canvas = page.getByRole('application', { name: /Scribble/ });
	await expect(canvas).toBeVisible();
	const box = (await canvas.boundingBox())!;
	const drag = async (from: [number, number], to: [number, number]) => {
		await page.mouse.move(box.x + from[0] * box.width, box.y + from[1] * box.height);
		await page.mouse.down();
		await page.mouse.move(box.x + to[0] * box.width, box.y + to[1] * box.height, { steps: 8 });
		await page.mouse.up();
	};
	await page.getByTestId('class-0').click();
	await drag([0.45, 0.45], [0.55, 0.55]);
	await page.getByTestId('class-1').click();
	await drag([0.05, 0.05], [0.95, 0.05]);
	await page.getByTestId('train-toggle').click();
	await expect(page.getByTestId('segmentation-status')).toContainText(/Step [1-9]/, {
		timeout: 60_000
	});
	await page.getByTestId('train-toggle').click();
	await context.setOffline(false);
	expect(errors).toEqual([]);
});

test('a new version waits for the Reload button, then takes over keeping the settings', async ({
	page
}) => {
	test.slow();
	const dir = mkdtempSync(join(tmpdir(), 'convlab-deploy-'));
	cpSync('build', dir, { recursive: true });
	const server = await serveLan('127.0.0.1', dir);
	try {
		const file = join(dir, 'service-worker.js');
		const original = readFileSync(file, 'utf8');
		const version = /`(\d{12,14})`/.exec(original)?.[1] ?? '';
		expect(version).not.toBe('');
		const next = `${version}1`;
		await page.goto(`${server.origin}/pooling/?pool=avg`);
		await waitUntilCached(page);
		await page.evaluate(() => ((window as unknown as { marker: number }).marker = 1));
		// a new deploy: the same worker with another version
		writeFileSync(file, original.replace(`\`${version}\``, `\`${next}\``));
		await page.evaluate(async () => {
			const registration = await navigator.serviceWorker.ready;
			await registration.update();
		});
		const status = page.getByTestId('offline-status');
		await expect(status).toContainText('New version available');
		// prominent: full-size bold text on the notice colour, not a small grey line
		const look = await status.evaluate((e) => {
			const style = getComputedStyle(e);
			return {
				size: parseFloat(style.fontSize),
				weight: Number(style.fontWeight),
				bg: style.backgroundColor
			};
		});
		expect(look.size).toBeGreaterThanOrEqual(16);
		expect(look.weight).toBeGreaterThanOrEqual(700);
		expect(look.bg).not.toBe('rgba(0, 0, 0, 0)');
		// it waits: still the same page, nothing reloaded under the lesson
		await page.waitForTimeout(500);
		expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(1);
		const reloaded = page.waitForEvent('load');
		await status.getByRole('button', { name: 'Reload' }).click();
		await reloaded;
		expect(
			await page.evaluate(() => (window as unknown as { marker?: number }).marker)
		).toBeUndefined();
		expect(new URL(page.url()).search).toContain('pool=avg');
		await expect(status).toHaveText(/Ready offline/);
		const names = await page.evaluate(() => window.caches.keys());
		expect(names.filter((name) => name.startsWith('convlab-'))).toEqual([`convlab-${next}`]);
	} finally {
		server.stop();
		rmSync(dir, { recursive: true, force: true });
	}
});

test("offline, an address that is no page shows the app's 404, not the browser's error", async ({
	page,
	context
}) => {
	const server = await serveLan('127.0.0.1', 'build');
	try {
		await page.goto(`${server.origin}/pooling/`);
		await waitUntilCached(page);
		await context.setOffline(true);
		const response = await page.goto(`${server.origin}/no-such-lab/?k=3`);
		expect(response?.status()).toBe(404);
		await expect(page.getByRole('link', { name: 'ConvLab home' })).toBeVisible();
		await expect(page.locator('main')).toContainText('404');
	} finally {
		await context.setOffline(false);
		server.stop();
	}
});
