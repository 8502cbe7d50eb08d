import { describe, expect, it } from 'vitest';
import { gridMove } from '$lib/components/gridMove';

describe('gridMove on a 3×3 grid (indexes 0..8, row-major)', () => {
	it.each<[string, number, boolean, number | null]>([
		['ArrowRight', 4, false, 5],
		['ArrowLeft', 4, false, 3],
		['ArrowUp', 4, false, 1],
		['ArrowDown', 4, false, 7],
		['ArrowRight', 5, false, 5], // stops at the right edge, no wrap to the next row
		['ArrowLeft', 3, false, 3],
		['ArrowUp', 1, false, 1],
		['ArrowDown', 7, false, 7],
		['Home', 5, false, 3],
		['End', 3, false, 5],
		['Home', 5, true, 0],
		['End', 3, true, 8],
		['PageUp', 7, false, 1],
		['PageDown', 1, false, 7],
		['Enter', 4, false, null],
		['a', 4, false, null],
		['toString', 4, false, null]
	])('%s from %i (ctrl %s) → %s', (key, from, ctrl, expected) => {
		expect(gridMove(key, from, 3, ctrl)).toBe(expected);
	});

	it('a 1×1 grid stays put', () => {
		for (const key of ['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End']) {
			expect(gridMove(key, 0, 1)).toBe(0);
		}
	});

	it('on 11×11, End from row 4 col 2 goes to row 4 col 10', () => {
		expect(gridMove('End', 4 * 11 + 2, 11)).toBe(4 * 11 + 10);
	});
});
