/**
 * Veit et al.'s unraveled view: a residual net of n blocks is 2ⁿ paths, each choosing at every
 * block either the shortcut or the branch. Paths that pass through k branches number C(n, k), so
 * a path drawn at random has a Binomial(n, ½) length: mean n / 2, most paths of middling length.
 */

/** C(n, k) as a float (exact up to 2⁵³; n ≤ 56 here). */
export function binomialCoefficient(n: number, k: number): number {
	if (k < 0 || k > n) return 0;
	let c = 1;
	for (let i = 1; i <= Math.min(k, n - k); i++) c = (c * (n - i + 1)) / i;
	return Math.round(c);
}

/** Number of paths of length k = 0…n through n residual blocks: C(n, k); they sum to 2ⁿ. */
export function pathCounts(n: number): number[] {
	return Array.from({ length: n + 1 }, (_, k) => binomialCoefficient(n, k));
}

/** Share of the 2ⁿ paths that have length k = 0…n: C(n, k) / 2ⁿ. */
export function pathLengthDistribution(n: number): number[] {
	const total = 2 ** n;
	return pathCounts(n).map((c) => c / total);
}
