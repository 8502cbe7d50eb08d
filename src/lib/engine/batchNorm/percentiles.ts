/**
 * Percentiles of a set of values, as Ioffe & Szegedy's Fig. 1 draws them ({15, 50, 85}th of the
 * input to one sigmoid unit over a batch): linear interpolation between the two nearest ranks,
 * NumPy's default (`np.percentile(..., method='linear')`).
 */
export const IOFFE_PERCENTILES = [15, 50, 85] as const;

export function percentiles(
	values: ArrayLike<number>,
	ps: readonly number[] = IOFFE_PERCENTILES
): number[] {
	const sorted = Float64Array.from(values).sort();
	return ps.map((p) => sortedPercentile(sorted, p));
}

/** The p-th percentile of values already sorted ascending (NaN when there are none). */
export function sortedPercentile(sorted: ArrayLike<number>, p: number): number {
	const n = sorted.length;
	if (n === 0) return NaN;
	const rank = (Math.min(100, Math.max(0, p)) / 100) * (n - 1);
	const low = Math.floor(rank);
	const high = Math.min(n - 1, low + 1);
	return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
}
