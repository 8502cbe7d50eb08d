import { axisPadding, effectiveKernelSize, type ConvGeometry } from '$lib/engine/convArithmetic';
import type { Padding } from './paddedFrame';

/**
 * The piece of a convolution the step-through figure shows: a block of output pixels around
 * the selected one, and the input region those outputs read. The region is cut from the real
 * image, so its cells are the real neighbouring pixels; only the part of it that lies outside
 * the image is zero padding — exactly the padding the full convolution uses there. That is
 * what makes the figure's outputs equal the feature map's values at the same pixels.
 */
export interface StepThroughCrop {
	/** first output row / column of the block in the feature map, and the block's size */
	outTop: number;
	outLeft: number;
	outHeight: number;
	outWidth: number;
	/** [outHeight, outWidth] outputs of the block, row-major: the map's values at those pixels */
	output: Float32Array;
	/** index in `output` of the selected output pixel */
	selected: number;
	/** the part of the region inside the image: its first row / column and [inputHeight, inputWidth] values */
	inputTop: number;
	inputLeft: number;
	inputHeight: number;
	inputWidth: number;
	input: Float32Array;
	/** cells of the region outside the image on each side (the true zero padding) */
	padding: Padding;
}

/** Along one axis: the output run [start, start + count) around `at`, and the input cells it reads. */
function along(n: number, g: ConvGeometry, at: number, maxCount: number) {
	const axis = axisPadding(n, g);
	const count = Math.max(0, Math.min(maxCount, axis.out));
	const start = Math.max(0, Math.min(axis.out - count, at - Math.floor((count - 1) / 2)));
	const span = effectiveKernelSize(g.kernelSize, g.dilation);
	// The region in image coordinates; it may begin before 0 or end past n (in the padding).
	const regionStart = start * g.stride - axis.before;
	const regionLength = count === 0 ? 0 : (count - 1) * g.stride + span;
	const inStart = Math.min(n, Math.max(0, regionStart));
	const inEnd = Math.max(inStart, Math.min(n, regionStart + regionLength));
	const before = Math.min(regionLength, Math.max(0, -regionStart));
	return {
		start,
		count,
		regionStart,
		inStart,
		inLength: inEnd - inStart,
		before,
		after: regionLength - before - (inEnd - inStart)
	};
}

/**
 * The output block of at most maxOut.rows × maxOut.cols pixels centred (as far as the map's
 * edges allow) on output pixel `pixel`, and the input it reads.
 * @param luma [height, width] input, row-major
 * @param kernel [k, k] weights, row-major
 * @param pixel output pixel (row y, column x) of the full feature map; clamped into it
 * @throws RangeError when luma or kernel has the wrong length
 */
export function stepThroughCrop(
	luma: Float32Array,
	height: number,
	width: number,
	kernel: Float32Array,
	geometry: ConvGeometry,
	pixel: { y: number; x: number },
	maxOut: { rows: number; cols: number }
): StepThroughCrop {
	const k = geometry.kernelSize;
	if (luma.length !== height * width) {
		throw new RangeError(
			`luma holds ${luma.length} values, [${height}, ${width}] needs ${height * width}`
		);
	}
	if (kernel.length !== k * k) {
		throw new RangeError(`kernel holds ${kernel.length} values, [${k}, ${k}] needs ${k * k}`);
	}
	const rows = along(height, geometry, pixel.y, Math.max(1, Math.floor(maxOut.rows)));
	const cols = along(width, geometry, pixel.x, Math.max(1, Math.floor(maxOut.cols)));

	const input = new Float32Array(rows.inLength * cols.inLength);
	for (let y = 0; y < rows.inLength; y++) {
		for (let x = 0; x < cols.inLength; x++) {
			input[y * cols.inLength + x] = luma[(rows.inStart + y) * width + cols.inStart + x];
		}
	}

	// Each output straight from the definition, reading the image (zero outside it).
	const { stride: s, dilation: d } = geometry;
	const output = new Float32Array(rows.count * cols.count);
	for (let oy = 0; oy < rows.count; oy++) {
		for (let ox = 0; ox < cols.count; ox++) {
			let sum = 0;
			for (let ky = 0; ky < k; ky++) {
				const iy = rows.regionStart + oy * s + ky * d;
				if (iy < 0 || iy >= height) continue;
				for (let kx = 0; kx < k; kx++) {
					const ix = cols.regionStart + ox * s + kx * d;
					if (ix < 0 || ix >= width) continue;
					sum += kernel[ky * k + kx] * luma[iy * width + ix];
				}
			}
			output[oy * cols.count + ox] = sum;
		}
	}

	const clampedY = Math.max(rows.start, Math.min(rows.start + rows.count - 1, pixel.y));
	const clampedX = Math.max(cols.start, Math.min(cols.start + cols.count - 1, pixel.x));
	return {
		outTop: rows.start,
		outLeft: cols.start,
		outHeight: rows.count,
		outWidth: cols.count,
		output,
		selected:
			rows.count * cols.count === 0
				? 0
				: (clampedY - rows.start) * cols.count + clampedX - cols.start,
		inputTop: rows.inStart,
		inputLeft: cols.inStart,
		inputHeight: rows.inLength,
		inputWidth: cols.inLength,
		input,
		padding: { top: rows.before, bottom: rows.after, left: cols.before, right: cols.after }
	};
}

/**
 * How many output columns of the step-through fit `available` px: each output needs
 * `stride` more input cells after the first window's `span`, plus `extra` px of fixed room
 * (margins, the gap to the output grid) and, when the output sits beside the input,
 * `outputCellsBeside` cells per output. At least 1, at most `max`; 0 when even one does not fit.
 */
export function outputsThatFit(
	available: number,
	cell: number,
	stride: number,
	span: number,
	extra: number,
	outputCellsBeside: 0 | 1,
	max: number
): number {
	let fit = 0;
	for (let n = 1; n <= max; n++) {
		const cells = (n - 1) * stride + span + outputCellsBeside * n;
		if (cells * cell + extra > available) break;
		fit = n;
	}
	return fit;
}
