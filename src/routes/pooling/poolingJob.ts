/**
 * The lab's compute: conv layer → pooling → plain arrays. The conv layer's maps are kept (on
 * the backend and read back) until the image or the layer changes, so moving a pooling control
 * re-pools the same maps instead of convolving again: the pooling knobs are the ones a learner
 * plays with most. Kernels are compared by value: the page makes new arrays whenever the bank
 * state changes. (Convolving only a changed kernel and splicing its map in was tried: at 512²
 * the 4 MB readback of the maps, not the convolution, is most of the cost, and it measured no
 * faster.)
 */
import * as tf from '@tensorflow/tfjs-core';
import { convBankTensor, sameGeometry } from '$lib/engine/convBank';
import { poolTensor, type PoolSettings } from '$lib/engine/pooling';
import type { MapData } from '$lib/viz/mapData';

export interface PoolingRequest {
	/** [H, W, 1 or 3] the conv layer's input */
	input: tf.Tensor3D;
	/** the bank, each [k, k] row-major (compared by value with the kept one) */
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

/** Kernels equal value for value (the page makes new arrays whenever the bank changes). */
function sameKernel(a: Float32Array, b: Float32Array): boolean {
	if (a.length !== b.length) return false;
	for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
	return true;
}

interface Kept {
	input: tf.Tensor3D;
	kernels: Float32Array[];
	k: number;
	relu: boolean;
	/** [H, W, N] on the backend, for pooling */
	maps: tf.Tensor3D;
	/** the same maps read back */
	before: MapData;
}

export function poolingJob(): PoolingJob {
	let kept: Kept | null = null;
	let disposed = false;

	function release() {
		kept?.maps.dispose();
		kept = null;
	}

	/** The whole bank, convolved and read back. */
	async function convolveAll(
		input: tf.Tensor3D,
		kernels: Float32Array[],
		k: number,
		relu: boolean
	) {
		const maps = convBankTensor(input, kernels, sameGeometry(k), relu);
		try {
			const [height, width, channels] = maps.shape;
			const before = { data: await maps.data<'float32'>(), height, width, channels };
			return { input, kernels: kernels.map((kernel) => kernel.slice()), k, relu, maps, before };
		} catch (error) {
			maps.dispose();
			throw error;
		}
	}

	return {
		async run({ input, kernels, k, relu, settings }) {
			if (input.isDisposed) return null;
			const same =
				kept !== null &&
				kept.input === input &&
				kept.k === k &&
				kept.relu === relu &&
				kept.kernels.length === kernels.length &&
				kernels.every((kernel, i) => sameKernel(kernel, kept!.kernels[i]));
			if (!same) {
				release();
				const next = await convolveAll(input, kernels, k, relu);
				// The page went while the maps were read back: nothing may keep them.
				if (disposed) return (next.maps.dispose(), null);
				kept = next;
			}
			const current = kept!;
			const pooled = poolTensor(current.maps, settings);
			try {
				const [height, width, channels] = pooled.shape;
				const data = await pooled.data<'float32'>();
				return { before: current.before, pooled: { data, height, width, channels }, settings };
			} finally {
				pooled.dispose();
			}
		},
		dispose() {
			disposed = true;
			release();
		}
	};
}
