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
		[3, 2, 'zero'],
		[-4, 1, 'wrap'],
		[0, 0, 'zero'],
		[5, -5, 'wrap']
	] as const)(
		'dx=%i dy=%i (%s): maps move, and shifted back differ only near the borders',
		async (dx, dy, fill) => {
			const filterValues = new Float32Array(18);
			kernels.forEach((kernel, c) => kernel.forEach((v, i) => (filterValues[i * 2 + c] = v)));
			const filter = tf.tensor4d(filterValues, [3, 3, 1, 2]);
			const luma = tf.tensor4d(Float32Array.from(image.data), [1, height, width, 1]);
			const reference = tf.conv2d(luma, filter, 1, 'same');
			const before = tf.memory().numTensors;
			const view = await equivarianceView(luma, reference, filter, dx, dy, fill);
			expect(tf.memory().numTensors).toBe(before);

			const moved = naiveConvBank(naiveShift(image, dx, dy, fill), kernels, 3);
			moved.data.forEach((v, i) => expect(view.maps[i]).toBeCloseTo(v, 5));
			const back = naiveShift(moved, -dx, -dy, fill);
			const original = naiveConvBank(image, kernels, 3);
			for (let p = 0; p < height * width; p++) {
				const d = Math.max(
					Math.abs(back.data[2 * p] - original.data[2 * p]),
					Math.abs(back.data[2 * p + 1] - original.data[2 * p + 1])
				);
				expect(view.difference[p]).toBeCloseTo(d, 5);
			}
			expect(view.interiorMax).toBeLessThan(1e-5);
			expect(view.margin).toEqual({ x: Math.abs(dx) + 3, y: Math.abs(dy) + 3 });
			expect(view.scale).toBeGreaterThan(0.5);
			tf.dispose([filter, luma, reference]);
		}
	);
});
