#!/usr/bin/env node
/**
 * `node scripts/imbalance-reference/dump.mjs [DIR]`: the shipped Fashion-MNIST (6,000 training and
 * 10,000 test images, read from the sprites as bench-imbalance.mjs reads them) as raw uint8 pixels
 * and labels, for torch_reference.py. Default DIR: /tmp/imbalance-reference.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pngjs from 'pngjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const dir = process.argv[2] ?? '/tmp/imbalance-reference';
mkdirSync(dir, { recursive: true });
for (const [split, count] of [
	['train', 6000],
	['test', 10000]
]) {
	const data = `${root}/static/data/fashion-mnist/${split}`;
	const png = pngjs.PNG.sync.read(readFileSync(`${data}-images.png`));
	const labels = new Uint8Array(readFileSync(`${data}-labels.bin`)).subarray(0, count);
	const images = new Uint8Array(count * 784);
	for (let i = 0; i < count; i++)
		for (let y = 0; y < 28; y++)
			for (let x = 0; x < 28; x++)
				images[i * 784 + y * 28 + x] =
					png.data[((Math.floor(i / 100) * 28 + y) * png.width + (i % 100) * 28 + x) << 2];
	writeFileSync(`${dir}/${split}_x.u8`, images);
	writeFileSync(`${dir}/${split}_y.u8`, labels);
}
console.log(`wrote ${dir}/{train,test}_{x,y}.u8`);
