/**
 * Nearest-neighbour resize of an RGBA image, so every map pixel becomes a crisp block (a
 * smoothing resize would blur exactly the pixel boundaries a learner wants to see).
 * Output pixel (y, x) copies source pixel (floor(y · h / outH), floor(x · w / outW)).
 * @param rgba [h, w, 4] row-major (ImageData layout)
 * @returns [outH, outW, 4]
 * @throws RangeError on non-positive or non-integer sizes, or rgba of the wrong length
 */
export function upscaleNearest(
	rgba: Uint8ClampedArray,
	width: number,
	height: number,
	outWidth: number,
	outHeight: number
): Uint8ClampedArray<ArrayBuffer> {
	for (const [name, v] of Object.entries({ width, height, outWidth, outHeight })) {
		if (!Number.isInteger(v) || v < 1)
			throw new RangeError(`${name} must be an integer ≥ 1, got ${v}`);
	}
	if (rgba.length !== width * height * 4) {
		throw new RangeError(
			`rgba holds ${rgba.length} bytes, [${height}, ${width}, 4] needs ${width * height * 4}`
		);
	}
	const out = new Uint8ClampedArray(outWidth * outHeight * 4);
	const columns = Int32Array.from(
		{ length: outWidth },
		(_, x) => Math.floor((x * width) / outWidth) * 4
	);
	for (let y = 0; y < outHeight; y++) {
		const row = Math.floor((y * height) / outHeight) * width * 4;
		for (let x = 0, dst = y * outWidth * 4; x < outWidth; x++, dst += 4) {
			const src = row + columns[x];
			out[dst] = rgba[src];
			out[dst + 1] = rgba[src + 1];
			out[dst + 2] = rgba[src + 2];
			out[dst + 3] = rgba[src + 3];
		}
	}
	return out;
}
