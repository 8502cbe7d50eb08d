import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { shiftPixels, shiftTensor, type ShiftFill } from '$lib/engine/shift';
import { naiveShift, plane } from './invarianceReference';

beforeAll(async () => {
	expect(await tf.setBackend('cpu')).toBe(true);
});

const image = plane(5, 7, 2, (y, x, c) => 1 + y * 10 + x + c * 100);

const cases: [number, number, ShiftFill][] = [];
for (const fill of ['zero', 'wrap'] as const)
	for (const [dx, dy] of [
		[0, 0],
		[1, 0],
		[0, 1],
		[-1, 0],
		[0, -2],
		[3, -2],
		[-4, 4],
		[7, 0],
		[0, -5],
		[9, 6],
		[-15, -11]
	])
		cases.push([dx, dy, fill]);

describe('shiftTensor', () => {
	it.each(cases)('dx=%i dy=%i (%s) matches the definition', async (dx, dy, fill) => {
		const expected = naiveShift(image, dx, dy, fill);
		const input = tf.tensor4d(Float32Array.from(image.data), [1, 5, 7, 2]);
		const out = tf.tidy(() => shiftTensor(input, dx, dy, fill));
		expect(out.shape).toEqual([1, 5, 7, 2]);
		expect(Array.from(await out.data())).toEqual(Array.from(expected.data));
		tf.dispose([input, out]);
	});

	it('shifts each image of a batch alike and undoes itself with wrap-around', async () => {
		const input = tf.randomUniform([3, 6, 4, 1], 0, 1, 'float32', 1) as tf.Tensor4D;
		const back = tf.tidy(() => shiftTensor(shiftTensor(input, 5, -3, 'wrap'), -5, 3, 'wrap'));
		expect(Array.from(await back.data())).toEqual(Array.from(await input.data()));
		tf.dispose([input, back]);
	});

	it('refuses fractional shifts', () => {
		const input = tf.zeros([1, 2, 2, 1]) as tf.Tensor4D;
		expect(() => shiftTensor(input, 0.5, 0, 'zero')).toThrow(RangeError);
		input.dispose();
	});

	it('leaves no tensor behind', () => {
		const input = tf.ones([1, 8, 8, 1]) as tf.Tensor4D;
		const before = tf.memory().numTensors;
		for (const fill of ['zero', 'wrap'] as const)
			tf.tidy(() => shiftTensor(input, 3, -2, fill)).dispose();
		expect(tf.memory().numTensors).toBe(before);
		input.dispose();
	});
});

describe('shiftPixels', () => {
	it.each(cases)('dx=%i dy=%i (%s) matches the definition', (dx, dy, fill) => {
		const out = shiftPixels(Float32Array.from(image.data), 5, 7, 2, dx, dy, fill);
		expect(Array.from(out)).toEqual(Array.from(naiveShift(image, dx, dy, fill).data));
	});
});
