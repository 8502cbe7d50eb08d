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
	const difference = shiftPixels(maps, height, width, channels, -dx, -dy, fill);
	let scale = 0;
	let borderMax = 0;
	for (let i = 0; i < difference.length; i++) {
		const d = Math.abs(difference[i] - reference[i]);
		difference[i] = d;
		if (d > borderMax) borderMax = d;
		const r = Math.abs(reference[i]);
		if (r > scale) scale = r;
	}
	const k = bank.kernelSize;
	const margin = { x: Math.abs(dx) + k, y: Math.abs(dy) + k };
	let interiorMax = 0;
	for (let y = margin.y; y < height - margin.y; y++) {
		const row = difference.subarray(
			(y * width + margin.x) * channels,
			(y * width + width - margin.x) * channels
		);
		for (const v of row) if (v > interiorMax) interiorMax = v;
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
