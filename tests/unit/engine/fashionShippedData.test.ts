// The data in static/data/fashion-mnist/ must be the dataset's own images and labels: decode
// the shipped PNG sprites (pngjs, independent of the app's decoder), cut them with the app's
// reader and compare with the IDX files Debian ships (skipped where the package is missing).
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { PNG } from 'pngjs';
import { readIdx } from '../../../src/lib/engine/idx';
import {
	FASHION_PIXELS,
	parseManifest,
	readLabels,
	spriteToImages
} from '../../../src/lib/engine/fashionMnistData';

const DIR = 'static/data/fashion-mnist/';
const IDX = '/usr/share/datasets/fashion-mnist/';
const manifest = parseManifest(JSON.parse(readFileSync(`${DIR}manifest.json`, 'utf8')));

describe('shipped Fashion-MNIST data', () => {
	it('ships all 10,000 test images and a few thousand training images', () => {
		expect(manifest.splits.test.count).toBe(10_000);
		expect(manifest.splits.train.count).toBeGreaterThanOrEqual(2000);
		for (const split of Object.values(manifest.splits))
			expect(split.classCounts.reduce((a, b) => a + b, 0)).toBe(split.count);
	});

	it.skipIf(!existsSync(`${IDX}t10k-images-idx3-ubyte.gz`)).each(['train', 'test'] as const)(
		'%s: sprite and labels equal the IDX files, image for image',
		(name) => {
			const info = manifest.splits[name];
			const prefix = name === 'train' ? 'train' : 't10k';
			const png = PNG.sync.read(readFileSync(DIR + info.images));
			const images = spriteToImages(png.data, png.width, png.height, info.count, manifest.columns);
			const labels = readLabels(new Uint8Array(readFileSync(DIR + info.labels)), info.count);
			const idxImages = readIdx(
				new Uint8Array(gunzipSync(readFileSync(`${IDX}${prefix}-images-idx3-ubyte.gz`)))
			);
			const idxLabels = readIdx(
				new Uint8Array(gunzipSync(readFileSync(`${IDX}${prefix}-labels-idx1-ubyte.gz`)))
			);
			expect(Array.from(labels)).toEqual(Array.from(idxLabels.values.subarray(0, info.count)));
			let worst = 0;
			for (let i = 0; i < info.count * FASHION_PIXELS; i++)
				worst = Math.max(worst, Math.abs(images[i] * 255 - idxImages.values[i]));
			expect(worst).toBeLessThan(1e-3);
		}
	);
});
