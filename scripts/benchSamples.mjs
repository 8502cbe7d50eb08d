/**
 * What the benchmark scripts read from static/, as the app reads it: a sample photo's luma
 * (composited over white, BT.601, through the app's own pixelsToFloat) and a split of the shipped
 * Fashion-MNIST (through the app's own sprite reader). The app modules come from importTs, so
 * this file stays plain JavaScript and the caller's bundle is the one used.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import pngjs from 'pngjs';

/**
 * @param {string} root the repository root
 * @param {any} pixels src/lib/image/pixelsToFloat.ts
 * @param {string} file a file in static/samples/ (.jpg or .png)
 * @returns {{ data: Float32Array, width: number, height: number }}
 */
export function sampleLuma(root, pixels, file) {
	const bytes = readFileSync(`${root}/static/samples/${file}`);
	// Playwright bundles jpeg-js, which reads the samples' progressive JPEGs.
	const { jpegjs } = createRequire(import.meta.url)('playwright-core/lib/utilsBundle');
	const image = file.endsWith('.png')
		? pngjs.PNG.sync.read(bytes)
		: jpegjs.decode(bytes, { useTArray: true, formatAsRGBA: true });
	const rgb = pixels.rgbaToFloatRgb(new Uint8Array(image.data), image.width, image.height);
	return {
		data: pixels.lumaOf(rgb, image.width, image.height),
		width: image.width,
		height: image.height
	};
}

/**
 * The first `count` images of a shipped Fashion-MNIST split, in [0, 1], and their labels.
 * @param {string} root
 * @param {any} fashionData src/lib/engine/fashionMnistData.ts
 * @param {'train' | 'test'} split
 * @param {number} count
 * @returns {{ images: Float32Array, labels: Uint8Array, count: number }}
 */
export function readFashionSplit(root, fashionData, split, count) {
	const dir = `${root}/static/data/fashion-mnist/`;
	const manifest = fashionData.parseManifest(
		JSON.parse(readFileSync(`${dir}manifest.json`, 'utf8'))
	);
	const info = manifest.splits[split];
	const png = pngjs.PNG.sync.read(readFileSync(dir + info.images));
	const images = fashionData.spriteToImages(
		png.data,
		png.width,
		png.height,
		info.count,
		manifest.columns
	);
	const labels = fashionData.readLabels(
		new Uint8Array(readFileSync(dir + info.labels)),
		info.count
	);
	const n = Math.min(count, info.count);
	return { images: images.slice(0, n * 784), labels: labels.slice(0, n), count: n };
}
