import { describe, expect, it } from 'vitest';
import { finiteExtent, paddedDomain } from '$lib/viz/finiteExtent';

describe('finiteExtent', () => {
	it.each([
		{ arrays: [[3, -1, 2]], extent: [-1, 3] },
		{ arrays: [[NaN, 5, Infinity, -Infinity, 4]], extent: [4, 5] },
		{ arrays: [[1, 2], new Float32Array([-7, NaN]), []], extent: [-7, 2] },
		{ arrays: [[NaN, Infinity]], extent: null },
		{ arrays: [[]], extent: null },
		{ arrays: [], extent: null },
		{ arrays: [[0.5]], extent: [0.5, 0.5] }
	] as { arrays: ArrayLike<number>[]; extent: [number, number] | null }[])(
		'$arrays → $extent',
		({ arrays, extent }) => {
			expect(finiteExtent(...arrays)).toEqual(extent);
		}
	);
});

describe('paddedDomain', () => {
	it.each([
		{ extent: [1, 4], domain: [1, 4] },
		{ extent: null, domain: [0, 1] },
		{ extent: [0, 0], domain: [-0.5, 0.5] },
		{ extent: [4, 4], domain: [2, 6] },
		{ extent: [-2, -2], domain: [-3, -1] }
	] as { extent: [number, number] | null; domain: [number, number] }[])(
		'$extent → $domain',
		({ extent, domain }) => {
			expect(paddedDomain(extent)).toEqual(domain);
		}
	);
});
