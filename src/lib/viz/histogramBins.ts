import { assertMapChannel, type MapData } from '$lib/types/mapData';

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
 * `range`, when given, must be the channel's [min, max] (as `convolve` returns it in
 * `ranges`): then one pass does everything — counts, mean and a shifted sum of squares — which
 * matters on the hot path of every feature map. Without it (or with a non-finite range) a
 * first pass finds min / max. Float64 accumulators, no allocation per value.
 */
export function histogramBins(
	map: MapData,
	channel: number,
	binCount: number,
	range?: readonly [number, number]
): Bins {
	assertMapChannel(map, channel);
	if (!Number.isInteger(binCount) || binCount < 1) {
		throw new RangeError(`binCount must be a positive integer, got ${binCount}`);
	}
	const known =
		range && Number.isFinite(range[0]) && Number.isFinite(range[1]) && range[0] <= range[1];
	const [min, max] = known ? range : finiteRange(map, channel);
	const n = map.height * map.width;
	const counts = new Uint32Array(binCount);
	const edges = new Float64Array(binCount + 1);
	if (!(min <= max)) {
		for (let i = 0; i <= binCount; i++) edges[i] = i / binCount;
		return { edges, counts, total: 0, min: NaN, max: NaN, mean: NaN, std: NaN, nonFinite: n };
	}

	const lo = min === max ? min - 0.5 : min;
	const hi = min === max ? max + 0.5 : max;
	const width = (hi - lo) / binCount;
	for (let i = 0; i < binCount; i++) edges[i] = lo + i * width;
	edges[binCount] = hi;

	const { data, channels } = map;
	const toBin = binCount / (hi - lo);
	const last = binCount - 1;
	// Deviations from the middle of the range, not from 0: the sum of squares then keeps its
	// precision when the values sit far from 0 with a small spread.
	const shift = (min + max) / 2;
	let sum = 0;
	let squares = 0;
	let total = 0;
	for (let i = 0, src = channel; i < n; i++, src += channels) {
		const v = data[src];
		if (v - v !== 0) continue; // NaN and ±Infinity
		let b = ((v - lo) * toBin) | 0;
		if (b > last) b = last;
		else if (b < 0) b = 0;
		// The multiply can land one bin off an edge by an ulp; the edges are the truth.
		else if (v < edges[b]) b--;
		else if (b < last && v >= edges[b + 1]) b++;
		counts[b]++;
		const d = v - shift;
		sum += d;
		squares += d * d;
		total++;
	}
	if (total === 0)
		return { edges, counts, total, min: NaN, max: NaN, mean: NaN, std: NaN, nonFinite: n };
	const meanShifted = sum / total;
	const std = Math.sqrt(Math.max(0, squares / total - meanShifted * meanShifted));
	return { edges, counts, total, min, max, mean: shift + meanShifted, std, nonFinite: n - total };
}

/** [min, max] of the channel's finite values; [Infinity, -Infinity] when there are none. */
function finiteRange(map: MapData, channel: number): [number, number] {
	const { data, channels } = map;
	const n = map.height * map.width;
	let min = Infinity;
	let max = -Infinity;
	for (let i = 0, src = channel; i < n; i++, src += channels) {
		const v = data[src];
		if (v - v !== 0) continue;
		if (v < min) min = v;
		if (v > max) max = v;
	}
	return [min, max];
}
