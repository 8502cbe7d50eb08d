import * as tf from '@tensorflow/tfjs-core';
import { convBankBatch, sameGeometry } from './convBank';
import { FC_SIDE, fcInput, fullyConnected } from './fullyConnected';
import { permuteRows } from './pixelShuffle';

/** Everything the pixel-shuffle experiment shows, as plain arrays. */
export interface ShuffleResult {
	side: number;
	/** [side, side] the standardized luma the layers read, and the same pixels shuffled */
	original: Float32Array;
	shuffled: Float32Array;
	/** [side, side, N] the conv bank on each */
	mapsOriginal: Float32Array;
	mapsShuffled: Float32Array;
	channels: number;
	/** [units] the fully connected layer: original weights on the original, permuted weights on the shuffled, original weights on the shuffled */
	fcOriginal: Float32Array;
	fcPermuted: Float32Array;
	fcMismatched: Float32Array;
	/** max |fcOriginal − fcPermuted|: zero up to float32 round-off */
	maxDifference: number;
	/** max |fcOriginal − fcMismatched|, for scale */
	mismatchDifference: number;
}

function maxAbsDifference(a: Float32Array, b: Float32Array): number {
	let max = 0;
	for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i] - b[i]));
	return max;
}

/**
 * The pixel-shuffle experiment on the layers' FC_SIDE × FC_SIDE standardized luma: pixel i moves
 * to perm[i]; the conv bank runs on both grids; the fully connected layer runs with its weights
 * on the original, with its weight rows permuted the same way (`permutedWeights`, see
 * permuteRows) on the shuffled grid, and with the original weights on the shuffled grid.
 * Leaves no tensor behind.
 * @param luma [height, width] row-major
 * @param perm a permutation of 0 … FC_SIDE² − 1
 * @param weights [FC_SIDE², units]; permutedWeights the same with row i moved to perm[i]
 */
export async function shuffleExperiment(
	luma: Float32Array,
	height: number,
	width: number,
	perm: Int32Array,
	weights: tf.Tensor2D,
	permutedWeights: tf.Tensor2D,
	kernels: readonly Float32Array[],
	kernelSize: number
): Promise<ShuffleResult> {
	const side = FC_SIDE;
	if (perm.length !== side * side) {
		throw new RangeError(`the permutation must cover ${side * side} pixels, got ${perm.length}`);
	}
	const original = fcInput(luma, height, width, side);
	const shuffled = permuteRows(original, perm);
	const both = new Float32Array(2 * side * side);
	both.set(original);
	both.set(shuffled, side * side);
	const outputs = tf.tidy(() => {
		const x = tf.tensor2d(original, [1, side * side]);
		const xs = tf.tensor2d(shuffled, [1, side * side]);
		const grids = tf.tensor4d(both, [2, side, side, 1]);
		const maps = convBankBatch(grids, kernels, sameGeometry(kernelSize), false);
		return [
			maps,
			fullyConnected(x, weights),
			fullyConnected(xs, permutedWeights),
			fullyConnected(xs, weights)
		];
	});
	let data: Float32Array[];
	try {
		data = (await Promise.all(outputs.map((t) => t.data()))) as Float32Array[];
	} finally {
		tf.dispose(outputs);
	}
	const [maps, fcOriginal, fcPermuted, fcMismatched] = data;
	const half = maps.length / 2;
	return {
		side,
		original,
		shuffled,
		mapsOriginal: maps.slice(0, half),
		mapsShuffled: maps.slice(half),
		channels: kernels.length,
		fcOriginal,
		fcPermuted,
		fcMismatched,
		maxDifference: maxAbsDifference(fcOriginal, fcPermuted),
		mismatchDifference: maxAbsDifference(fcOriginal, fcMismatched)
	};
}
