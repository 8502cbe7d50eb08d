/**
 * A convolution written as the matrix a fully connected layer would use: one row per output
 * position, one column per input pixel. Most entries are zero (locality) and the non-zero ones
 * are the same k² numbers on every row, shifted (weight sharing) — the picture of why a conv
 * layer has k² parameters where a fully connected layer has one per connection.
 * Stride 1, 'valid' padding, cross-correlation.
 * @param kernel [k, k] row-major
 * @returns [outH·outW, height·width] row-major, outH = height − k + 1, outW = width − k + 1
 */
export function convolutionMatrix(
	kernel: Float32Array,
	k: number,
	height: number,
	width: number
): { matrix: Float32Array; rows: number; columns: number; outHeight: number; outWidth: number } {
	if (kernel.length !== k * k) throw new RangeError(`kernel must hold ${k * k} values`);
	const outHeight = Math.max(0, height - k + 1);
	const outWidth = Math.max(0, width - k + 1);
	const rows = outHeight * outWidth;
	const columns = height * width;
	const matrix = new Float32Array(rows * columns);
	for (let oy = 0; oy < outHeight; oy++) {
		for (let ox = 0; ox < outWidth; ox++) {
			const row = (oy * outWidth + ox) * columns;
			for (let ky = 0; ky < k; ky++) {
				for (let kx = 0; kx < k; kx++) {
					matrix[row + (oy + ky) * width + (ox + kx)] = kernel[ky * k + kx];
				}
			}
		}
	}
	return { matrix, rows, columns, outHeight, outWidth };
}
