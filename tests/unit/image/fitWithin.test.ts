import { describe, expect, it } from 'vitest';
import { fitWithin } from '$lib/image/fitWithin';

describe('fitWithin', () => {
	it.each([
		// [width, height, limit, expected width, expected height]
		[451, 300, 512, 451, 300], // smaller: native size
		[512, 512, 512, 512, 512], // exactly the limit: unchanged
		[1, 1, 512, 1, 1],
		[513, 100, 512, 512, 100], // 100·512/513 = 99.8 → 100
		[4032, 3024, 512, 512, 384],
		[3024, 4032, 512, 384, 512],
		[1000, 872, 512, 512, 446], // 872·512/1000 = 446.46
		[640, 427, 512, 512, 342], // 427·0.8 = 341.6
		[600, 400, 512, 512, 341], // 400·512/600 = 341.33
		[10000, 1, 512, 512, 1], // 0.05 rounds to 0, kept at 1 px
		[1, 10000, 512, 1, 512],
		[30000, 30000, 256, 256, 256],
		[300, 200, 100, 100, 67] // 66.67
	])('%i×%i within %i → %i×%i', (width, height, limit, w, h) => {
		expect(fitWithin(width, height, limit)).toEqual({ width: w, height: h });
	});

	it.each([
		[0, 10, 512],
		[10, -1, 512],
		[Number.NaN, 10, 512],
		[Number.POSITIVE_INFINITY, 10, 512],
		[10, 10, 0],
		[10, 10, 2.5],
		[10, 10, -512]
	])('rejects %s×%s within %s', (width, height, limit) => {
		expect(() => fitWithin(width, height, limit)).toThrow(RangeError);
	});
});
