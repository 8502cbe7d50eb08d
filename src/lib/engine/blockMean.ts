import * as tf from '@tensorflow/tfjs-core';

/**
 * The thumbnail of a batch of maps, on the backend: each output value is the mean of an f×f
 * block, f = ceil(longer side / maxSide), blocks anchored at the top-left and the last row and
 * column of blocks partial — the same numbers as viz/downscaleMap, but from the maps where they
 * were computed, so a lab that only shows thumbnails reads back 1/f² of the values (a 512² × 4
 * bank: 64 K values instead of 1 M). Call inside tf.tidy.
 * @param maps [B, H, W, C]
 * @returns [B, ceil(H / f), ceil(W / f), C]; `maps` itself when f ≤ 1
 */
export function blockMeanTensor(maps: tf.Tensor4D, maxSide: number): tf.Tensor4D {
	const [, height, width] = maps.shape;
	const factor = Math.ceil(Math.max(height, width) / maxSide);
	if (factor <= 1) return maps;
	const outH = Math.ceil(height / factor);
	const outW = Math.ceil(width / factor);
	const padH = outH * factor - height;
	const padW = outW * factor - width;
	if (padH === 0 && padW === 0) return tf.avgPool(maps, factor, factor, 'valid');
	// Zeros fill the partial blocks to f×f; the mean is then rescaled by f² / (cells really there).
	const padded = tf.pad(maps, [
		[0, 0],
		[0, padH],
		[0, padW],
		[0, 0]
	]);
	const rescale = new Float32Array(outH * outW);
	for (let y = 0; y < outH; y++) {
		const rows = Math.min(factor, height - y * factor);
		for (let x = 0; x < outW; x++) {
			const cols = Math.min(factor, width - x * factor);
			rescale[y * outW + x] = (factor * factor) / (rows * cols);
		}
	}
	return tf.mul(
		tf.avgPool(padded, factor, factor, 'valid'),
		tf.tensor4d(rescale, [1, outH, outW, 1])
	) as tf.Tensor4D;
}
