import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { equivarianceView } from '$lib/engine/equivariance';
import { seededRandom } from '$lib/engine/seededRandom';
import { naiveConvBank, naiveShift, plane } from './invarianceReference';

beforeAll(async () => {
	expect(await tf.setBackend('cpu')).toBe(true);
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
		}
	);
});
