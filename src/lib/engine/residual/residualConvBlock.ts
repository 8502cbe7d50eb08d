/**
 * A small residual conv block on the learner's image, y = ReLU(x + F(x)), with a hand-set branch
 * F(x) = conv₁ₓ₁(ReLU(conv₃ₓ₃(x))): the 3×3 conv holds the Laplacian L and −L, the 1×1 conv
 * weighs the two ReLU maps α and −α, so F(x) = α·(ReLU(Lx) − ReLU(−Lx)) = α·Lx exactly — a
 * sharpening correction. The block's output is the image plus a small edit, which is what a
 * residual block has to learn: not the whole mapping, only what to change.
 */
import * as tf from '@tensorflow/tfjs-core';

/** The Laplacian (4-neighbour), cross-correlation weights, row-major 3×3. */
export const LAPLACIAN = [0, -1, 0, -1, 4, -1, 0, -1, 0];
/** How strongly the branch sharpens. */
export const BRANCH_GAIN = 0.5;

export interface ResidualBlockPicture {
	/** x, the identity path: [height × width] */
	identity: Float32Array;
	/** F(x), the residual branch */
	branch: Float32Array;
	/** x + F(x), before the block's ReLU */
	sum: Float32Array;
	/** ReLU(x + F(x)), the block's output */
	output: Float32Array;
	/** root-mean-square of F(x) and of x */
	branchRms: number;
	identityRms: number;
}

const rms = (v: Float32Array) =>
	Math.sqrt(v.reduce((s, a) => s + a * a, 0) / Math.max(1, v.length));

/** The block on one grayscale image `luma` [height × width] ('same' zero padding). */
export function residualConvBlock(
	luma: Float32Array,
	width: number,
	height: number,
	gain = BRANCH_GAIN
): ResidualBlockPicture {
	const [branch, sum, output] = tf.tidy(() => {
		const x = tf.tensor4d(luma, [1, height, width, 1]);
		const l = tf.tensor2d(LAPLACIAN, [9, 1]);
		const first = tf.reshape(tf.concat([l, tf.neg(l)], 1), [3, 3, 1, 2]) as tf.Tensor4D;
		const second = tf.tensor4d([gain, -gain], [1, 1, 2, 1]);
		const f = tf.conv2d(tf.relu(tf.conv2d(x, first, 1, 'same')) as tf.Tensor4D, second, 1, 'valid');
		const s = tf.add(x, f);
		return [f, s, tf.relu(s)];
	});
	const values = [branch, sum, output].map((t) => t.dataSync() as Float32Array);
	tf.dispose([branch, sum, output]);
	return {
		identity: luma,
		branch: values[0],
		sum: values[1],
		output: values[2],
		branchRms: rms(values[0]),
		identityRms: rms(luma)
	};
}
