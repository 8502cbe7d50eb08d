/**
 * What batch norm does to a conv layer's feature maps, on the learner's image. The batch is the
 * whole image (sample 0, the one shown) plus N − 1 seeded random crops of it, each resized to
 * SIZE × SIZE; one conv layer of four named 3×3 kernels makes four channels; BN normalises each
 * channel over the batch, height and width (axes N, H, W):
 *   training mode  with the batch's own mean and variance — so sample 0's output depends on
 *                  which other crops share its batch, the more so the smaller the batch;
 *   inference mode with running averages gathered over RUNNING_BATCHES earlier batches of 60
 *                  crops (momentum RUNNING_MOMENTUM) — the same output whatever the batch.
 * `partnerChange` measures the batch dependence: the mean absolute change of sample 0's
 * training-mode output (in units of σ) when its partners are drawn again, averaged over
 * PARTNER_DRAWS redraws.
 */
import * as tf from '@tensorflow/tfjs-core';
import { seededRandom } from '../seededRandom';
import { batchNormTrain, normalize, RUNNING_MOMENTUM } from './batchNorm';

export const SIZE = 64;
export const RUNNING_BATCHES = 10;
/** redraws of sample 0's partners that the batch dependence is averaged over */
export const PARTNER_DRAWS = 4;
export const KERNEL_NAMES = ['Sobel x', 'Sobel y', 'Laplacian', 'Blur 3×3'] as const;
// [3, 3] row-major per kernel
const KERNELS = [
	[-1, 0, 1, -2, 0, 2, -1, 0, 1],
	[-1, -2, -1, 0, 0, 0, 1, 2, 1],
	[0, 1, 0, 1, -4, 1, 0, 1, 0],
	[1, 1, 1, 1, 1, 1, 1, 1, 1].map((v) => v / 9)
];
const CHANNELS = KERNELS.length;

export interface ChannelStatistics {
	mean: number[];
	variance: number[];
}

export interface CropsBatchNorm {
	size: number;
	batchSize: number;
	/** [SIZE, SIZE] sample 0: the whole image, gray, resized */
	image: Float32Array;
	/** [SIZE, SIZE, 4] sample 0's feature maps before BN, after BN (training mode), after BN (inference) */
	before: Float32Array;
	training: Float32Array;
	inference: Float32Array;
	/** per channel, over the batch's N × H × W values */
	batch: ChannelStatistics;
	running: ChannelStatistics;
	/** per channel: mean |Δ| of sample 0's training-mode output when its partners are drawn again */
	partnerChange: number[];
}

/** [N, 4] boxes (y1, x1, y2, x2 in 0–1): the whole image, then random crops of 25–60 % of a side. */
function boxes(count: number, random: () => number): number[][] {
	const out = [[0, 0, 1, 1]];
	for (let i = 1; i < count; i++) {
		const side = 0.25 + 0.35 * random();
		const y = random() * (1 - side);
		const x = random() * (1 - side);
		out.push([y, x, y + side, x + side]);
	}
	return out;
}

/** [count, SIZE, SIZE, 1] the crops, resized. */
function cropped(gray: tf.Tensor4D, crops: number[][]): tf.Tensor4D {
	return tf.tidy(() =>
		tf.image.cropAndResize(
			gray,
			tf.tensor2d(crops),
			tf.zeros([crops.length], 'int32') as tf.Tensor1D,
			[SIZE, SIZE]
		)
	);
}

/** [count, SIZE, SIZE, 4]: the conv layer's output on the crops. */
function featureMaps(gray: tf.Tensor4D, crops: number[][]): tf.Tensor4D {
	return tf.tidy(() => {
		const resized = cropped(gray, crops);
		const filter = tf.tensor4d(
			Float32Array.from(
				{ length: 9 * CHANNELS },
				(_, i) => KERNELS[i % CHANNELS][(i / CHANNELS) | 0]
			),
			[3, 3, 1, CHANNELS]
		);
		return tf.conv2d(resized, filter, 1, 'same');
	});
}

const first = (t: tf.Tensor) => tf.tidy(() => tf.slice(t, [0, 0, 0, 0], [1, SIZE, SIZE, CHANNELS]));

/**
 * @param gray [H, W] the learner's image, gray values in [0, 1]
 * @param batchSize N ≥ 2 samples in the training-mode batch
 */
export function batchOfCrops(
	gray: tf.Tensor2D,
	batchSize: number,
	seed = 1,
	runningBatches = RUNNING_BATCHES
): CropsBatchNorm {
	const random = seededRandom(seed);
	const image4 = tf.tidy(() => tf.expandDims(tf.expandDims(gray, 0), 3) as tf.Tensor4D);
	const ones = tf.ones([CHANNELS]);
	const zeros = tf.zeros([CHANNELS]);
	// running averages as training would leave them: RUNNING_BATCHES batches of 60 crops
	const runningMean = tf.tidy(() => tf.variable(tf.zeros([CHANNELS]), false));
	const runningVariance = tf.tidy(() => tf.variable(tf.ones([CHANNELS]), false));
	try {
		for (let b = 0; b < runningBatches; b++)
			tf.tidy(() => {
				const maps = featureMaps(image4, boxes(60, random));
				const { mean, variance } = batchNormTrain(maps, ones, zeros);
				runningMean.assign(
					tf.add(tf.mul(runningMean, RUNNING_MOMENTUM), tf.mul(mean, 1 - RUNNING_MOMENTUM))
				);
				const unbiased = tf.mul(variance, (60 * SIZE * SIZE) / (60 * SIZE * SIZE - 1));
				runningVariance.assign(
					tf.add(tf.mul(runningVariance, RUNNING_MOMENTUM), tf.mul(unbiased, 1 - RUNNING_MOMENTUM))
				);
			});
		const crops = boxes(batchSize, random);
		const out = tf.tidy(() => {
			const maps = featureMaps(image4, crops);
			const bn = batchNormTrain(maps, ones, zeros);
			// the same sample 0 with PARTNER_DRAWS other draws of partners
			const changes = Array.from({ length: PARTNER_DRAWS }, () => {
				const others = [crops[0], ...boxes(batchSize, random).slice(1)];
				const again = batchNormTrain(featureMaps(image4, others), ones, zeros).y;
				return tf.mean(tf.abs(tf.sub(first(bn.y), first(again))), [0, 1, 2]);
			});
			const change = tf.div(tf.addN(changes), PARTNER_DRAWS);
			return {
				image: cropped(image4, [crops[0]]),
				before: first(maps),
				training: first(bn.y),
				inference: normalize(first(maps), runningMean, runningVariance, ones, zeros),
				mean: bn.mean,
				variance: bn.variance,
				change
			};
		});
		const read = (t: tf.Tensor) => Float32Array.from(t.dataSync());
		const result: CropsBatchNorm = {
			size: SIZE,
			batchSize,
			image: read(out.image),
			before: read(out.before),
			training: read(out.training),
			inference: read(out.inference),
			batch: { mean: [...read(out.mean)], variance: [...read(out.variance)] },
			running: { mean: [...read(runningMean)], variance: [...read(runningVariance)] },
			partnerChange: [...read(out.change)]
		};
		tf.dispose(Object.values(out));
		return result;
	} finally {
		tf.dispose([image4, ones, zeros, runningMean, runningVariance]);
	}
}
