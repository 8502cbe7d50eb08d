import { describe, expect, it } from 'vitest';
import { resizeKernel } from '../../../src/lib/engine/resizeKernel';

describe('resizeKernel', () => {
	it.each([
		{
			name: '3→5 pads around the centre',
			from: 3,
			to: 5,
			values: [1, 2, 3, 4, 5, 6, 7, 8, 9],
			expected: [0, 0, 0, 0, 0, 0, 1, 2, 3, 0, 0, 4, 5, 6, 0, 0, 7, 8, 9, 0, 0, 0, 0, 0, 0]
		},
		{
			name: '3→1 keeps the centre',
			from: 3,
			to: 1,
			values: [1, 2, 3, 4, 5, 6, 7, 8, 9],
			expected: [5]
		},
		{
			name: '3→2 keeps the block whose anchor (top-left of the centre) is the old centre',
			from: 3,
			to: 2,
			values: [1, 2, 3, 4, 5, 6, 7, 8, 9],
			expected: [5, 6, 8, 9]
		},
		{
			name: '2→3 (the even anchor stays on the centre)',
			from: 2,
			to: 3,
			values: [1, 2, 3, 4],
			expected: [0, 0, 0, 0, 1, 2, 0, 3, 4]
		},
		{ name: 'same size is a copy', from: 2, to: 2, values: [1, 2, 3, 4], expected: [1, 2, 3, 4] }
	])('$name', ({ from, to, values, expected }) => {
		expect(resizeKernel(values, from, to)).toEqual(expected);
	});

	it('rejects a value count that does not match the size', () => {
		expect(() => resizeKernel([1, 2, 3], 2, 3)).toThrow(RangeError);
	});
});
