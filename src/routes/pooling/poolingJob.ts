/**
 * The lab's compute: conv layer → pooling → plain arrays. The conv layer's maps are kept (on
 * the backend and read back) until the image or the layer changes, so moving a pooling control
 * re-pools the same maps instead of convolving again: the pooling knobs are the ones a learner
 * plays with most.
 */
import * as tf from '@tensorflow/tfjs-core';
import { convBankTensor, sameGeometry } from '$lib/engine/convBank';
import { poolTensor, type PoolSettings } from '$lib/engine/pooling';
import type { MapData } from '$lib/viz/mapData';

export interface PoolingRequest {
	/** [H, W, 1 or 3] the conv layer's input */
	input: tf.Tensor3D;
	/** the bank, each [k, k] row-major; compared by reference, so pass the same array for the same bank */
	kernels: Float32Array[];
	k: number;
	relu: boolean;
	settings: PoolSettings;
}

export interface PoolingResult {
	/** [H, W, N] the conv layer's maps (after ReLU if on) */
	before: MapData;
	/** [outH, outW, N] */
	pooled: MapData;
	settings: PoolSettings;
}

export interface PoolingJob {
	/** null when the input was disposed before the request ran */
	run(request: PoolingRequest): Promise<PoolingResult | null>;
	/** Frees the kept maps; call when the page goes. */
	dispose(): void;
}

export function poolingJob(): PoolingJob {
	let kept: {
		input: tf.Tensor3D;
		kernels: Float32Array[];
		k: number;
		relu: boolean;
		maps: tf.Tensor3D;
		before: MapData;
	} | null = null;

	function release() {
		kept?.maps.dispose();
		kept = null;
	}

	return {
		async run({ input, kernels, k, relu, settings }) {
			if (input.isDisposed) return null;
			if (
				!kept ||
				kept.input !== input ||
				kept.kernels !== kernels ||
				kept.k !== k ||
				kept.relu !== relu
			) {
				release();
				const maps = convBankTensor(input, kernels, sameGeometry(k), relu);
				try {
					const [height, width, channels] = maps.shape;
					const before = { data: await maps.data<'float32'>(), height, width, channels };
					kept = { input, kernels, k, relu, maps, before };
				} catch (error) {
					maps.dispose();
					throw error;
				}
			}
			const pooled = poolTensor(kept.maps, settings);
			try {
				const [height, width, channels] = pooled.shape;
				const data = await pooled.data<'float32'>();
				return { before: kept.before, pooled: { data, height, width, channels }, settings };
			} finally {
				pooled.dispose();
			}
		},
		dispose: release
	};
}
