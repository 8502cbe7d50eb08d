import * as tf from '@tensorflow/tfjs-core';
import { convBankBatch, sameGeometry } from './convBank';
import { shiftTensor, type ShiftFill } from './shift';

/** What the invariance lab draws for one (dx, dy): the moved maps and what shifting back leaves. */
export interface EquivarianceView {
	/** [H, W, C] conv maps of the shifted image */
	maps: Float32Array;
	/** [H, W, C] |maps shifted back − maps of the original| */
	difference: Float32Array;
	height: number;
	width: number;
	channels: number;
	/** largest difference at least `margin` px from every edge (0 if nothing is that far in) */
	interiorMax: number;
	/** largest value of |original maps|, the scale `interiorMax` is small against */
	scale: number;
	margin: { x: number; y: number };
}

/**
 * Convolves the shifted luma, shifts the maps back and compares them with the maps of the
 * original: equivariance says conv(shift(x)) = shift(conv(x)), so the difference is zero
 * except where the shift brought in new pixels or pushed old ones out (the borders, and with
 * wrap-around the seam). The interior is taken `|d| + k` px in from each edge.
 * @param image [1, H, W, 1 or 3] the original, as the bank reads it
 * @param reference [1, H, W, N] the bank's maps of the original, computed once per image
 * @param bank the conv bank (convBank.ts) at stride 1, 'same' padding
 */
export async function equivarianceView(
	image: tf.Tensor4D,
	reference: tf.Tensor4D,
	bank: { kernels: readonly Float32Array[]; kernelSize: number; relu: boolean },
	dx: number,
	dy: number,
	fill: ShiftFill
): Promise<EquivarianceView> {
	const [, height, width] = image.shape;
	const channels = bank.kernels.length;
	const [maps, difference, scale] = tf.tidy(() => {
		const shifted = shiftTensor(image, dx, dy, fill);
		const moved = convBankBatch(shifted, bank.kernels, sameGeometry(bank.kernelSize), bank.relu);
		const back = shiftTensor(moved, -dx, -dy, fill);
		const diff = tf.abs(tf.sub(back, reference));
		return [moved, diff, tf.max(tf.abs(reference))];
	});
	let data: [Float32Array, Float32Array, Float32Array];
	try {
		data = (await Promise.all([maps.data(), difference.data(), scale.data()])) as [
			Float32Array,
			Float32Array,
			Float32Array
		];
	} finally {
		tf.dispose([maps, difference, scale]);
	}
	const k = bank.kernelSize;
	const margin = { x: Math.abs(dx) + k, y: Math.abs(dy) + k };
	let interiorMax = 0;
	for (let y = margin.y; y < height - margin.y; y++) {
		const row = data[1].subarray(
			(y * width + margin.x) * channels,
			(y * width + width - margin.x) * channels
		);
		for (const v of row) if (v > interiorMax) interiorMax = v;
	}
	return {
		maps: data[0],
		difference: data[1],
		height,
		width,
		channels,
		interiorMax,
		scale: data[2][0],
		margin
	};
}
