// The shipped-data reader on a tiny synthetic sprite sheet built here pixel by pixel: each
// tile's pixels encode (image, y, x), so a tile cut from the wrong place cannot pass.
import { describe, expect, it } from 'vitest';
import {
	FASHION_PIXELS,
	gatherBatch,
	imageAt,
	parseManifest,
	readLabels,
	spriteToImages
} from '../../../src/lib/engine/fashionMnistData';

/** The value image i has at (y, x) in this test's sheets. */
const expected = (i: number, y: number, x: number) => (i * 7 + y * 3 + x) % 256;

/** RGBA sheet of `count` tiles, `columns` per row, gray (R = G = B), alpha 255. */
function sheet(
	count: number,
	columns: number
): { rgba: Uint8ClampedArray; width: number; height: number } {
	const width = columns * 28;
	const height = Math.ceil(count / columns) * 28;
	const rgba = new Uint8ClampedArray(width * height * 4);
	for (let i = 0; i < count; i++)
		for (let y = 0; y < 28; y++)
			for (let x = 0; x < 28; x++) {
				const px = Math.floor(i / columns) * 28 + y;
				const p = (px * width + (i % columns) * 28 + x) * 4;
				const v = expected(i, y, x);
				rgba.set([v, v, v, 255], p);
			}
	return { rgba, width, height };
}

describe('spriteToImages', () => {
	it('cuts 5 tiles out of a 3-column sheet (last row part-filled) into [5, 28, 28, 1] in [0, 1]', () => {
		const s = sheet(5, 3);
		const images = spriteToImages(s.rgba, s.width, s.height, 5, 3);
		expect(images).toHaveLength(5 * FASHION_PIXELS);
		for (const i of [0, 2, 3, 4])
			for (const [y, x] of [
				[0, 0],
				[27, 27],
				[5, 20],
				[20, 5]
			])
				expect(images[i * FASHION_PIXELS + y * 28 + x]).toBeCloseTo(expected(i, y, x) / 255, 6);
	});

	it('rejects a sheet whose size does not match the tile layout', () => {
		const s = sheet(4, 2);
		expect(() => spriteToImages(s.rgba, s.width, s.height, 4, 3)).toThrow(/width/);
		expect(() => spriteToImages(s.rgba, s.width, s.height, 5, 2)).toThrow(/height/);
		expect(() => spriteToImages(s.rgba.subarray(4), s.width, s.height, 4, 2)).toThrow(/RGBA/);
	});
});

describe('labels, batches and the manifest', () => {
	it('accepts classes 0–9 only, and exactly one byte per image', () => {
		expect(Array.from(readLabels(new Uint8Array([0, 9, 3]), 3))).toEqual([0, 9, 3]);
		expect(() => readLabels(new Uint8Array([0, 10]), 2)).toThrow(/class/);
		expect(() => readLabels(new Uint8Array([0, 1]), 3)).toThrow(/2 bytes/);
	});

	it('gathers a batch by index', () => {
		const s = sheet(4, 2);
		const set = {
			images: spriteToImages(s.rgba, s.width, s.height, 4, 2),
			labels: new Uint8Array([5, 6, 7, 8]),
			count: 4
		};
		const batch = gatherBatch(set, [3, 0, 3]);
		expect(batch.count).toBe(3);
		expect(Array.from(batch.labels)).toEqual([8, 5, 8]);
		expect(Array.from(imageAt(batch, 1))).toEqual(Array.from(imageAt(set, 0)));
		expect(batch.images[2 * FASHION_PIXELS + 28 + 1]).toBeCloseTo(expected(3, 1, 1) / 255, 6);
		expect(() => gatherBatch(set, [4])).toThrow(/outside/);
	});

	it('validates the manifest layout', () => {
		const good = {
			imageSize: 28,
			columns: 100,
			splits: {
				train: {
					count: 150,
					images: 'a.png',
					labels: 'a.bin',
					width: 2800,
					height: 56,
					classCounts: []
				},
				test: {
					count: 100,
					images: 'b.png',
					labels: 'b.bin',
					width: 2800,
					height: 28,
					classCounts: []
				}
			}
		};
		expect(parseManifest(good).splits.train.count).toBe(150);
		const bad = structuredClone(good);
		bad.splits.train.height = 28;
		expect(() => parseManifest(bad)).toThrow(/sheet size/);
		expect(() => parseManifest({ ...good, imageSize: 32 })).toThrow(/28/);
	});
});
