/**
 * Test inputs made in the test itself, and an independent reference for what the app should
 * compute on them: a direct loop from the definition, not the app's code.
 */
import { expect, type Page } from '@playwright/test';
import { PNG } from 'pngjs';
import { deflateSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { spawn } from 'node:child_process';

export interface TestImage {
	png: Buffer;
	width: number;
	height: number;
	/** RGBA bytes, row-major */
	rgba: Uint8Array;
}

/** A deterministic picture with edges in both directions and some colour. */
export function makeTestPng(width: number, height: number): TestImage {
	const png = new PNG({ width, height });
	for (let y = 0; y < height; y++) {
		for (let x = 0; x < width; x++) {
			const i = (y * width + x) * 4;
			const square = x > width / 4 && x < (3 * width) / 4 && y > height / 4 && y < (3 * height) / 4;
			png.data[i] = square ? 230 : (x * 255) / Math.max(1, width - 1);
			png.data[i + 1] = square ? 40 : (y * 255) / Math.max(1, height - 1);
			png.data[i + 2] = (x * 7 + y * 13) % 256;
			png.data[i + 3] = 255;
		}
	}
	const buffer = PNG.sync.write(png);
	return { png: buffer, width, height, rgba: new Uint8Array(png.data) };
}

export function luma(image: TestImage): Float64Array {
	const out = new Float64Array(image.width * image.height);
	for (let i = 0; i < out.length; i++) {
		const r = image.rgba[i * 4] / 255;
		const g = image.rgba[i * 4 + 1] / 255;
		const b = image.rgba[i * 4 + 2] / 255;
		out[i] = 0.299 * r + 0.587 * g + 0.114 * b;
	}
	return out;
}

/** Cross-correlation, 'same' padding at stride 1 (odd k: p = (k−1)/2 each side). */
export function referenceSameConv(
	input: Float64Array,
	height: number,
	width: number,
	kernel: number[],
	k: number
): Float64Array {
	const p = (k - 1) / 2;
	const out = new Float64Array(height * width);
	for (let y = 0; y < height; y++)
		for (let x = 0; x < width; x++) {
			let sum = 0;
			for (let ky = 0; ky < k; ky++)
				for (let kx = 0; kx < k; kx++) {
					const iy = y - p + ky;
					const ix = x - p + kx;
					if (iy >= 0 && iy < height && ix >= 0 && ix < width)
						sum += kernel[ky * k + kx] * input[iy * width + ix];
				}
			out[y * width + x] = sum;
		}
	return out;
}

/** A PNG whose IHDR claims a huge size; the body is a valid but tiny zlib stream. */
export function hugeHeaderPng(width: number, height: number): Buffer {
	const crcTable = Array.from({ length: 256 }, (_, n) => {
		let c = n;
		for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
		return c >>> 0;
	});
	const crc = (bytes: Buffer) => {
		let c = 0xffffffff;
		for (const b of bytes) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
		return (c ^ 0xffffffff) >>> 0;
	};
	const chunk = (type: string, data: Buffer) => {
		const length = Buffer.alloc(4);
		length.writeUInt32BE(data.length);
		const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
		const sum = Buffer.alloc(4);
		sum.writeUInt32BE(crc(body));
		return Buffer.concat([length, body, sum]);
	};
	const ihdr = Buffer.alloc(13);
	ihdr.writeUInt32BE(width, 0);
	ihdr.writeUInt32BE(height, 4);
	ihdr[8] = 8;
	ihdr[9] = 2;
	return Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		chunk('IHDR', ihdr),
		chunk('IDAT', deflateSync(Buffer.alloc(64))),
		chunk('IEND', Buffer.alloc(0))
	]);
}

/** Collects uncaught page errors and console errors; a test asserts the list stays empty. */
export function watchErrors(page: Page): string[] {
	const errors: string[] = [];
	page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
	page.on('console', (message) => {
		if (message.type() === 'error') errors.push(`console: ${message.text()}`);
	});
	return errors;
}

/** Open a lab and wait until a feature map is on screen. */
export async function openLab(page: Page, query = ''): Promise<void> {
	await page.goto(`/convolution/${query}`);
	await expect(page.getByTestId('feature-map')).toBeVisible();
	await expect(page.getByTestId('backend-name')).not.toHaveText('…');
}

export async function upload(page: Page, name: string, mimeType: string, buffer: Buffer) {
	await page.getByTestId('file-input').setInputFiles({ name, mimeType, buffer });
}

