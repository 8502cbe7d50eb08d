/*
 * Pearson correlation r = Σ(a − ā)(b − b̄) / √(Σ(a − ā)² · Σ(b − b̄)²), over every value of the two
 * representations (all positions and channels flattened). It ignores the overall scale and
 * offset, so maps of different kernels and layers are compared on one 0…1 scale of "same
 * pattern".
 *
 * r is undefined when either side is constant (zero variance). The labs need a number there
 * (a blank upload, a global max-pool of one channel), so: two constants are the same
 * representation (1) if they are equal and unrelated (0) otherwise, and a constant against
 * anything that varies is 0. "Constant" means max − min ≤ 1e-6 · max |value|, a test that does
 * not depend on float32 round-off in a mean.
 */
const CONSTANT_TOLERANCE = 1e-6;

/**
 * Pearson correlation of two equally long arrays, in float64, in one pass (this runs over
 * millions of map values per curve). The sums are taken relative to the first values, which
 * leaves r unchanged and keeps the one-pass formula free of cancellation when the data sit far
 * from 0.
 */
export function pearson(a: ArrayLike<number>, b: ArrayLike<number>): number {
	if (a.length !== b.length) {
		throw new RangeError(`arrays differ in length: ${a.length} and ${b.length}`);
	}
	const n = a.length;
	if (n === 0) throw new RangeError('correlation of empty arrays');
	const a0 = a[0];
	const b0 = b[0];
	let sa = 0;
	let sb = 0;
	let saa = 0;
	let sbb = 0;
	let sab = 0;
	let minA = a0;
	let maxA = a0;
	let minB = b0;
	let maxB = b0;
	for (let i = 0; i < n; i++) {
		const va = a[i];
		const vb = b[i];
		if (va < minA) minA = va;
		else if (va > maxA) maxA = va;
		if (vb < minB) minB = vb;
		else if (vb > maxB) maxB = vb;
		const da = va - a0;
		const db = vb - b0;
		sa += da;
		sb += db;
		saa += da * da;
		sbb += db * db;
		sab += da * db;
	}
	const constA = maxA - minA <= CONSTANT_TOLERANCE * Math.max(Math.abs(minA), Math.abs(maxA));
	const constB = maxB - minB <= CONSTANT_TOLERANCE * Math.max(Math.abs(minB), Math.abs(maxB));
	if (constA || constB) {
		if (!(constA && constB)) return 0;
		const meanA = a0 + sa / n;
		const meanB = b0 + sb / n;
		const scale = Math.max(Math.abs(meanA), Math.abs(meanB));
		return Math.abs(meanA - meanB) <= CONSTANT_TOLERANCE * scale ? 1 : 0;
	}
	const cross = sab - (sa * sb) / n;
	const ssA = saa - (sa * sa) / n;
	const ssB = sbb - (sb * sb) / n;
	return Math.max(-1, Math.min(1, cross / Math.sqrt(ssA * ssB)));
}
