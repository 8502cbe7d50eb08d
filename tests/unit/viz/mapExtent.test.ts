import { describe, expect, it } from 'vitest';
import { mapExtent } from '$lib/viz/mapExtent';

// [2, 2, 2]: channel 0 = 1, NaN, -3, 4; channel 1 = 10, 20, Infinity, -5
const map = {
	data: Float32Array.from([1, 10, NaN, 20, -3, Infinity, 4, -5]),
	height: 2,
	width: 2,
	channels: 2
};

describe('mapExtent', () => {
	it.each([
		[0, [-3, 4]],
		[1, [-5, 20]],
		['all', [-5, 20]]
	] as const)('channel %s → %o, skipping NaN and ±Infinity', (channel, expected) => {
		expect(mapExtent(map, channel)).toEqual(expected);
	});

	it('is null when a channel holds no finite value', () => {
		const empty = { data: Float32Array.from([NaN, 1]), height: 1, width: 1, channels: 2 };
		expect(mapExtent(empty, 0)).toBeNull();
		expect(mapExtent({ ...empty, data: new Float32Array(0), height: 0 }, 'all')).toBeNull();
	});

	it('refuses a channel the map does not have', () => {
		expect(() => mapExtent(map, 2)).toThrow(RangeError);
	});
});
