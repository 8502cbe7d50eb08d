/** Zero padding, in pixels, on each side of an image. */
export interface Padding {
	top: number;
	bottom: number;
	left: number;
	right: number;
}

/** Where a padded image lies in a box that shows the padding around it. */
export interface PaddedFrame {
	/** SVG viewBox [x, y, width, height] in image pixels: (−left, −top) to (W + right, H + bottom). */
	viewBox: [number, number, number, number];
	/** The unpadded image inside that box, in % of the box: CSS for the canvas underneath. */
	inset: { left: number; top: number; width: number; height: number };
}

/**
 * Geometry shared by an overlay and the canvas under it: the overlay's viewBox covers the
 * padded image [imageHeight + top + bottom, imageWidth + left + right], and the canvas sits
 * at `inset` so image pixel (0, 0) lines up in both.
 */
export function paddedFrame(
	imageWidth: number,
	imageHeight: number,
	padding: Padding
): PaddedFrame {
	if (!(imageWidth > 0) || !(imageHeight > 0)) {
		throw new RangeError(`image size must be positive, got ${imageWidth}×${imageHeight}`);
	}
	const { top, bottom, left, right } = padding;
	if (![top, bottom, left, right].every((p) => p >= 0 && Number.isFinite(p))) {
		throw new RangeError(`padding must be finite and non-negative, got ${JSON.stringify(padding)}`);
	}
	const width = imageWidth + left + right;
	const height = imageHeight + top + bottom;
	return {
		viewBox: [0 - left, 0 - top, width, height], // 0 − p, not −p, to avoid −0
		inset: {
			left: (100 * left) / width,
			top: (100 * top) / height,
			width: (100 * imageWidth) / width,
			height: (100 * imageHeight) / height
		}
	};
}
