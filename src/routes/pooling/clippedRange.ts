import type { MapData } from '$lib/types/mapData';
import { histogramBins } from '$lib/viz/histogramBins';
import { robustRange } from '$lib/viz/robustRange';

/**
 * The colour range of one map, leaving out the 0.5 % most extreme values at each end ([0, 1] with no map): the zero
 * padding makes a bright edge along the image border that would otherwise dim everything else.
 */
export const CLIP_TAIL = 0.005;

export function clippedRange(map: MapData | null, channel: number): [number, number] {
	if (!map) return [0, 1];
	const bins = histogramBins(map, channel, 1024);
	return bins.total > 0 ? robustRange(bins, CLIP_TAIL) : [0, 1];
}