/** Count `convlab:rendered` events from page load on (install before navigating). */
export async function countRenders(page: Page): Promise<void> {
	await page.addInitScript(() => {
		const w = window as unknown as { renders: number };
		w.renders = 0;
		window.addEventListener('convlab:rendered', () => w.renders++);
	});
}

/** Run a user action and wait until a new feature map is on screen because of it. */
export async function afterRender(page: Page, action: () => Promise<unknown>): Promise<void> {
	const before = await page.evaluate(() => (window as unknown as { renders: number }).renders);
	await action();
	await page.waitForFunction((n) => (window as unknown as { renders: number }).renders > n, before);
}

/** Insert an EXIF APP1 segment (big-endian TIFF, one IFD entry: Orientation) after a JPEG's SOI. */
export function withExifOrientation(jpeg: Buffer, orientation: number): Buffer {
	const app1 = Buffer.from([
		0xff,
		0xe1,
		0x00,
		0x22, // APP1, length 34
		0x45,
		0x78,
		0x69,
		0x66,
		0x00,
		0x00, // "Exif\0\0"
		0x4d,
		0x4d,
		0x00,
		0x2a,
		0x00,
		0x00,
		0x00,
		0x08, // "MM", 42, IFD at 8
		0x00,
		0x01, // one entry
		0x01,
		0x12,
		0x00,
		0x03,
		0x00,
		0x00,
		0x00,
		0x01, // tag 0x0112 Orientation, SHORT, count 1
		0x00,
		orientation,
		0x00,
		0x00, // value
		0x00,
		0x00,
		0x00,
		0x00 // no next IFD
	]);
	return Buffer.concat([jpeg.subarray(0, 2), app1, jpeg.subarray(2)]);
}

/** The text of the file that `click` makes the page download. */
export async function downloadText(page: Page, click: () => Promise<unknown>): Promise<string> {
	const download = page.waitForEvent('download');
	await click();
	let text = '';
	for await (const chunk of await (await download).createReadStream()) text += chunk;
	return text;
}

/** Click the feature map's .npy export and parse the download (NumPy format 1.0, float32). */
export async function downloadNpy(page: Page): Promise<{ header: string; values: Float32Array }> {
	const download = page.waitForEvent('download');
	await page
		.getByRole('group', { name: 'Feature map' })
		.getByRole('button', { name: '.npy' })
		.click();
	const file = readFileSync(await (await download).path());
	expect(file.subarray(0, 6).toString('latin1')).toBe('\x93NUMPY');
	const headerLength = file.readUInt16LE(8);
	const offset = 10 + headerLength;
	expect(offset % 64).toBe(0);
	const header = file.subarray(10, offset).toString('latin1');
	const values = new Float32Array(
		file.buffer.slice(file.byteOffset + offset, file.byteOffset + file.length)
	);
	return { header, values };
}

/**
 * A webcam lab's picture against the camera: `canvas` (a canvas, or the first canvas inside the
 * element with that test id) and the hidden <video>'s current frame, both drawn at the canvas's
 * size and reduced to luma (0–255). Returns the mean absolute difference between them, and a
 * 32×24 luma thumbnail of the canvas to compare one frame with the next.
 */
export async function pictureVsCamera(
	page: Page,
	testid: string
): Promise<{ toCamera: number; thumbnail: number[]; width: number; height: number }> {
	return page.getByTestId(testid).evaluate((node) => {
		const canvas = node instanceof HTMLCanvasElement ? node : node.querySelector('canvas')!;
		const video = document.querySelector('video')!;
		const lumaOf = (source: CanvasImageSource, width: number, height: number) => {
			const copy = document.createElement('canvas');
			copy.width = width;
			copy.height = height;
			const context = copy.getContext('2d')!;
			context.drawImage(source, 0, 0, width, height);
			const rgba = context.getImageData(0, 0, width, height).data;
			return Float64Array.from(
				{ length: width * height },
				(_, i) => 0.299 * rgba[4 * i] + 0.587 * rgba[4 * i + 1] + 0.114 * rgba[4 * i + 2]
			);
		};
		const shown = lumaOf(canvas, canvas.width, canvas.height);
		const camera = lumaOf(video, canvas.width, canvas.height);
		let sum = 0;
		for (let i = 0; i < shown.length; i++) sum += Math.abs(shown[i] - camera[i]);
		return {
			toCamera: sum / shown.length,
			thumbnail: [...lumaOf(canvas, 32, 24)],
			width: canvas.width,
			height: canvas.height
		};
	});
}

