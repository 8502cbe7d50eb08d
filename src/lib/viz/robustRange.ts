import type { Bins } from './histogramBins';

/**
 * The value range that holds all but `tail` of the values at each end, read off a histogram
 * (linear within a bin). A handful of extreme pixels — a specular highlight under a
 * Laplacian — would otherwise stretch the colour scale until every other pixel looks the same.
 *
 * Returns [min, max] unchanged when tail is 0 or there are no values.
 */
export function robustRange(bins: Bins, tail: number): [number, number] {
	if (!(tail > 0) || bins.total === 0) return [bins.min, bins.max];
	return [quantile(bins, tail), quantile(bins, 1 - tail)];
}

function quantile(bins: Bins, q: number): number {
	const target = q * bins.total;
	let seen = 0;
	for (let i = 0; i < bins.counts.length; i++) {
		const count = bins.counts[i];
		if (count > 0 && seen + count >= target) {
			const within = (target - seen) / count;
			const value = bins.edges[i] + within * (bins.edges[i + 1] - bins.edges[i]);
			return Math.min(bins.max, Math.max(bins.min, value));
		}
		seen += count;
	}
	return bins.max;
}
