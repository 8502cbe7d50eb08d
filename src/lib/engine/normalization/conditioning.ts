/**
 * The condition number κ = λmax / λmin of a second-moment matrix (the Hessian of the
 * squared loss), or the reason it does not exist, so the page explains instead of printing
 * NaN or Infinity: no patches, a flat image, or patches confined to a subspace.
 */

export type IllConditioned = 'too-small' | 'flat' | 'rank-deficient';

export type Conditioning =
	| { ok: true; lambdaMax: number; lambdaMin: number; kappa: number }
	| { ok: false; reason: IllConditioned; lambdaMax: number; lambdaMin: number };

/**
 * Below this λmin/λmax the smallest eigenvalue is rounding, not data: float32 luma gives
 * relative noise ~1e-8 in a patch, ~1e-16 in its square, and real photos have κ ≲ 1e6.
 */
export const RANK_TOLERANCE = 1e-10;

/**
 * @param values eigenvalues, largest first (e.g. SymmetricEigen.values)
 * @param samples how many vectors the matrix averages (patches, images): fewer than its size
 *   cannot span every direction
 * @param spread the inputs' total variance relative to their total second moment, tr Σ / tr E[xxᵀ]
 *   (in [0, 1]; NaN for all-zero inputs). At or below RANK_TOLERANCE the image is flat: a constant
 *   float32 image leaves a variance of rounding size (~1e-17 for 0.123), never exactly 0, and
 *   read as an absolute number that would pass for a (rank-deficient) texture.
 */
export function conditioning(
	values: ArrayLike<number>,
	samples: number,
	spread: number
): Conditioning {
	const lambdaMax = values[0] ?? 0;
	const lambdaMin = Math.max(values[values.length - 1] ?? 0, 0);
	if (samples < values.length) return { ok: false, reason: 'too-small', lambdaMax, lambdaMin };
	if (!(spread > RANK_TOLERANCE) || !(lambdaMax > 0))
		return { ok: false, reason: 'flat', lambdaMax, lambdaMin };
	if (lambdaMin <= RANK_TOLERANCE * lambdaMax)
		return { ok: false, reason: 'rank-deficient', lambdaMax, lambdaMin };
	return { ok: true, lambdaMax, lambdaMin, kappa: lambdaMax / lambdaMin };
}
