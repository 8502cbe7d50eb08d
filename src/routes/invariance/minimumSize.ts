/**
 * The smallest image the lab can measure anything on: the conv maps need an interior away from
 * their padded border (up to 5 px each side at k = 11), and the 2×2 pool and blur pool rows and
 * columns inside it. Smaller images get this sentence instead of the layers' own errors.
 */
export const INVARIANCE_MIN_SIDE = 16;

/** null when the image is large enough; otherwise what is wrong and what to do. */
export function imageSizeProblem(height: number, width: number): string | null {
	if (height >= INVARIANCE_MIN_SIDE && width >= INVARIANCE_MIN_SIDE) return null;
	return (
		`This image is ${width}×${height} px: the invariance lab needs at least ` +
		`${INVARIANCE_MIN_SIDE}×${INVARIANCE_MIN_SIDE} px, so that the conv maps keep an interior away ` +
		`from their padded border to compare and pooling has rows and columns to pool. ` +
		`Pick a larger image or a sample.`
	);
}
