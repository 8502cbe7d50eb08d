/**
 * The lab's compute: conv layer → pooling → plain arrays. The conv layer's maps are kept (on
 * the backend and read back) until the image or the layer changes, so moving a pooling control
 * re-pools the same maps instead of convolving again: the pooling knobs are the ones a learner
 * plays with most. Changing one kernel of the bank convolves that kernel only (each map of a
 * conv layer depends on its own kernel alone) and splices its map into the kept ones: a quarter
 * of the convolution and of the readback for a bank of four.
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

	/**
	 * Only the kernels at `changed` convolved; their maps replace those channels of a copy of
	 * the kept maps (a new array: the page tells results apart by identity).
	 */
	async function convolveSome(from: Kept, kernels: Float32Array[], changed: number[]) {
		const fresh = convBankTensor(
			from.input,
			changed.map((i) => kernels[i]),
			sameGeometry(from.k),
			from.relu
		);
		let values: Float32Array;
		try {
			values = await fresh.data<'float32'>();
		} finally {
			fresh.dispose();
		}
		const { height, width, channels } = from.before;
		const data = from.before.data.slice();
		const m = changed.length;
		for (let p = 0, q = 0; p < height * width; p++, q += m) {
			const base = p * channels;
			for (let j = 0; j < m; j++) data[base + changed[j]] = values[q + j];
		}
		const maps = tf.tensor3d(data, [height, width, channels]);
		return {
			...from,
			kernels: kernels.map((kernel) => kernel.slice()),
			maps,
			before: { data, height, width, channels }
		};
	}

	return {
		async run({ input, kernels, k, relu, settings }) {
			if (input.isDisposed) return null;
			const sameLayer =
				kept !== null &&
				kept.input === input &&
				kept.k === k &&
				kept.relu === relu &&
				kept.kernels.length === kernels.length;
			const changed = sameLayer
				? kernels.flatMap((kernel, i) => (sameKernel(kernel, kept!.kernels[i]) ? [] : [i]))
				: [];
			if (!sameLayer || changed.length === kernels.length) {
				release();
				const next = await convolveAll(input, kernels, k, relu);
				// The page went while the maps were read back: nothing may keep them.
				if (disposed) return (next.maps.dispose(), null);
				kept = next;
			} else if (changed.length > 0) {
				const next = await convolveSome(kept!, kernels, changed);
				if (disposed) return (next.maps.dispose(), null);
				kept!.maps.dispose();
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
