import { describe, expect, it } from 'vitest';
import { chooseColorScale, colorFor } from '$lib/viz/colorScale';
import { contrastRatio, readableOutline, relativeLuminance } from '$lib/viz/contrast';

describe('contrastRatio', () => {
	// Reference values from the WCAG definition (and WebAIM's checker).
	it.each([
		{ a: '#000', b: '#fff', ratio: 21 },
		{ a: '#fff', b: '#fff', ratio: 1 },
		{ a: '#777', b: '#fff', ratio: 4.48 },
		{ a: '#767676', b: '#fff', ratio: 4.54 },
		{ a: '#949494', b: '#fff', ratio: 3.03 },
		{ a: 'rgb(255, 0, 0)', b: '#fff', ratio: 4.0 }
	])('$a on $b is $ratio:1', ({ a, b, ratio }) => {
		expect(contrastRatio(a, b)).toBeCloseTo(ratio, 1);
		expect(contrastRatio(b, a)).toBeCloseTo(ratio, 1);
	});

	it('relative luminance runs from 0 (black) to 1 (white)', () => {
		expect(relativeLuminance('#000')).toBe(0);
		expect(relativeLuminance('#fff')).toBeCloseTo(1, 10);
	});
});

describe('readableOutline', () => {
	const specs = [
		chooseColorScale(-3, 3),
		chooseColorScale(0, 5),
		{ kind: 'gray' as const, domain: [0, 1] as [number, number] }
	];
	it.each(specs)('every bar of a $kind scale gets an outline ≥ 3:1 on white', (spec) => {
		const [lo, hi] = spec.domain;
		for (let i = 0; i <= 64; i++) {
			const fill = colorFor(spec, lo + ((hi - lo) * i) / 64);
			expect(contrastRatio(readableOutline(fill), '#fff')).toBeGreaterThanOrEqual(3);
		}
	});

	it('keeps a fill that is already dark enough, and darkens the white centre', () => {
		expect(readableOutline('rgb(20, 40, 120)')).toBe('rgb(20, 40, 120)');
		const zero = colorFor(chooseColorScale(-1, 1), 0);
		expect(contrastRatio(zero, '#fff')).toBeLessThan(1.2); // the reported bug: invisible on white
		expect(contrastRatio(readableOutline(zero), '#fff')).toBeGreaterThanOrEqual(3);
	});
});
