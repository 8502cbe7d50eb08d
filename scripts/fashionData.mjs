/**
 * The Fashion-MNIST data ConvLab ships for live training and the confusion matrix
 * (static/data/fashion-mnist/): the first `trainCount` training images and all 10,000 test
 * images, each split as an 8-bit grayscale PNG sprite sheet (28×28 tiles, COLUMNS per row,
 * row-major: image i at column i % COLUMNS, row ⌊i / COLUMNS⌋) plus one byte per label.
 * PNG's deflate packs the mostly black tiles to about half their raw size, and the browser
 * decodes it natively (createImageBitmap), in a Worker too. The reader is
 * src/lib/engine/fashionMnistData.ts.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import pngjs from 'pngjs';

const SIZE = 28;
export const COLUMNS = 100;

/** Grayscale sprite sheet of `count` images from an IDX pixel array. */
function spriteSheet(pixels, count) {
	const rows = Math.ceil(count / COLUMNS);
	const width = COLUMNS * SIZE;
	const height = rows * SIZE;
	const sheet = Buffer.alloc(width * height);
	for (let i = 0; i < count; i++) {
		const ox = (i % COLUMNS) * SIZE;
		const oy = Math.floor(i / COLUMNS) * SIZE;
		for (let y = 0; y < SIZE; y++)
			for (let x = 0; x < SIZE; x++)
				sheet[(oy + y) * width + ox + x] = pixels[i * SIZE * SIZE + y * SIZE + x];
	}
	const png = new pngjs.PNG({ width, height, colorType: 0, inputColorType: 0, bitDepth: 8 });
	png.data = sheet;
	return {
		bytes: pngjs.PNG.sync.write(png, {
			colorType: 0,
			inputColorType: 0,
			bitDepth: 8,
			deflateLevel: 9
		}),
		width,
		height
	};
}

function classCounts(labels) {
	const counts = new Array(10).fill(0);
	for (const label of labels) counts[label]++;
	return counts;
}

/**
 * Write the sprites, labels, manifest.json and README.md into `dir`; returns the file names.
 * `data` holds the four IDX arrays ({ shape, values }) the training script read.
 */
export function writeShippedData(dir, data, { trainCount = 6000 } = {}) {
	mkdirSync(dir, { recursive: true });
	const splits = {
		train: {
			pixels: data.trainImages.values,
			labels: data.trainLabels.values.subarray(0, trainCount),
			source:
				'train-images-idx3-ubyte.gz / train-labels-idx1-ubyte.gz, images 0 to ' + (trainCount - 1)
		},
		test: {
			pixels: data.testImages.values,
			labels: data.testLabels.values,
			source: 't10k-images-idx3-ubyte.gz / t10k-labels-idx1-ubyte.gz, all images'
		}
	};
	const manifest = { imageSize: SIZE, columns: COLUMNS, splits: {} };
	const written = [];
	for (const [name, split] of Object.entries(splits)) {
		const count = split.labels.length;
		const sheet = spriteSheet(split.pixels, count);
		const images = `${name}-images.png`;
		const labels = `${name}-labels.bin`;
		writeFileSync(join(dir, images), sheet.bytes);
		writeFileSync(join(dir, labels), Buffer.from(split.labels));
		manifest.splits[name] = {
			count,
			images,
			labels,
			width: sheet.width,
			height: sheet.height,
			classCounts: classCounts(split.labels),
			sha256: createHash('sha256').update(sheet.bytes).digest('hex').slice(0, 16)
		};
		split.bytes = sheet.bytes.length;
		written.push(images, labels);
	}
	writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest, null, '\t') + '\n');
	const row = (name) => {
		const s = manifest.splits[name];
		return `| ${name} | ${s.count.toLocaleString('en')} | \`${s.images}\` (${s.width}×${s.height}, ${(splits[name].bytes / 1024).toFixed(0)} KB) | \`${s.labels}\` | ${splits[name].source} | ${s.classCounts.join(' / ')} |`;
	};
	writeFileSync(
		join(dir, 'README.md'),
		`# Fashion-MNIST, as ConvLab ships it

Fashion-MNIST by Zalando Research (Han Xiao, Kashif Rasul, Roland Vollgraf, 2017),
https://github.com/zalandoresearch/fashion-mnist, **MIT licence** (Copyright (c) 2017 Zalando SE).
Taken from Debian's \`dataset-fashion-mnist\` package (/usr/share/datasets/fashion-mnist/) by
\`scripts/train-classifier.mjs\` (\`npm run train:classifier -- --data-only\` rewrites only these files).

| split | images | sprite sheet | labels | from | per class (labels 0–9) |
|---|---|---|---|---|---|
${row('train')}
${row('test')}

- Each sprite sheet is an 8-bit grayscale PNG of 28×28 tiles, ${COLUMNS} per row, row-major:
  image *i* sits at column *i* mod ${COLUMNS}, row ⌊*i* / ${COLUMNS}⌋. Pixel values are the dataset's
  bytes unchanged (0 = black background, 255 = white garment); the unused tail of the last row is black.
- Each labels file holds one byte per image, 0–9, in the same order: 0 T-shirt/top, 1 Trouser,
  2 Pullover, 3 Dress, 4 Coat, 5 Sandal, 6 Shirt, 7 Sneaker, 8 Bag, 9 Ankle boot.
- \`manifest.json\` lists the files, sizes and counts; \`src/lib/engine/fashionMnistData.ts\` reads them
  (decoded RGBA → [N, 28, 28, 1] floats in [0, 1]) and \`src/lib/image/decodeSprite.ts\` decodes the PNG
  in a page or a Worker.
`
	);
	written.push('manifest.json', 'README.md');
	return written;
}
