/**
 * The colour ranges of a whole network's maps, in one of three modes: 'unit' (each map its own
 * range: every map's pattern is visible, but a weak map looks as strong as a strong one),
 * 'layer' (one range per layer: maps of a layer compare), 'global' (one range for every hidden
 * layer: layers compare too, and a layer that barely responds looks dim). Ranges come from each
 * channel's finite min and max, found in one pass per layer.
 */
import { chooseColorScale, type ColorScaleSpec } from './colorScale';
import type { MapData } from '$lib/types/mapData';

export const COLOR_RANGE_MODES = ['unit', 'layer', 'global'] as const;
export type ColorRangeMode = (typeof COLOR_RANGE_MODES)[number];

/** [min, max] of every channel, interleaved: [min0, max0, min1, max1, …]; NaN/±∞ skipped. */
export function channelExtents(map: MapData): Float64Array {
	const { data, channels } = map;
	const out = new Float64Array(2 * channels);
	for (let c = 0; c < channels; c++) {
		out[2 * c] = Infinity;
		out[2 * c + 1] = -Infinity;
	}
	for (let i = 0, c = 0; i < data.length; i++) {
		const v = data[i];
		if (v > -Infinity && v < Infinity) {
			if (v < out[2 * c]) out[2 * c] = v;
			if (v > out[2 * c + 1]) out[2 * c + 1] = v;
		}
		if (++c === channels) c = 0;
	}
	return out;
}

/** Hull of channel extents (all channels), or null when no channel holds a finite value. */
function hull(extents: Float64Array): [number, number] | null {
	let lo = Infinity;
	let hi = -Infinity;
	for (let c = 0; c < extents.length; c += 2) {
		lo = Math.min(lo, extents[c]);
		hi = Math.max(hi, extents[c + 1]);
	}
	return lo <= hi ? [lo, hi] : null;
}

const scaleOf = (range: [number, number] | null): ColorScaleSpec =>
	range ? chooseColorScale(range[0], range[1]) : chooseColorScale(0, 1);

/** One spec per channel of every layer, for the given mode. */
export function layerColorRanges(
	layers: readonly MapData[],
	mode: ColorRangeMode
): ColorScaleSpec[][] {
	const extents = layers.map(channelExtents);
	if (mode === 'unit') {
		return extents.map((e) =>
			Array.from({ length: e.length / 2 }, (_, c) =>
				scaleOf(e[2 * c] <= e[2 * c + 1] ? [e[2 * c], e[2 * c + 1]] : null)
			)
		);
	}
	if (mode === 'layer') {
		return extents.map((e) => {
			const spec = scaleOf(hull(e));
			return Array.from({ length: e.length / 2 }, () => spec);
		});
	}
	const ranges = extents.map(hull).filter((r): r is [number, number] => r !== null);
	const spec = scaleOf(
		ranges.length
			? [Math.min(...ranges.map((r) => r[0])), Math.max(...ranges.map((r) => r[1]))]
			: null
	);
	return extents.map((e) => Array.from({ length: e.length / 2 }, () => spec));
}
