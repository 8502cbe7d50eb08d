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

/** Pearson correlation of two equally long arrays, in float64. */
export function pearson(a: ArrayLike<number>, b: ArrayLike<number>): number {
	if (a.length !== b.length) {
		throw new RangeError(`arrays differ in length: ${a.length} and ${b.length}`);
	}
	const n = a.length;
	if (n === 0) throw new RangeError('correlation of empty arrays');
	let meanA = 0;
	let meanB = 0;
	for (let i = 0; i < n; i++) {
		meanA += a[i];
		meanB += b[i];
	}
	meanA /= n;
	meanB /= n;
	let cross = 0;
	let ssA = 0;
	let ssB = 0;
	for (let i = 0; i < n; i++) {
		const da = a[i] - meanA;
		const db = b[i] - meanB;
		cross += da * db;
		ssA += da * da;
		ssB += db * db;
	}
	const constA = isConstant(a);
	const constB = isConstant(b);
	if (constA || constB) {
		if (!(constA && constB)) return 0;
		const scale = Math.max(Math.abs(meanA), Math.abs(meanB));
		return Math.abs(meanA - meanB) <= CONSTANT_TOLERANCE * scale ? 1 : 0;
	}
	return cross / Math.sqrt(ssA * ssB);
}

function isConstant(values: ArrayLike<number>): boolean {
	let min = Infinity;
	let max = -Infinity;
	for (let i = 0; i < values.length; i++) {
		if (values[i] < min) min = values[i];
		if (values[i] > max) max = values[i];
	}
	return max - min <= CONSTANT_TOLERANCE * Math.max(Math.abs(min), Math.abs(max));
}
