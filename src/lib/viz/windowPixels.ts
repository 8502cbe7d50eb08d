/** One input pixel a kernel tap reads, as the magnified window shows it. */
export interface WindowPixel {
	/** kernel row / column of the tap */
	ky: number;
	kx: number;
	/** input row / column (outside the image in the zero padding) */
	iy: number;
	ix: number;
	inPadding: boolean;
	/** the value(s) the kernel multiplies: [luma] in gray mode, [R, G, B] in RGB mode, in [0, 1]; 0s in the padding */
	values: number[];
	/** CSS colour of the pixel as the input view draws it */
	color: string;
}

const byte = (v: number) => Math.round(Math.max(0, Math.min(1, v)) * 255);

/**
 * The input pixels under a kernel window, row-major over the k × k taps (one per kernel
 * weight, so dilation gaps are skipped exactly as the convolution skips them).
 * @param taps k² taps in kernel row-major order, each with its input row / column
 * @param luma [height, width] in [0, 1], read in gray mode
 * @param rgb [height, width, 3] in [0, 1], read in RGB mode
 * @throws RangeError when the tap count is not a square
 */
export function windowPixels(
	taps: readonly { iy: number; ix: number; inPadding: boolean }[],
	image: { width: number; height: number; luma: Float32Array; rgb: Float32Array },
	mode: 'gray' | 'rgb'
): { size: number; pixels: WindowPixel[] } {
	const size = Math.round(Math.sqrt(taps.length));
	if (size * size !== taps.length) {
		throw new RangeError(`a kernel window has k² taps, got ${taps.length}`);
	}
	const { width, height, luma, rgb } = image;
	const pixels = taps.map((tap, i): WindowPixel => {
		const inside = tap.iy >= 0 && tap.iy < height && tap.ix >= 0 && tap.ix < width;
		const at = tap.iy * width + tap.ix;
		const values = !inside
			? mode === 'gray'
				? [0]
				: [0, 0, 0]
			: mode === 'gray'
				? [luma[at]]
				: [rgb[at * 3], rgb[at * 3 + 1], rgb[at * 3 + 2]];
		const [r, g, b] = mode === 'gray' ? [values[0], values[0], values[0]] : values;
		return {
			ky: Math.floor(i / size),
			kx: i % size,
			iy: tap.iy,
			ix: tap.ix,
			inPadding: !inside,
			values,
			color: `rgb(${byte(r)}, ${byte(g)}, ${byte(b)})`
		};
	});
	return { size, pixels };
}
