import { assertMapChannel, type MapData } from './mapData';

/** Fixed-width histogram of one channel, with the summary statistics a stats caption needs. */
export interface Bins {
	/** binCount + 1 edges; bin i holds edges[i] ≤ v < edges[i + 1], the last bin also holds v = edges[binCount]. */
	edges: Float64Array;
	counts: Uint32Array;
	/** Finite values counted (the sum of counts). */
	total: number;
	/** Over finite values; NaN when there are none. */
	min: number;
	max: number;
	mean: number;
	/** Population standard deviation (divides by total). */
	std: number;
	/** NaN and ±Infinity values, left out of everything above. */
	nonFinite: number;
}

/**
 * Histogram of channel `channel` of a [height, width, channels] map: `binCount` equal-width
 * bins over [min, max] of its finite values, the max landing in the last bin. Constant data
 * gets the unit range [c − 0.5, c + 0.5], so its one spike sits in the middle bin; no finite
 * values gives edges over [0, 1] and zero counts.
 *
 * Two passes over the data (min/max/mean, then counts and squared deviations), float64
 * accumulators, no allocation per value.
 */
export function histogramBins(map: MapData, channel: number, binCount: number): Bins {
	assertMapChannel(map, channel);
	if (!Number.isInteger(binCount) || binCount < 1) {
		throw new RangeError(`binCount must be a positive integer, got ${binCount}`);
	}
	const { data, channels } = map;
	const n = map.height * map.width;

	let min = Infinity;
	let max = -Infinity;
	let sum = 0;
	let total = 0;
	for (let i = 0, src = channel; i < n; i++, src += channels) {
		const v = data[src];
		if (v - v !== 0) continue; // NaN and ±Infinity
		if (v < min) min = v;
		if (v > max) max = v;
		sum += v;
		total++;
	}

	const counts = new Uint32Array(binCount);
	const edges = new Float64Array(binCount + 1);
	if (total === 0) {
		for (let i = 0; i <= binCount; i++) edges[i] = i / binCount;
		return { edges, counts, total, min: NaN, max: NaN, mean: NaN, std: NaN, nonFinite: n };
	}

	const lo = min === max ? min - 0.5 : min;
	const hi = min === max ? max + 0.5 : max;
	const width = (hi - lo) / binCount;
	for (let i = 0; i < binCount; i++) edges[i] = lo + i * width;
	edges[binCount] = hi;

	const mean = sum / total;
	const toBin = binCount / (hi - lo);
	const last = binCount - 1;
	let squares = 0;
	for (let i = 0, src = channel; i < n; i++, src += channels) {
		const v = data[src];
		if (v - v !== 0) continue;
		let b = ((v - lo) * toBin) | 0;
		if (b > last) b = last;
		// The multiply can land one bin off an edge by an ulp; the edges are the truth.
		else if (v < edges[b]) b--;
		else if (b < last && v >= edges[b + 1]) b++;
		counts[b]++;
		const d = v - mean;
		squares += d * d;
	}
	const std = Math.sqrt(squares / total);
	return { edges, counts, total, min, max, mean, std, nonFinite: n - total };
}
