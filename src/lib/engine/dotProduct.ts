import { assertGeometry, axisPadding, type ConvGeometry } from './convArithmetic';

/** One kernel weight, the input value under it, and their product. */
export interface KernelTap {
	/** kernel row and column */
	ky: number;
	kx: number;
	/** input row and column; may lie outside the image, in the zero padding */
	iy: number;
	ix: number;
	inPadding: boolean;
	weight: number;
	/** the input value, 0 in the padding */
	value: number;
	product: number;
}

/**
 * The window behind output pixel (outY, outX): every kernel tap with its input coordinate
 * (iy = outY·s − before + ky·d, likewise ix; outside [0, H)×[0, W) it is flagged `inPadding` and
 * reads 0), weight, input value and product, in row-major kernel order; plus their sum, which is
 * the output value at that pixel.
 * @param input ONE channel, [height, width] row-major
 * @param kernel [k, k] row-major, length kernelSize²
 * @throws RangeError on a bad geometry, arrays of the wrong length, or (outY, outX) outside the
 * output map.
 */
export function dotProductAt(
	input: Float32Array,
	height: number,
	width: number,
	kernel: Float32Array,
	g: ConvGeometry,
	outY: number,
	outX: number
): { taps: KernelTap[]; sum: number } {
	assertGeometry(g);
	const k = g.kernelSize;
	if (input.length !== height * width) {
		throw new RangeError(`input must have ${height}×${width} values, got ${input.length}`);
	}
	if (kernel.length !== k * k) {
		throw new RangeError(`kernel must have ${k}×${k} = ${k * k} weights, got ${kernel.length}`);
	}
	const rows = axisPadding(height, g);
	const cols = axisPadding(width, g);
	const inside = (v: number, n: number) => Number.isInteger(v) && v >= 0 && v < n;
	if (!inside(outY, rows.out) || !inside(outX, cols.out)) {
		throw new RangeError(
			`output pixel (${outY}, ${outX}) is outside the ${rows.out}×${cols.out} output map`
		);
	}
	const taps: KernelTap[] = [];
	let sum = 0;
	for (let ky = 0; ky < k; ky++) {
		for (let kx = 0; kx < k; kx++) {
			const iy = outY * g.stride - rows.before + ky * g.dilation;
			const ix = outX * g.stride - cols.before + kx * g.dilation;
			const inPadding = iy < 0 || iy >= height || ix < 0 || ix >= width;
			const weight = kernel[ky * k + kx];
			const value = inPadding ? 0 : input[iy * width + ix];
			const product = weight * value;
			sum += product;
			taps.push({ ky, kx, iy, ix, inPadding, weight, value, product });
		}
	}
	return { taps, sum };
}
