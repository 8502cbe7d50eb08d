/**
 * [min, max] over the finite values of one or more arrays, or null when there are none.
 * Charts use it so that a NaN gap or an overflowing value does not wreck the axis.
 */
export function finiteExtent(...arrays: ArrayLike<number>[]): [number, number] | null {
	let min = Infinity;
	let max = -Infinity;
	for (const values of arrays) {
		for (let i = 0; i < values.length; i++) {
			const v = values[i];
			if (v - v !== 0) continue;
			if (v < min) min = v;
			if (v > max) max = v;
		}
	}
	return min <= max ? [min, max] : null;
}

/**
 * A domain safe to hand to a D3 scale: `extent` itself, or, when it is missing or a single
 * point, a unit-wide interval around it (so a flat line still gets an axis).
 */
export function paddedDomain(extent: [number, number] | null): [number, number] {
	if (!extent) return [0, 1];
	const [lo, hi] = extent;
	if (lo < hi) return [lo, hi];
	const half = Math.abs(lo) > 0 ? Math.abs(lo) * 0.5 : 0.5;
	return [lo - half, hi + half];
}
