/**
 * /network's picked unit: which units of the network shown exist (selectedUnit), and what a screen
 * reader hears of one (unitAnnouncement) — nothing for a unit the network shown no longer has,
 * as after a model switch in the quarter second before it is said (found by the random walk,
 * RANDOM_SEED=19: "Cannot read properties of undefined (reading 'data')").
 */
import { describe, expect, it } from 'vitest';
import type { MapData } from '$lib/types/mapData';
import { selectedUnit, unitAnnouncement } from '../../../src/routes/network/selectedUnit';

/** a 2×3 map of 2 channels whose value at (y, x, c) is 100y + 10x + c */
const conv: MapData = {
	height: 2,
	width: 3,
	channels: 2,
	data: Float32Array.from({ length: 12 }, (_, i) => {
		const c = i % 2;
		const x = Math.floor(i / 2) % 3;
		const y = Math.floor(i / 6);
		return 100 * y + 10 * x + c;
	})
};
const dense: MapData = {
	height: 1,
	width: 1,
	channels: 4,
	data: Float32Array.from([0.5, -1, 2, 7])
};
const maps = [conv, dense];
const layers = [
	{ name: 'conv1', flat: false },
	{ name: 'dense', flat: true }
];

describe('selectedUnit', () => {
	it('keeps a unit in range, and puts a vector unit at row and column 0', () => {
		const flat = (i: number) => layers[i].flat;
		expect(selectedUnit({ layer: 0, channel: 1, y: 1, x: 2 }, maps, flat)).toEqual({
			layer: 0,
			channel: 1,
			y: 1,
			x: 2
		});
		expect(selectedUnit({ layer: 1, channel: 3, y: 5, x: 5 }, maps, flat)).toEqual({
			layer: 1,
			channel: 3,
			y: 0,
			x: 0
		});
		expect(selectedUnit({ layer: 0, channel: 2, y: 0, x: 0 }, maps, flat)).toBeNull();
		expect(selectedUnit({ layer: 0, channel: 0, y: 2, x: 0 }, maps, flat)).toBeNull();
		expect(selectedUnit({ layer: 2, channel: 0, y: 0, x: 0 }, maps, flat)).toBeNull();
	});
});

describe('unitAnnouncement', () => {
	it('says the layer, the place and the value read at (y, x, channel)', () => {
		expect(unitAnnouncement({ layer: 0, channel: 1, y: 1, x: 2 }, maps, layers)).toBe(
			'conv1, map 2, row 1, column 2: 121.0'
		);
		expect(unitAnnouncement({ layer: 1, channel: 3, y: 0, x: 0 }, maps, layers)).toBe(
			'dense, unit 4: 7.000'
		);
	});

	it('says nothing of a unit the network shown no longer has (another model, maps not in yet)', () => {
		// the selfie network's layer 9 picked, then the classifier's two layers shown
		expect(unitAnnouncement({ layer: 9, channel: 0, y: 0, x: 0 }, maps, layers)).toBeNull();
		expect(unitAnnouncement({ layer: 0, channel: 7, y: 0, x: 0 }, maps, layers)).toBeNull();
		expect(unitAnnouncement({ layer: 0, channel: 0, y: 0, x: 0 }, [], layers)).toBeNull();
	});
});
