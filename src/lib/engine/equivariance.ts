import * as tf from '@tensorflow/tfjs-core';
import { convBankBatch, sameGeometry } from './convBank';
import { shiftPixels, type ShiftFill } from './shift';
import type { PlainImage } from './shiftSimilarity';

/** What the invariance lab draws for one (dx, dy): the moved maps and what shifting back leaves. */
export interface EquivarianceView {
	/** [H, W, C] the shifted image as the bank reads it */
	shifted: Float32Array;
	/** [H, W, N] conv maps of the shifted image */
	maps: Float32Array;
	/** [H, W, N] |maps shifted back − maps of the original| */
	difference: Float32Array;
	height: number;
	width: number;
	channels: number;
	/** largest difference at least `margin` px from every edge (0 if nothing is that far in) */
	interiorMax: number;
	/** largest difference anywhere (at the borders) */
	borderMax: number;
	/** largest |value| of the original maps, the scale the differences are small against */
	scale: number;
	margin: { x: number; y: number };
}

/**
 * Convolves the shifted image, shifts the maps back and compares them with the maps of the
 * original: equivariance says conv(shift(x)) = shift(conv(x)), so the difference is zero
 * except where the shift brought in new pixels or pushed old ones out (the borders, and with
 * wrap-around the seam). The interior is taken `|d| + k` px in from each edge.
 * @param image the original, as the bank reads it
 * @param reference [H, W, N] the bank's maps of the original, computed once per image
 * @param bank the conv bank (convBank.ts) at stride 1, 'same' padding
 */
export async function equivarianceView(
	image: PlainImage,
	reference: Float32Array,
	bank: { kernels: readonly Float32Array[]; kernelSize: number; relu: boolean },
	dx: number,
	dy: number,
	fill: ShiftFill
): Promise<EquivarianceView> {
	const { height, width } = image;
	const channels = bank.kernels.length;
	const shifted = shiftPixels(image.data, height, width, image.channels, dx, dy, fill);
	const moved = tf.tidy(() =>
		convBankBatch(
			tf.tensor4d(shifted, [1, height, width, image.channels]),
			bank.kernels,
			sameGeometry(bank.kernelSize),
			bank.relu
		)
	);
	let maps: Float32Array;
	try {
		maps = (await moved.data()) as Float32Array;
	} finally {
		moved.dispose();
	}
	const difference = new Float32Array(maps.length);
	const borderMax = shiftedBackDifference(
		maps,
		reference,
		height,
		width,
		channels,
		dx,
		dy,
		fill,
		difference
	);
	const scale = largestMagnitude(reference);
	const k = bank.kernelSize;
	const margin = { x: Math.abs(dx) + k, y: Math.abs(dy) + k };
	let interiorMax = 0;
	for (let y = margin.y; y < height - margin.y; y++) {
		const end = (y * width + width - margin.x) * channels;
		for (let i = (y * width + margin.x) * channels; i < end; i++)
			if (difference[i] > interiorMax) interiorMax = difference[i];
	}
	return {
		shifted,
		maps,
		difference,
		height,
		width,
		channels,
		interiorMax,
		borderMax,
		scale,
		margin
	};
}

/** max |reference|, once per reference array (it is the same for every shift of one image). */
const magnitudes = new WeakMap<Float32Array, number>();
function largestMagnitude(reference: Float32Array): number {
	let scale = magnitudes.get(reference);
	if (scale !== undefined) return scale;
	scale = 0;
	for (let i = 0; i < reference.length; i++) {
		const r = Math.abs(reference[i]);
		if (r > scale) scale = r;
	}
	magnitudes.set(reference, scale);
	return scale;
}

/**
 * out = |maps shifted by (−dx, −dy) − reference|, in one pass and without a shifted copy:
 * shifted-back pixel (y, x) is maps[y + dy][x + dx] (0 outside with `zero`, wrapped with
 * `wrap`), so each row is at most two contiguous runs of the maps against one of the reference.
 * This runs for every step of a drag: the 512² × 4 maps are 1 M values.
 * @returns the largest value written
 */
function shiftedBackDifference(
	maps: Float32Array,
	reference: Float32Array,
	height: number,
	width: number,
	channels: number,
	dx: number,
	dy: number,
	fill: ShiftFill,
	out: Float32Array
): number {
	let largest = 0;
	const run = (to: number, from: number, length: number) => {
		for (let j = 0; j < length; j++) {
			const d = Math.abs(maps[from + j] - reference[to + j]);
			out[to + j] = d;
			if (d > largest) largest = d;
		}
	};
	const outside = (to: number, length: number) => {
		for (let j = 0; j < length; j++) {
			const d = Math.abs(reference[to + j]);
			out[to + j] = d;
			if (d > largest) largest = d;
		}
	};
	const wrap = (v: number, n: number) => ((v % n) + n) % n;
	const rowLength = width * channels;
	for (let y = 0; y < height; y++) {
		const row = y * rowLength;
		let sy = y + dy;
		if (fill === 'wrap') sy = wrap(sy, height);
		else if (sy < 0 || sy >= height) {
			outside(row, rowLength);
			continue;
		}
		const source = sy * rowLength;
		if (fill === 'wrap') {
			// x + dx wraps: columns [0, width − s) read from s…, the rest from 0….
			const s = wrap(dx, width);
			run(row, source + s * channels, (width - s) * channels);
			run(row + (width - s) * channels, source, s * channels);
			continue;
		}
		// Columns x with 0 ≤ x + dx < width read the maps; the others see the zero fill.
		const lo = Math.min(width, Math.max(0, -dx));
		const hi = Math.max(lo, Math.min(width, width - dx));
		outside(row, lo * channels);
		run(row + lo * channels, source + (lo + dx) * channels, (hi - lo) * channels);
		outside(row + hi * channels, (width - hi) * channels);
	}
	return largest;
}
