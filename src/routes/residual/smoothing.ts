/** Trailing mean over the last `window` values at each index (the first ones over fewer). */
export function trailingMean(values: readonly number[], window: number): number[] {
	const out: number[] = [];
	let sum = 0;
	for (let i = 0; i < values.length; i++) {
		sum += values[i];
		if (i >= window) sum -= values[i - window];
		out.push(sum / Math.min(i + 1, window));
	}
	return out;
}
