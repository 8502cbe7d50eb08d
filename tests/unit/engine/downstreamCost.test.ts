import { describe, expect, it } from 'vitest';
import { mapValues, nextConvMacs } from '$lib/engine/downstreamCost';

describe('downstream cost', () => {
	it.each([
		// 512×512×8 map → 64 channels, 3×3: 512·512 positions × 64 outputs × 9 taps × 8 inputs
		[512, 512, 8, 64, 3, 1_207_959_552],
		// after 2×2/2 max-pooling: a quarter of the positions
		[256, 256, 8, 64, 3, 301_989_888],
		// 1×1 map (global pooling) into 10 channels
		[1, 1, 8, 10, 3, 720],
		[0, 7, 8, 10, 3, 0],
		[5, 4, 3, 2, 1, 120]
	])('%i×%i×%i → %i channels, k=%i: %i multiply-adds', (h, w, cin, cout, k, expected) => {
		expect(nextConvMacs(h, w, cin, cout, k)).toBe(expected);
	});

	it('counts map values', () => {
		expect(mapValues(300, 451, 4)).toBe(541_200);
	});
});
