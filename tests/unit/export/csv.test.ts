import { describe, expect, it } from 'vitest';
import { channelToCsv } from '$lib/export/csv';
import type { MapData } from '$lib/types/mapData';

describe('channelToCsv', () => {
	// [2, 3, 2]: channel 1 holds the interesting values, channel 0 a marker that must not leak
	const channel1 = [
		0,
		-0,
		0.1,
		1 / 3,
		1234567,
		-2.5e-7,
		123.456789,
		NaN,
		-Infinity,
		42,
		-2.5,
		1e-3
	];
	const map: MapData = {
		data: Float32Array.from(channel1.flatMap((v, i) => [900 + i, v])),
		height: 4,
		width: 3,
		channels: 2
	};

	it('writes one row per image row with up to 6 significant digits', () => {
		// float32 values, rounded by hand to 6 significant digits
		expect(channelToCsv(map, 1)).toBe(
			'0,0,0.1\n' + '0.333333,1234570,-2.5e-7\n' + '123.457,NaN,-Infinity\n' + '42,-2.5,0.001\n'
		);
	});

	it('reads the requested channel', () => {
		expect(channelToCsv(map, 0).split('\n')[1]).toBe('903,904,905');
	});

	it('is empty for an empty map', () => {
		expect(channelToCsv({ data: new Float32Array(0), height: 0, width: 5, channels: 1 }, 0)).toBe(
			''
		);
	});

	it.each([2, -1, 0.5])('throws for channel %s', (channel) => {
		expect(() => channelToCsv(map, channel)).toThrow(/channel/);
	});
});
