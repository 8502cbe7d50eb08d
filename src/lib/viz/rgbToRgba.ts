/**
 * Converts an image [height, width, 3] (RGB) or [height, width, 1] (gray), values in [0, 1],
 * into opaque RGBA bytes [height, width, 4]. Values outside [0, 1] clamp; NaN shows as black.
 * The channel count is read from the array length.
 */
export function rgbToRgba(
	image: Float32Array,
	height: number,
	width: number,
	out?: Uint8ClampedArray<ArrayBuffer>
): Uint8ClampedArray<ArrayBuffer> {
	if (!Number.isInteger(height) || !Number.isInteger(width) || height < 0 || width < 0) {
		throw new RangeError(`image size must be non-negative integers, got ${height}×${width}`);
	}
	const n = height * width;
	const channels = n === 0 ? 3 : image.length / n;
	if (channels !== 3 && channels !== 1) {
		throw new RangeError(
			`image of ${image.length} values is neither [${height}, ${width}, 3] nor [${height}, ${width}, 1]`
		);
	}
	if (out && out.length !== n * 4) {
		throw new RangeError(`out has length ${out.length}, expected ${n * 4} ([H, W, 4])`);
	}
	const rgba = out ?? new Uint8ClampedArray(n * 4);
	// Uint8ClampedArray rounds half to even and clamps, so 255·v needs no Math calls.
	if (channels === 3) {
		for (let i = 0, src = 0, dst = 0; i < n; i++, src += 3, dst += 4) {
			rgba[dst] = image[src] * 255;
			rgba[dst + 1] = image[src + 1] * 255;
			rgba[dst + 2] = image[src + 2] * 255;
			rgba[dst + 3] = 255;
		}
	} else {
		for (let i = 0, dst = 0; i < n; i++, dst += 4) {
			const v = image[i] * 255;
			rgba[dst] = v;
			rgba[dst + 1] = v;
			rgba[dst + 2] = v;
			rgba[dst + 3] = 255;
		}
	}
	return rgba;
}
