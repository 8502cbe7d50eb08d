/**
 * The size an image is used at: unchanged when its longer side is at most `limit` (images are
 * never upscaled), otherwise scaled so the longer side equals `limit`, keeping the aspect
 * ratio (each side rounded, at least 1 px).
 *
 * @param width source width in px (> 0)
 * @param height source height in px (> 0)
 * @param limit longest side allowed, in px (integer > 0), e.g. the working size 512
 */
export function fitWithin(
	width: number,
	height: number,
	limit: number
): { width: number; height: number } {
	if (!(width > 0 && height > 0 && Number.isFinite(width) && Number.isFinite(height))) {
		throw new RangeError(`fitWithin: size must be positive, got ${width}×${height}`);
	}
	if (!(Number.isInteger(limit) && limit > 0)) {
		throw new RangeError(`fitWithin: limit must be a positive integer, got ${limit}`);
	}
	const longer = Math.max(width, height);
	if (longer <= limit) return { width, height };
	// Compute each side from its own ratio so the longer one lands exactly on `limit`.
	return {
		width: width === longer ? limit : Math.max(1, Math.round((width * limit) / longer)),
		height: height === longer ? limit : Math.max(1, Math.round((height * limit) / longer))
	};
}
