import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { BLOCK_WIDTH, prepareImage, type PreparedImage } from '$lib/engine/preparedImage';
import { useBackend } from '../tfBackend';

/** [H, W, 3] image whose pixel (y, x) is (R, G, B) = (y / 10, x / 100, 0.5 + y·x / 1000). */
function rampImage(height: number, width: number): { pixels: number[]; image: tf.Tensor3D } {
	const pixels: number[] = [];
	for (let y = 0; y < height; y++) {
		for (let x = 0; x < width; x++) pixels.push(y / 10, x / 100, 0.5 + (y * x) / 1000);
	}
	return { pixels, image: tf.tensor3d(pixels, [height, width, 3]) };
}

describe.each(['cpu', 'wasm'] as const)('on the %s backend', (backend) => {
	beforeAll(async () => {
		await useBackend(backend);
	});

	it('BLOCK_WIDTH is 8', () => expect(BLOCK_WIDTH).toBe(8));

	it.each([
		[3, 1, 8],
		[2, 7, 8],
		[4, 8, 8],
		[1, 9, 16],
		[5, 13, 16],
		[2, 16, 16]
	])(
		'%i×%i: padded to width %i, luma and R, G, B planes with zero columns after',
		async (height, width, paddedWidth) => {
			const { pixels, image } = rampImage(height, width);
			const prepared = prepareImage(image);
			expect(prepared).toMatchObject({ height, width, paddedWidth });
			const luma = prepared.luma();
			const planes = prepared.rgbPlanes();
			expect(luma.shape).toEqual([1, height, paddedWidth, 1]);
			expect(planes.shape).toEqual([3, height, paddedWidth, 1]);
			const lumaData = await luma.data();
			const planeData = await planes.data();
			for (let y = 0; y < height; y++) {
				for (let x = 0; x < paddedWidth; x++) {
					const inside = x < width;
					const [r, g, b] = inside
						? pixels.slice((y * width + x) * 3, (y * width + x) * 3 + 3)
						: [0, 0, 0];
					expect(lumaData[y * paddedWidth + x]).toBeCloseTo(0.299 * r + 0.587 * g + 0.114 * b, 6);
					[r, g, b].forEach((v, c) =>
						expect(planeData[(c * height + y) * paddedWidth + x]).toBeCloseTo(v, 6)
					);
				}
			}
			prepared.dispose();
			image.dispose();
		}
	);

	it('makes each plane once, on first use, and dispose() frees everything it made', () => {
		const { image } = rampImage(4, 5);
		const before = tf.memory().numTensors;
		const prepared = prepareImage(image);
		const afterPrepare = tf.memory().numTensors;
		const luma = prepared.luma();
		expect(prepared.luma()).toBe(luma);
		const afterLuma = tf.memory().numTensors;
		expect(afterLuma).toBeGreaterThan(afterPrepare); // gray mode never made the RGB planes
		expect(prepared.rgbPlanes()).toBe(prepared.rgbPlanes());
		expect(tf.memory().numTensors).toBeGreaterThan(afterLuma);

		expect(prepared.isDisposed).toBe(false);
		prepared.dispose();
		expect(prepared.isDisposed).toBe(true);
		expect(tf.memory().numTensors).toBe(before);
		expect(luma.isDisposed).toBe(true);
		expect(image.isDisposed).toBe(false);
		prepared.dispose(); // idempotent
		expect(tf.memory().numTensors).toBe(before);
		image.dispose();
	});

	it('keeps working after the caller disposes the source image', async () => {
		const { image } = rampImage(2, 3);
		const prepared = prepareImage(image);
		image.dispose();
		const planes = await prepared.rgbPlanes().data(); // [3, 2, 8]
		expect(planes[(0 * 2 + 1) * 8 + 2]).toBeCloseTo(0.1, 6); // R at (1, 2) = y / 10
		expect(planes[(1 * 2 + 1) * 8 + 2]).toBeCloseTo(0.02, 6); // G at (1, 2) = x / 100
		expect(planes[(2 * 2 + 1) * 8 + 2]).toBeCloseTo(0.502, 6); // B at (1, 2) = 0.5 + yx / 1000
		prepared.dispose();
	});

	it('its tensors survive an enclosing tf.tidy until dispose()', async () => {
		const { image } = rampImage(3, 3);
		const before = tf.memory().numTensors;
		const holder: PreparedImage[] = [];
		tf.tidy(() => {
			const prepared = prepareImage(image);
			prepared.luma();
			holder.push(prepared);
		});
		const [made] = holder;
		const luma = await made.luma().data(); // [1, 3, 8, 1]; (y, x) = (1, 1) is (0.1, 0.01, 0.501)
		expect(luma[8 + 1]).toBeCloseTo(0.299 * 0.1 + 0.587 * 0.01 + 0.114 * 0.501, 6);
		tf.tidy(() => {
			made.rgbPlanes();
		});
		expect(made.rgbPlanes().isDisposed).toBe(false);
		made.dispose();
		expect(tf.memory().numTensors).toBe(before);
		image.dispose();
	});

	it('using it after dispose() throws', () => {
		const { image } = rampImage(2, 2);
		const prepared = prepareImage(image);
		prepared.dispose();
		expect(() => prepared.luma()).toThrow(/disposed/);
		expect(() => prepared.rgbPlanes()).toThrow(/disposed/);
		image.dispose();
	});

	it.each<[number[]]>([[[4, 4, 1]], [[4, 4, 4]], [[4, 4]]])(
		'an image of shape %j is a RangeError and leaks nothing',
		(shape) => {
			const image: tf.Tensor = tf.zeros(shape);
			const before = tf.memory().numTensors;
			expect(() => prepareImage(image as tf.Tensor3D)).toThrow(
				/image must be \[height, width, 3\]/
			);
			expect(tf.memory().numTensors).toBe(before);
			image.dispose();
		}
	);
});
