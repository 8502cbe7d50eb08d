import { describe, expect, it } from 'vitest';
import { shortCount } from '$lib/viz/logBarChart';

describe('shortCount', () => {
	it.each([
		[0, '0'],
		[7, '7'],
		[999, '999'],
		[7168, '7.17 k'],
		[201_326_848, '201 M'],
		[1_811_939_328, '1.81 G'],
		[1e12, '1 T']
	])('%d → %s', (value, text) => expect(shortCount(value)).toBe(text));
});
