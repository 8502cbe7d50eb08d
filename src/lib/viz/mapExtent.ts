import { finiteExtent } from './finiteExtent';
import { assertMapChannel, type MapData } from '$lib/types/mapData';

/**
 * [min, max] of the finite values of one channel of a [H, W, C] map, or of all channels when
 * `channel` is 'all'; null when there are none. A grid of maps computes its shared colour range
 * from this once, rather than once per tile.
 */
export function mapExtent(map: MapData, channel: number | 'all'): [number, number] | null {
	if (channel === 'all') return finiteExtent(map.data);
	assertMapChannel(map, channel);
	let min = Infinity;
	let max = -Infinity;
	for (let i = channel; i < map.data.length; i += map.channels) {
		const v = map.data[i];
		if (v - v !== 0) continue;
		if (v < min) min = v;
		if (v > max) max = v;
	}
	return min <= max ? [min, max] : null;
}
