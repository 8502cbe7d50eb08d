// Browser only (createImageBitmap + OffscreenCanvas, so it works in a Worker as well as a page);
// the pure tile cutting it feeds, src/lib/engine/fashionMnistData.ts, is unit-tested in Node.
import {
	parseManifest,
	readLabels,
	spriteToImages,
	type FashionManifest,
	type FashionSet
} from '$lib/engine/fashionMnistData';
import { timedFetch } from '$lib/engine/timedFetch';

/** Where the app serves static/data/fashion-mnist/ (pass the app's base path in front). */
export const FASHION_DATA_PATH = 'data/fashion-mnist/';

/**
 * Decode a PNG (or any image the browser reads) to straight-alpha RGBA bytes, exactly: no colour
 * space conversion and no premultiplication, so a gray byte of 37 comes back as 37.
 */
export async function decodePngToRgba(
	blob: Blob
): Promise<{ data: Uint8ClampedArray; width: number; height: number }> {
	const bitmap = await createImageBitmap(blob, {
		colorSpaceConversion: 'none',
		premultiplyAlpha: 'none'
	});
	try {
		const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
		const context = canvas.getContext('2d', { willReadFrequently: true });
		if (!context) throw new Error('no 2D context on an OffscreenCanvas');
		context.drawImage(bitmap, 0, 0);
		return {
			data: context.getImageData(0, 0, bitmap.width, bitmap.height).data,
			width: bitmap.width,
			height: bitmap.height
		};
	} finally {
		bitmap.close();
	}
}

/** A data file, failing with a message rather than waiting forever when its download stalls. */
async function fetchOk(url: string): Promise<Response> {
	const response = await timedFetch(url);
	if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
	return response;
}

/** Fetch manifest.json from `baseUrl` (ending in '/'). */
export async function loadFashionManifest(baseUrl: string): Promise<FashionManifest> {
	return parseManifest(await (await fetchOk(`${baseUrl}manifest.json`)).json());
}

/**
 * Fetch and decode one shipped split (optionally only its first `limit` images).
 * @param baseUrl the folder URL ending in '/', e.g. `${base}/data/fashion-mnist/`
 */
export async function loadFashionSet(
	baseUrl: string,
	split: 'train' | 'test',
	limit?: number,
	manifest?: FashionManifest
): Promise<FashionSet> {
	const { splits, columns } = manifest ?? (await loadFashionManifest(baseUrl));
	const info = splits[split];
	const [blob, labelBytes] = await Promise.all([
		fetchOk(`${baseUrl}${info.images}`).then((r) => r.blob()),
		fetchOk(`${baseUrl}${info.labels}`).then((r) => r.arrayBuffer())
	]);
	const sheet = await decodePngToRgba(blob);
	const count = Math.min(limit ?? info.count, info.count);
	const labels = readLabels(new Uint8Array(labelBytes), info.count).slice(0, count);
	return {
		images: spriteToImages(sheet.data, sheet.width, sheet.height, count, columns),
		labels,
		count
	};
}
