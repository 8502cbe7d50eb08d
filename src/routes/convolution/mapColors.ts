/**
 * The colour scales of the Convolution lab's maps: each range read off the channel's histogram,
 * clipped at the 0.5 % tails unless the learner says not to (a few extreme pixels would
 * otherwise wash out the map).
 */
import type { FeatureMaps } from '$lib/engine/convolution';
import { chooseColorScale, type ColorScaleSpec } from '$lib/viz/colorScale';
import { histogramBins, type Bins } from '$lib/viz/histogramBins';
import { robustRange } from '$lib/viz/robustRange';
import { sampledBins } from '$lib/viz/sampledBins';

const CLIP_TAIL = 0.005;
const BIN_COUNT = 1024;

const rangeOf = (bins: Bins, clip: boolean) => robustRange(bins, clip ? CLIP_TAIL : 0);

/**
 * The main map's scale, on the way to the screen: from an even sample of its values (see
 * sampledBins), with the channel's exact range from the read-back.
 */
export function mainColorScale(maps: FeatureMaps, channel: number, clip: boolean): ColorScaleSpec {
	return chooseColorScale(
		...rangeOf(sampledBins(maps, channel, BIN_COUNT, maps.ranges?.[channel]), clip)
	);
}

/** Every value of one channel, for the histogram chart (drawn after the map). */
export function channelBins(maps: FeatureMaps, channel: number): Bins {
	return histogramBins(maps, channel, BIN_COUNT, maps.ranges?.[channel]);
}

/** One scale for the small maps (R, G, B; or gx, gy), so they can be compared. */
export function sharedColorScale(
	maps: FeatureMaps,
	channels: number[],
	clip: boolean
): ColorScaleSpec {
	const ranges = channels.map((c) => rangeOf(channelBins(maps, c), clip));
	return chooseColorScale(
		Math.min(...ranges.map((r) => r[0])),
		Math.max(...ranges.map((r) => r[1]))
	);
}
