import { describe, expect, it } from 'vitest';
import { tableToCsv } from '$lib/export/tableCsv';

describe('tableToCsv', () => {
	it('writes the header row, then one line per row with 6 significant digits', () => {
		const csv = tableToCsv(['shift', 'pixels', 'conv'] as const, [
			{ shift: 0, pixels: 1, conv: 1 },
			{ shift: 1, pixels: 0.912345678, conv: -0.1 },
			{ shift: 2, pixels: NaN, conv: 1e-7 }
		]);
		expect(csv).toBe('shift,pixels,conv\n0,1,1\n1,0.912346,-0.1\n2,NaN,1e-7\n');
	});

	it('refuses column names that would need quoting', () => {
		expect(() => tableToCsv(['a,b'], [])).toThrow(RangeError);
	});
});
