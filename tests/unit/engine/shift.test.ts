import { describe, expect, it } from 'vitest';
import { shiftPixels, type ShiftFill } from '$lib/engine/shift';
import { naiveShift, plane } from './invarianceReference';

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

describe('shiftPixels', () => {
	it('undoes itself with wrap-around, and writes into the array it is given', () => {
		const data = Float32Array.from(image.data);
		const out = new Float32Array(data.length);
		const moved = shiftPixels(data, 5, 7, 2, 5, -3, 'wrap');
		expect(shiftPixels(moved, 5, 7, 2, -5, 3, 'wrap', out)).toBe(out);
		expect(Array.from(out)).toEqual(Array.from(data));
	});

	it('refuses fractional shifts and arrays of the wrong size', () => {
		const data = new Float32Array(4);
		expect(() => shiftPixels(data, 2, 2, 1, 0.5, 0, 'zero')).toThrow(RangeError);
		expect(() => shiftPixels(data, 2, 3, 1, 0, 0, 'zero')).toThrow(RangeError);
	});

	it.each(cases)('dx=%i dy=%i (%s) matches the definition', (dx, dy, fill) => {
		const out = shiftPixels(Float32Array.from(image.data), 5, 7, 2, dx, dy, fill);
		expect(Array.from(out)).toEqual(Array.from(naiveShift(image, dx, dy, fill).data));
	});
});
