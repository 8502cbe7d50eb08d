import { describe, expect, it } from 'vitest';
import { BASE_REM_PX, followRootFont, remScaled, rootFontPx } from '$lib/viz/rootFont';

describe('remScaled', () => {
	it.each([
		{ px: 11, root: 16, out: 11 },
		{ px: 11, root: 20, out: 13.75 },
		{ px: 180, root: 20, out: 225 },
		{ px: 12, root: 24, out: 18 },
		{ px: 10, root: 18, out: 11.25 }
	])('$px px at a $root px root is $out px', ({ px, root, out }) => {
		expect(remScaled(px, root)).toBe(out);
	});

	it('outside a browser the root is the 16 px default and following is a no-op', () => {
		expect(BASE_REM_PX).toBe(16);
		expect(rootFontPx()).toBe(16);
		expect(remScaled(11)).toBe(11);
		expect(typeof followRootFont({} as Element, () => {})).toBe('function');
	});
});
