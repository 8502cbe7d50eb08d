import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { bankFilter } from '$lib/engine/convBank';
import { equivarianceView } from '$lib/engine/equivariance';
import { downscaleMap } from '$lib/viz/downscaleMap';
import { seededRandom } from '$lib/engine/seededRandom';
import { naiveConvBank, naiveShift, plane } from './invarianceReference';
import { useBackend } from '../tfBackend';

beforeAll(async () => {
	await useBackend('cpu');
});

describe('equivarianceView', () => {
	const height = 20;
	const width = 24;
	const random = seededRandom(8);
	const image = plane(height, width, 1, () => random());
	const kernels = [
		[-1, 0, 1, -2, 0, 2, -1, 0, 1],
		[0, 1, 0, 1, -4, 1, 0, 1, 0]
	];

	it.each([
		[3, 2, 'zero', false],
		[-4, 1, 'wrap', true],
		[0, 0, 'zero', true],
		[5, -5, 'wrap', false],
		[-6, 3, 'zero', true],
		[-2, -7, 'wrap', false],
		[30, -1, 'zero', false]
	] as const)(
		'dx=%i dy=%i (%s, ReLU %s): maps move, and shifted back differ only near the borders',
		async (dx, dy, fill, relu) => {
			const bank = { kernels: kernels.map((k) => Float32Array.from(k)), kernelSize: 3, relu };
			const original = naiveConvBank(image, kernels, 3, relu);
			const reference = Float32Array.from(original.data);
			const before = tf.memory().numTensors;
			const view = await equivarianceView(
				{ data: Float32Array.from(image.data), height, width, channels: 1 },
				reference,
				bank,
				dx,
				dy,
				fill
			);
			expect(tf.memory().numTensors).toBe(before);

			const moved = naiveConvBank(naiveShift(image, dx, dy, fill), kernels, 3, relu);
			moved.data.forEach((v, i) => expect(view.maps[i]).toBeCloseTo(v, 5));
			const back = naiveShift(moved, -dx, -dy, fill);
			back.data.forEach((v, i) =>
				expect(view.difference[i]).toBeCloseTo(Math.abs(v - original.data[i]), 5)
			);
			expect(view.interiorMax).toBeLessThan(1e-5);
			expect(view.margin).toEqual({ x: Math.abs(dx) + 3, y: Math.abs(dy) + 3 });
			expect(view.scale).toBeGreaterThan(0.5);
			if (dx !== 0 || dy !== 0) expect(view.borderMax).toBeGreaterThan(0.01);
			naiveShift(image, dx, dy, fill).data.forEach((v, i) =>
				expect(view.shifted[i]).toBeCloseTo(v, 6)
			);
			// tileSide 128 leaves a 20×24 map as it is
			expect(Array.from(view.tiles.data)).toEqual(Array.from(view.maps));
		}
	);

	it('uses a filter made once, and its thumbnails are the block means of the maps', async () => {
		const bank = { kernels: kernels.map((k) => Float32Array.from(k)), kernelSize: 3, relu: true };
		const filter = bankFilter(bank.kernels, 3, 1);
		const before = tf.memory().numTensors;
		const view = await equivarianceView(
			{ data: Float32Array.from(image.data), height, width, channels: 1 },
			Float32Array.from(naiveConvBank(image, kernels, 3, true).data),
			bank,
			2,
			-3,
			'zero',
			{ filter, tileSide: 7 }
		);
		expect(tf.memory().numTensors).toBe(before);
		expect(filter.isDisposed).toBe(false);
		filter.dispose();
		const moved = naiveConvBank(naiveShift(image, 2, -3, 'zero'), kernels, 3, true);
		moved.data.forEach((v, i) => expect(view.maps[i]).toBeCloseTo(v, 5));
		// factor ceil(24 / 7) = 4: 20 × 24 splits into 5 × 6 whole blocks
		const small = downscaleMap({ ...moved, data: Float32Array.from(moved.data) }, 7);
		expect([view.tiles.height, view.tiles.width, view.tiles.channels]).toEqual([5, 6, 2]);
		small.data.forEach((v, i) => expect(view.tiles.data[i]).toBeCloseTo(v, 5));
	});

	it('refuses a filter made for another bank', async () => {
		const bank = { kernels: kernels.map((k) => Float32Array.from(k)), kernelSize: 3, relu: false };
		const filter = bankFilter(bank.kernels.slice(0, 1), 3, 1);
		await expect(
			equivarianceView(
				{ data: Float32Array.from(image.data), height, width, channels: 1 },
				new Float32Array(height * width * 2),
				bank,
				1,
				1,
				'zero',
				{ filter }
			)
		).rejects.toThrow(/does not fit/);
		filter.dispose();
	});
});
