// Which pixels a training batch learns from, on a picture much larger than a crop with two
// small strokes in opposite corners (as a learner paints a photo): counted from the batch's mask.
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../../../../src/lib/engine/seededRandom';
import { paintedPixels, trainingBatch } from '../../../../src/lib/engine/segmentation/trainingStep';
import { useBackend } from '../../tfBackend';

const H = 48;
const W = 160;
const labels = new Uint8Array(H * W);
for (let x = 2; x < 8; x++) labels[3 * W + x] = 1; // Foreground, top left
for (let x = 150; x < 156; x++) labels[44 * W + x] = 2; // Background, bottom right
const image = { rgb: new Float32Array(H * W * 3).fill(0.5), labels, height: H, width: W };

/** Per crop: how many painted pixels of each class it holds. */
async function classesPerCrop(aroundStrokes: boolean, batch: number, random: () => number) {
	const settings = { batch, crop: 16, flips: true, jitter: 0.1, aroundStrokes };
	const b = trainingBatch(image, 2, settings, random);
	const oneHot = (await b.oneHot.data()) as Float32Array;
	const mask = (await b.mask.data()) as Float32Array;
	tf.dispose([b.images, b.oneHot, b.mask]);
	const per = 16 * 16;
	return Array.from({ length: batch }, (_, i) => {
		const counts = [0, 0];
		for (let p = i * per; p < (i + 1) * per; p++) if (mask[p]) counts[oneHot[2 * p] ? 0 : 1]++;
		return counts;
	});
}

describe('trainingBatch', () => {
	beforeAll(() => useBackend('cpu'));

	it('lists the painted pixels per class', () => {
		expect(paintedPixels(Uint8Array.from([0, 2, 1, 0, 2]))).toEqual([[2], [1, 4]]);
		expect(paintedPixels(Uint8Array.from([0, 0, 3]))).toEqual([[2]]);
	});

	it('around the strokes: every crop holds painted pixels, and each batch both classes', async () => {
		const random = seededRandom(3);
		for (let step = 0; step < 10; step++) {
			const crops = await classesPerCrop(true, 4, random);
			for (const [fg, bg] of crops) expect(fg + bg).toBeGreaterThan(0);
			expect(crops.some(([fg]) => fg > 0)).toBe(true);
			expect(crops.some(([, bg]) => bg > 0)).toBe(true);
		}
	});

	it('anywhere: most crops of such a picture hold no stroke at all (what the option fixes)', async () => {
		const crops = await classesPerCrop(false, 40, seededRandom(3));
		const empty = crops.filter(([fg, bg]) => fg + bg === 0).length;
		expect(empty).toBeGreaterThan(20);
	});
});
