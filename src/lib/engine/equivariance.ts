import * as tf from '@tensorflow/tfjs-core';
import { blockMeanTensor } from './blockMean';
import { convBankBatch, sameGeometry } from './convBank';
import { shiftPixels, type ShiftFill } from './shift';
import type { PlainImage } from './shiftSimilarity';

/** The conv maps of one shifted image: the lab's main picture. */
export interface ShiftedMaps {
	/** [H, W, C] the shifted image as the bank reads it */
	shifted: Float32Array;
	/** [H, W, N] conv maps of the shifted image */
	maps: Float32Array;
	/** the same maps as thumbnails, f×f block means (viz/downscaleMap's), made on the backend */
	tiles: { data: Float32Array; height: number; width: number; channels: number };
	height: number;
	width: number;
	channels: number;
	dx: number;
	dy: number;
	fill: ShiftFill;
}

/** What shifting the maps back leaves, against the maps of the original. */
export interface ShiftedBackComparison {
	/** [H, W, N] |maps shifted back − maps of the original| */
	difference: Float32Array;
	/** largest difference at least `margin` px from every edge (0 if nothing is that far in) */
	interiorMax: number;
	/** largest difference anywhere (at the borders) */
	borderMax: number;
	/** largest |value| of the original maps, the scale the differences are small against */
	scale: number;
	margin: { x: number; y: number };
}

/** What the invariance lab draws for one (dx, dy): the moved maps and what shifting back leaves. */
export type EquivarianceView = ShiftedMaps & ShiftedBackComparison;

/**
 * Shifts the image and convolves it with the bank: the real convolution of the shifted image
 * (never the original's maps moved, which would make the equivariance shown circular).
 * @param image the original, as the bank reads it
 * @param bank the conv bank (convBank.ts) at stride 1, 'same' padding
 * @param options.filter the bank as `bankFilter(bank.kernels, k, image.channels)`, kept by the
 *   caller across shifts (not disposed here)
 * @param options.tileSide longest side of `tiles` (128)
 */
export async function shiftedMaps(
	image: PlainImage,
	bank: { kernels: readonly Float32Array[]; kernelSize: number; relu: boolean },
	dx: number,
	dy: number,
	fill: ShiftFill,
	options: { filter?: tf.Tensor4D; tileSide?: number } = {}
): Promise<ShiftedMaps> {
	const { height, width } = image;
	const channels = bank.kernels.length;
	const shifted = shiftPixels(image.data, height, width, image.channels, dx, dy, fill);
	const [moved, small] = tf.tidy(() => {
		const conv = convBankBatch(
			tf.tensor4d(shifted, [1, height, width, image.channels]),
			bank.kernels,
			sameGeometry(bank.kernelSize),
			bank.relu,
			options.filter
		);
		return [conv, blockMeanTensor(conv, options.tileSide ?? 128)];
	});
	let maps: Float32Array;
	let tileData: Float32Array;
	try {
		[maps, tileData] = await Promise.all([moved.data<'float32'>(), small.data<'float32'>()]);
	} finally {
		moved.dispose();
		small.dispose();
	}
	const tiles = { data: tileData, height: small.shape[1], width: small.shape[2], channels };
	return { shifted, maps, tiles, height, width, channels, dx, dy, fill };
}

/**
 * Shifts the maps of the shifted image back and compares them with the maps of the original:
 * equivariance says conv(shift(x)) = shift(conv(x)), so the difference is zero except where the
 * shift brought in new pixels or pushed old ones out (the borders, and with wrap-around the
 * seam). The interior is taken `|d| + k` px in from each edge. Plain arrays only, so a lab can
 * run it after the maps are on screen.
 * @param reference [H, W, N] the bank's maps of the original, computed once per image
 */
