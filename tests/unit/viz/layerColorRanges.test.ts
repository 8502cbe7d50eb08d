import { describe, expect, it } from 'vitest';
import { channelExtents, layerColorRanges } from '$lib/viz/layerColorRanges';

// Two layers: A has channels [0..2] and [0..4]; B has one signed channel [-1..1] and a NaN.
const A = { data: Float32Array.from([0, 0, 2, 4, 1, 3]), height: 1, width: 3, channels: 2 };
const B = { data: Float32Array.from([-1, NaN, 1]), height: 1, width: 3, channels: 1 };

describe('layerColorRanges', () => {
	it('finds every channel’s extent in one pass, skipping NaN', () => {
		expect(Array.from(channelExtents(A))).toEqual([0, 2, 0, 4]);
		expect(Array.from(channelExtents(B))).toEqual([-1, 1]);
	});

	it('unit: each map its own; layer: one per layer; global: one for all', () => {
		const unit = layerColorRanges([A, B], 'unit');
		expect(unit[0].map((s) => s.domain)).toEqual([
			[0, 2],
			[0, 4]
		]);
		const layer = layerColorRanges([A, B], 'layer');
		expect(layer[0].map((s) => s.domain)).toEqual([
			[0, 4],
			[0, 4]
		]);
		expect(layer[1][0]).toEqual({ kind: 'diverging', domain: [-1, 1] });
		const global = layerColorRanges([A, B], 'global');
		// [-1, 4] is signed: diverging, symmetric ±4
		expect(global.flat().every((s) => s.kind === 'diverging' && s.domain[1] === 4)).toBe(true);
	});
});