/** Mean absolute difference of two luma thumbnails from pictureVsCamera. */
export function thumbnailChange(a: number[], b: number[]): number {
	return a.reduce((sum, value, i) => sum + Math.abs(value - b[i]), 0) / a.length;
}

/** Waits until `n` more `convlab:rendered` events have fired (frames keep arriving). */
export async function moreRenders(page: Page, n: number): Promise<void> {
	const count = () =>
		page.evaluate(() => {
			const w = window as unknown as { moreRenders?: number };
			if (w.moreRenders === undefined) {
				w.moreRenders = 0;
				window.addEventListener('convlab:rendered', () => w.moreRenders!++);
			}
			return w.moreRenders;
		});
	const target = (await count()) + n;
	await expect
		.poll(count, { message: `${n} more pictures on screen`, timeout: 30_000 })
		.toBeGreaterThanOrEqual(target);
}

/** Long tasks (Long Tasks API, ≥ 50 ms) from page load on, with their start and duration. */
export async function watchLongTasks(page: Page) {
	await page.addInitScript(() => {
		const w = window as unknown as { longTasks: { start: number; duration: number }[] };
		w.longTasks = [];
		new PerformanceObserver((list) => {
			for (const entry of list.getEntries())
				w.longTasks.push({ start: entry.startTime, duration: entry.duration });
		}).observe({ type: 'longtask', buffered: true });
	});
}

/** The longest main-thread task since `since` (performance.now() on the page). */
export const longestSince = (page: Page, since: number) =>
	page.evaluate(
		(t) =>
			Math.max(
				0,
				...(window as unknown as { longTasks: { start: number; duration: number }[] }).longTasks
					.filter((task) => task.start >= t)
					.map((task) => task.duration)
			),
		since
	);

/**
 * scripts/serve-lan.mjs on `host` (127.0.0.1, or 0.0.0.0 for every interface) at a free port,
 * serving `dir`; resolves once it says it is listening, with the laptop's address it printed.
 */
export async function serveLan(
	host: string,
	dir: string,
	extra: string[] = []
): Promise<{ origin: string; port: number; stop: () => void }> {
	const server = spawn(
		process.execPath,
		['scripts/serve-lan.mjs', '--host', host, '--port', '0', '--dir', dir, ...extra],
		{ stdio: ['ignore', 'pipe', 'inherit'] }
	);
	let output = '';
	server.stdout?.on('data', (chunk) => (output += chunk));
	const deadline = Date.now() + 15_000;
	while (!/Press Ctrl\+C/.test(output)) {
		if (Date.now() > deadline) throw new Error(`serve-lan did not start: ${output}`);
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
	const origin = /on this laptop:\s+(http:\/\/127\.0\.0\.1:(\d+))\//.exec(output);
	return {
		origin: origin?.[1] ?? '',
		port: Number(origin?.[2]),
		stop: () => server.kill('SIGTERM')
	};
}

/**
 * Follow the navigation's link to a lab, as a person does: where the bar is short of room the
 * links sit behind the Labs menu, which is opened first.
 */
export async function clickLabLink(page: Page, name: string): Promise<void> {
	const menu = page.getByTestId('labs-menu');
	if ((await menu.isVisible()) && (await menu.getAttribute('aria-expanded')) !== 'true') {
		await menu.click();
	}
	await page.getByRole('navigation', { name: 'Labs' }).getByRole('link', { name }).click();
}

/**
 * Follow an in-app link, as a learner clicking one on the page does (SvelteKit routes it, so a
 * link to the lab on screen is a same-route navigation).
 */
export async function followLink(page: Page, href: string): Promise<void> {
	await page.evaluate((target) => {
		const link = document.createElement('a');
		link.href = target;
		link.textContent = 'in-app link';
		link.id = 'test-link';
		document.querySelector('main')!.append(link);
	}, href);
	await page.locator('#test-link').click();
	await page.locator('#test-link').evaluate((link) => link.remove());
}

/**
 * tf.memory().numTensors (0 before the engine loads) once it has stayed the same for `reads` reads 250 ms apart (secondary
 * views and late arrivals settle after the picture); after 15 s, whatever it is then.
 */
export async function settledTensors(page: Page, reads = 3): Promise<number> {
	let last = -1;
	for (let same = 0, i = 0; same < reads && i < 60; i++) {
		await page.waitForTimeout(250);
		// no engine on the page (a fresh document of a page that computes nothing): no tensor
		const now = await page.evaluate(() => window.convlab?.tf.memory().numTensors ?? 0);
		same = now === last ? same + 1 : 0;
		last = now;
	}
	return last;
}
