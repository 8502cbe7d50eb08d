/**
 * The shipped Fashion-MNIST (static/data/fashion-mnist/) decoded in Node: pngjs for the sprite
 * sheets, the app's own reader for the tiles and labels.
 */
import { readFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import {
	parseManifest,
	readLabels,
	spriteToImages,
	type FashionSet
} from '$lib/engine/fashionMnistData';

const DIR = 'static/data/fashion-mnist/';

/** The first `count` images of a split (all of it by default). */
export function shippedFashion(split: 'train' | 'test', count?: number): FashionSet {
	const manifest = parseManifest(JSON.parse(readFileSync(`${DIR}manifest.json`, 'utf8')));
	const info = manifest.splits[split];
	const png = PNG.sync.read(readFileSync(DIR + info.images));
	const images = spriteToImages(png.data, png.width, png.height, info.count, manifest.columns);
	const labels = readLabels(new Uint8Array(readFileSync(DIR + info.labels)), info.count);
	const n = Math.min(count ?? info.count, info.count);
	return { images: images.slice(0, n * 784), labels: labels.slice(0, n), count: n };
}
