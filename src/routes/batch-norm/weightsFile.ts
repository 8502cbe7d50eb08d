/**
 * "Trained weights downloadable" (issue 22): the weights of every variant on screen in one JSON
 * file, `convlab-batch-norm-weights.json`:
 *
 *   { "format": "convlab-weights/1", "lab": "/batch-norm/", "step": 1500, "learningRate": 0.5,
 *     "seed": 1, "byteOrder": "little-endian",
 *     "variants": { "plain": { "weightSpecs": [{ "name": "hidden1/kernel", "shape": [784, 100],
 *                                                "dtype": "float32" }, …],
 *                              "weightData": "<base64 of the float32 values, in spec order>" }, … } }
 *
 * `weightSpecs` is TF.js's weights-manifest entry, so a variant loads with
 *   tf.io.decodeWeights(<weightData decoded to an ArrayBuffer>, weightSpecs)
 * and in NumPy with np.frombuffer(base64.b64decode(weightData), '<f4') split by the shapes.
 * Kernels are [inputs, units] (x·W, as Keras stores them; PyTorch's nn.Linear.weight is the
 * transpose); BN layers add gamma, beta (in place of the bias), moving_mean and moving_variance.
 * Pure: tested in Node by parsing a file back.
 */
import type { WeightSnapshot } from '$lib/training/protocol';

export const WEIGHTS_FORMAT = 'convlab-weights/1';

export interface WeightSpec {
	name: string;
	shape: number[];
	dtype: 'float32';
}

export interface WeightsFile {
	format: typeof WEIGHTS_FORMAT;
	lab: string;
	step: number;
	learningRate: number;
	seed: number;
	byteOrder: 'little-endian';
	variants: Record<string, { weightSpecs: WeightSpec[]; weightData: string }>;
}

/** Standard base64 of `bytes` (btoa exists in browsers, workers and Node ≥ 16). */
export function toBase64(bytes: Uint8Array): string {
	let text = '';
	const CHUNK = 0x8000;
	for (let i = 0; i < bytes.length; i += CHUNK)
		text += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
	return btoa(text);
}

/** One variant's weights as little-endian float32, in the snapshot's order. */
function packed(snapshot: WeightSnapshot): Uint8Array {
	const total = snapshot.weights.reduce((n, w) => n + w.values.length, 0);
	const view = new DataView(new ArrayBuffer(total * 4));
	let at = 0;
	for (const w of snapshot.weights)
		for (let i = 0; i < w.values.length; i++, at += 4) view.setFloat32(at, w.values[i], true);
	return new Uint8Array(view.buffer);
}

/** The file's text for `variants`' snapshots (all taken at `step`). */
export function weightsFileText(
	variants: Record<string, WeightSnapshot>,
	run: { step: number; learningRate: number; seed: number }
): string {
	const file: WeightsFile = {
		format: WEIGHTS_FORMAT,
		lab: '/batch-norm/',
		step: run.step,
		learningRate: run.learningRate,
		seed: run.seed,
		byteOrder: 'little-endian',
		variants: Object.fromEntries(
			Object.entries(variants).map(([id, snapshot]) => [
				id,
				{
					weightSpecs: snapshot.weights.map((w) => ({
						name: w.name,
						shape: [...w.shape],
						dtype: 'float32' as const
					})),
					weightData: toBase64(packed(snapshot))
				}
			])
		)
	};
	return JSON.stringify(file);
}
