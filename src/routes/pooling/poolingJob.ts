/**
 * The lab's compute: conv layer → pooling → plain arrays. The conv layer's maps are kept (on
 * the backend and read back) until the image or the layer changes, so moving a pooling control
 * re-pools the same maps instead of convolving again: the pooling knobs are the ones a learner
 * plays with most. Kernels are compared by value: the page makes new arrays whenever the bank
 * state changes. (Convolving only a changed kernel and splicing its map in was tried: at 512²
 * the 4 MB readback of the maps, not the convolution, is most of the cost, and it measured no
 * faster.)
 *
 * A request that names the shown `channel` gets a quick first answer when the maps must be made
 * again: that one kernel convolved and pooled (`only`), 1/N of the work and the readback, and
 * then, a frame later (`complete`), the whole bank — kept, pooled and returned as usual. So the
 * pair on screen follows a new kernel within a frame, and the grid, the exports and the shift
 * experiment follow with the whole bank.
 */
import * as tf from '@tensorflow/tfjs-core';
import { convBankTensor, sameGeometry } from '$lib/engine/convBank';
import { poolTensor, type PoolSettings } from '$lib/engine/pooling';
import type { MapData } from '$lib/types/mapData';

export interface PoolingRequest {
	/** [H, W, 1 or 3] the conv layer's input */
	input: tf.Tensor3D;
	/** the bank, each [k, k] row-major (compared by value with the kept one) */
	kernels: Float32Array[];
	k: number;
	relu: boolean;
	settings: PoolSettings;
	/** the bank slot on screen: asks for the quick first answer (see above) */
	channel?: number;
}

export interface PoolingResult {
	/** [H, W, N] the conv layer's maps (after ReLU if on); [H, W, 1] with `only` */
	before: MapData;
	/** [outH, outW, N]; [outH, outW, 1] with `only` */
	pooled: MapData;
	settings: PoolSettings;
	/** set on a quick answer: the bank slot its one map is */
	only?: number;
	/** on a quick answer: the whole bank's result, or null when a newer request came first */
	complete?: Promise<PoolingResult | null>;
}

export interface PoolingJobOptions {
	/** when the whole bank follows a quick answer: after the next frame paints, by default */
	later?: (run: () => void) => void;
}

/** After the next frame has painted: a task queued from a frame callback. */
function afterNextFrame(run: () => void): void {
	requestAnimationFrame(() => setTimeout(run, 0));
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

export function poolingJob(options: PoolingJobOptions = {}): PoolingJob {
	const later = options.later ?? afterNextFrame;
	let kept: Kept | null = null;
	let disposed = false;
	/** counts runs, so a whole-bank pass queued by an older one sees it was overtaken */
	let runs = 0;

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

	/** Pools the kept maps and reads the result back. */
	async function poolKept(current: Kept, settings: PoolSettings): Promise<PoolingResult> {
		const pooled = poolTensor(current.maps, settings);
		try {
			const [height, width, channels] = pooled.shape;
			const data = await pooled.data<'float32'>();
			return { before: current.before, pooled: { data, height, width, channels }, settings };
		} finally {
			pooled.dispose();
		}
	}

	/** The whole bank: convolved, kept (unless overtaken meanwhile) and pooled. */
	async function whole(request: PoolingRequest, run: number): Promise<PoolingResult | null> {
		const { input, kernels, k, relu, settings } = request;
		if (disposed || run !== runs || input.isDisposed) return null;
		release();
		const next = await convolveAll(input, kernels, k, relu);
		// The page went, or a newer request came, while the maps were read back.
		if (disposed || run !== runs) return (next.maps.dispose(), null);
		kept = next;
		return poolKept(next, settings);
	}

	/** One kernel of the bank, convolved and pooled: [H, W, 1] and its pooled map. */
	async function quick(request: PoolingRequest, slot: number): Promise<PoolingResult> {
		const { input, kernels, k, relu, settings } = request;
		const [map, pooled] = tf.tidy(() => {
			const one = convBankTensor(input, [kernels[slot]], sameGeometry(k), relu);
			return [one, poolTensor(one, settings)];
		});
		try {
			const [data, pooledData] = await Promise.all([
				map.data<'float32'>(),
				pooled.data<'float32'>()
			]);
			const [height, width] = map.shape;
			const [ph, pw] = pooled.shape;
			return {
				before: { data, height, width, channels: 1 },
				pooled: { data: pooledData, height: ph, width: pw, channels: 1 },
				settings,
				only: slot
			};
		} finally {
			map.dispose();
			pooled.dispose();
		}
	}

	return {
		async run(request) {
			const { input, kernels, k, relu, settings, channel } = request;
			if (input.isDisposed) return null;
			const run = ++runs;
			const same =
				kept !== null &&
				kept.input === input &&
				kept.k === k &&
				kept.relu === relu &&
				kept.kernels.length === kernels.length &&
				kernels.every((kernel, i) => sameKernel(kernel, kept!.kernels[i]));
			if (same) return poolKept(kept!, settings);
			if (channel === undefined) return whole(request, run);
			// The old bank's maps are of no more use.
			release();
			const first = await quick(request, Math.max(0, Math.min(kernels.length - 1, channel)));
			if (disposed) return null;
			const complete = new Promise<PoolingResult | null>((resolve, reject) =>
				later(() => whole(request, run).then(resolve, reject))
			);
			return { ...first, complete };
		},
		dispose() {
			disposed = true;
			release();
		}
	};
}