export function shiftedBackComparison(
	moved: ShiftedMaps,
	reference: Float32Array,
	kernelSize: number
): ShiftedBackComparison {
	const { maps, height, width, channels, dx, dy, fill } = moved;
	if (reference.length !== maps.length) {
		throw new RangeError(`reference has ${reference.length} values, the maps ${maps.length}`);
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
	const margin = { x: Math.abs(dx) + kernelSize, y: Math.abs(dy) + kernelSize };
	let interiorMax = 0;
	for (let y = margin.y; y < height - margin.y; y++) {
		const end = (y * width + width - margin.x) * channels;
		for (let i = (y * width + margin.x) * channels; i < end; i++)
			if (difference[i] > interiorMax) interiorMax = difference[i];
	}
	return { difference, interiorMax, borderMax, scale, margin };
}

/**
 * Both stages at once: `shiftedMaps`, then `shiftedBackComparison` against `reference`.
 * @param reference [H, W, N] the bank's maps of the original, computed once per image
 */
export async function equivarianceView(
	image: PlainImage,
	reference: Float32Array,
	bank: { kernels: readonly Float32Array[]; kernelSize: number; relu: boolean },
	dx: number,
	dy: number,
	fill: ShiftFill,
	options: { filter?: tf.Tensor4D; tileSide?: number } = {}
): Promise<EquivarianceView> {
	const moved = await shiftedMaps(image, bank, dx, dy, fill, options);
	return { ...moved, ...shiftedBackComparison(moved, reference, bank.kernelSize) };
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
 * This runs for every step of a drag: the 512² × 4 maps are 1 M values, so the runs are plain
 * functions that take and return the running maximum, rather than closures that update a
 * captured variable on every value.
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
	const wrap = (v: number, n: number) => ((v % n) + n) % n;
	const rowLength = width * channels;
	for (let y = 0; y < height; y++) {
		const row = y * rowLength;
		let sy = y + dy;
		if (fill === 'wrap') sy = wrap(sy, height);
		else if (sy < 0 || sy >= height) {
			largest = outsideRun(reference, out, row, rowLength, largest);
			continue;
		}
		const source = sy * rowLength;
		if (fill === 'wrap') {
			// x + dx wraps: columns [0, width − s) read from s…, the rest from 0….
			const s = wrap(dx, width);
			largest = differenceRun(
				maps,
				reference,
				out,
				row,
				source + s * channels,
				(width - s) * channels,
				largest
			);
			largest = differenceRun(
				maps,
				reference,
				out,
				row + (width - s) * channels,
				source,
				s * channels,
				largest
			);
			continue;
		}
		// Columns x with 0 ≤ x + dx < width read the maps; the others see the zero fill.
		const lo = Math.min(width, Math.max(0, -dx));
		const hi = Math.max(lo, Math.min(width, width - dx));
		largest = outsideRun(reference, out, row, lo * channels, largest);
		largest = differenceRun(
			maps,
			reference,
			out,
			row + lo * channels,
			source + (lo + dx) * channels,
			(hi - lo) * channels,
			largest
		);
		largest = outsideRun(reference, out, row + hi * channels, (width - hi) * channels, largest);
	}
	return largest;
}

/** out[to…] = |maps[from…] − reference[to…]| over `length` values; returns max(largest, them). */
function differenceRun(
	maps: Float32Array,
	reference: Float32Array,
	out: Float32Array,
	to: number,
	from: number,
	length: number,
	largest: number
): number {
	const shift = from - to;
	const end = to + length;
	for (let i = to; i < end; i++) {
		const d = Math.abs(maps[i + shift] - reference[i]);
		out[i] = d;
		if (d > largest) largest = d;
	}
	return largest;
}

/** Where the zero fill came in: out[to…] = |reference[to…]|; returns max(largest, them). */
function outsideRun(
	reference: Float32Array,
	out: Float32Array,
	to: number,
	length: number,
	largest: number
): number {
	const end = to + length;
	for (let i = to; i < end; i++) {
		const d = Math.abs(reference[i]);
		out[i] = d;
		if (d > largest) largest = d;
	}
	return largest;
}
