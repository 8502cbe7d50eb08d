import { histogramBins, type Bins } from './histogramBins';
import type { MapData } from '$lib/types/mapData';

/** Enough values for a 0.5 % quantile to within ~0.03 % of the values: the colour range's need. */
export const COLOR_RANGE_SAMPLES = 65_536;

/**
 * The histogram of every s-th value of one channel (s odd, so on a power-of-two-wide map the
 * sample walks across columns row after row instead of repeating the same ones), with s chosen
 * so that about `samples` values are counted; maps of at most `samples` values are counted
 * whole, exactly as `histogramBins` does.
 *
 * Why: the colour range of a 512² map is read off its histogram on the way to the screen, and
 * counting all 262,144 values took ~2 ms of the ~4 ms that drawing may add to the convolution.
 * Its quantiles from 52k evenly spread values differ by far less than one of the 256 colours;
 * the histogram chart, drawn after the map, still counts every value.
 *
 * `range` is the channel's exact [min, max] (as `convolve` returns it), so the end bins and the
 * unclipped range stay exact.
 */
export function sampledBins(
	map: MapData,
	channel: number,
	binCount: number,
	range?: readonly [number, number],
	samples = COLOR_RANGE_SAMPLES
): Bins {
	const n = map.height * map.width;
	const every = Math.max(1, Math.floor(n / samples)) | 1;
	if (every === 1) return histogramBins(map, channel, binCount, range);
	// One column of `every`-th values: a [count, 1, channels] view that histogramBins walks as is.
	const count = Math.ceil(n / every);
	const data = new Float32Array(count);
	const { channels } = map;
	for (let i = 0, src = channel; i < count; i++, src += every * channels) data[i] = map.data[src];
	return histogramBins({ data, height: count, width: 1, channels: 1 }, 0, binCount, range);
}
