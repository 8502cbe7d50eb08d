/** Luma weights of ITU-R BT.601, the grayscale every lab uses. */
export const LUMA_WEIGHTS = [0.299, 0.587, 0.114] as const;

/**
 * Straight (not premultiplied) RGBA bytes → RGB floats in [0, 1], compositing over white so
 * transparent areas read as paper rather than as black: c' = c·a + 255·(1 − a), a = A / 255.
 *
 * @param rgba pixels [height, width, 4], row-major, 0–255
 * @param width image width
 * @param height image height
 * @returns float32 [height, width, 3], row-major, in [0, 1]
 */
export function rgbaToFloatRgb(
	rgba: Uint8ClampedArray | Uint8Array,
	width: number,
	height: number
): Float32Array {
	const pixels = pixelCount(width, height);
	if (rgba.length !== pixels * 4) {
		throw new RangeError(`rgbaToFloatRgb: ${rgba.length} values do not fit ${width}×${height}×4`);
	}
	const rgb = new Float32Array(pixels * 3);
	for (let p = 0; p < pixels; p++) {
		const alpha = rgba[p * 4 + 3];
		// Both terms scaled by 255·255 so one division gives the [0, 1] value.
		const white = 255 * (255 - alpha);
		for (let c = 0; c < 3; c++) {
			rgb[p * 3 + c] = (rgba[p * 4 + c] * alpha + white) / 65025;
		}
	}
	return rgb;
}

/** True when any pixel of RGBA [height, width, 4] is not fully opaque (for the info line). */
export function hasTransparency(rgba: Uint8ClampedArray | Uint8Array): boolean {
	for (let i = 3; i < rgba.length; i += 4) {
		if (rgba[i] !== 255) return true;
	}
	return false;
}

/**
 * Grayscale by luma: Y = 0.299 R + 0.587 G + 0.114 B.
 *
 * @param rgb float [height, width, 3], row-major
 * @param width image width
 * @param height image height
 * @returns float32 [height, width], row-major
 */
export function lumaOf(rgb: Float32Array, width: number, height: number): Float32Array {
	const pixels = pixelCount(width, height);
	if (rgb.length !== pixels * 3) {
		throw new RangeError(`lumaOf: ${rgb.length} values do not fit ${width}×${height}×3`);
	}
	const [wr, wg, wb] = LUMA_WEIGHTS;
	const luma = new Float32Array(pixels);
	for (let p = 0; p < pixels; p++) {
		luma[p] = wr * rgb[p * 3] + wg * rgb[p * 3 + 1] + wb * rgb[p * 3 + 2];
	}
	return luma;
}

/** width × height, or NaN (which matches no buffer length) unless both are whole and ≥ 0. */
function pixelCount(width: number, height: number): number {
	return Number.isInteger(width) && Number.isInteger(height) && width >= 0 && height >= 0
		? width * height
		: Number.NaN;
}
