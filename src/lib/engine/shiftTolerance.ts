import * as tf from '@tensorflow/tfjs-core';
import type { ConvGeometry } from './convArithmetic';
import { convBankBatch } from './convBank';
import { poolBatch, type PoolSettings } from './pooling';

/**
 * How much a feature map changes when the image moves by a few pixels, with and without
 * pooling. The camera pans right by t px (a crop window slides over the image), so the content
 * moves left by t; for each t the conv layer's map and the pooled map are compared with those at
 * t = 0, position by position:
 *
 *   change(t) = ‖A_t − A_0‖₂ / ‖A_0‖₂
 *
 * A conv layer is equivariant (its map moves with the image), so at the same positions its map
 * changes a lot even for t = 1; max-pooling keeps a window's answer while its winner stays inside
 * the window, so it changes less for shifts smaller than the window — and global pooling hardly
 * at all. All shifts run as one batch: a single conv and a single pool.
 */

export interface ShiftTolerance {
	/** 0, 1, …, maxShift */
	shifts: number[];
	/** relative change of the conv layer's map (after ReLU if on); NaN where A_0 is all zero */
	unpooled: number[];
	/** relative change of the pooled map */
	pooled: number[];
	/** the crop the experiment ran on, [height, width] */
	crop: [number, number];
}

export interface ShiftOptions {
	/** largest shift in px (default 8) */
	maxShift?: number;
	/** longest side of the central crop the shifts run on, to bound the cost (default 256) */
	cropSize?: number;
}

/**
 * @param image [H, W, C] the conv layer's input (luma or RGB, see bankInputTensor)
 * @param kernels the bank, each [k, k] row-major
 * @returns one value per shift; all NaN when the image is narrower than maxShift + 1 px
 */
export async function shiftTolerance(
	image: tf.Tensor3D,
	kernels: readonly Float32Array[],
	g: ConvGeometry,
	relu: boolean,
	p: PoolSettings,
	options: ShiftOptions = {}
): Promise<ShiftTolerance> {
	const maxShift = options.maxShift ?? 8;
	const cropSize = options.cropSize ?? 256;
	const shifts = Array.from({ length: maxShift + 1 }, (_, t) => t);
	const [height, width, channels] = image.shape;
	const cropH = Math.min(height, cropSize);
	const cropW = Math.min(width - maxShift, cropSize);
	if (cropW < 1 || cropH < 1) {
		const none = shifts.map(() => NaN);
		return { shifts, unpooled: none, pooled: [...none], crop: [0, 0] };
	}
	const y0 = Math.floor((height - cropH) / 2);
	const x0 = Math.floor((width - maxShift - cropW) / 2);
	const changes = tf.tidy(() => {
		const batch = tf.stack(
			shifts.map((t) => tf.slice(image, [y0, x0 + t, 0], [cropH, cropW, channels]))
		) as tf.Tensor4D;
		const maps = convBankBatch(batch, kernels, g, relu);
		const pooled = poolBatch(maps, p);
		return tf.stack([relativeChange(maps), relativeChange(pooled)]);
	});
	try {
		const values = await changes.data<'float32'>();
		const n = shifts.length;
		return {
			shifts,
			unpooled: Array.from(values.subarray(0, n)),
			pooled: Array.from(values.subarray(n, 2 * n)),
			crop: [cropH, cropW]
		};
	} finally {
		changes.dispose();
	}
}

/** [T, h, w, c] → [T]: ‖x_t − x_0‖ / ‖x_0‖ (NaN when x_0 is all zero or the map is empty). */
function relativeChange(x: tf.Tensor4D): tf.Tensor1D {
	const first = tf.slice(x, [0, 0, 0, 0], [1, -1, -1, -1]);
	const distance = tf.sqrt(tf.sum(tf.square(tf.sub(x, first)), [1, 2, 3]));
	return tf.div(distance, tf.sqrt(tf.sum(tf.square(first)))) as tf.Tensor1D;
}
