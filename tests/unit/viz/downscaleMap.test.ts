import { describe, expect, it } from 'vitest';
import { downscaleMap } from '$lib/viz/downscaleMap';

describe('downscaleMap', () => {
	it('averages f×f blocks per channel, partial blocks at the end', () => {
		// 3×5×2: channel 0 = index, channel 1 = 10 · index
		const data = Float32Array.from({ length: 30 }, (_, i) => (i % 2 ? 10 : 1) * Math.floor(i / 2));
		const small = downscaleMap({ data, height: 3, width: 5, channels: 2 }, 2);
		// factor ceil(5 / 2) = 3 → 1×2 blocks: columns 0–2 and 3–4 of rows 0–2
		expect([small.height, small.width, small.channels]).toEqual([1, 2, 2]);
		const left = [0, 1, 2, 5, 6, 7, 10, 11, 12];
		const right = [3, 4, 8, 9, 13, 14];
		const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
		expect(Array.from(small.data)).toEqual(
			[mean(left), 10 * mean(left), mean(right), 10 * mean(right)].map((v) => expect.closeTo(v, 5))
		);
	});

	it('returns a small map as it is', () => {
		const map = { data: new Float32Array(4), height: 2, width: 2, channels: 1 };
		expect(downscaleMap(map, 2)).toBe(map);
	});
});
