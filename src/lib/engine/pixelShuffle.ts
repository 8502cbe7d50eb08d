import { seededRandom } from './seededRandom';

/*
 * The pixel-shuffle experiment: move every pixel to a fixed random place. A fully connected
 * layer has no notion of which pixels are neighbours — permute its weights the same way and it
 * computes exactly what it computed before. A convolution's whole premise is that neighbours
 * matter, so its maps turn to noise.
 */

/** Seed of the one fixed shuffle the lab uses. */
export const SHUFFLE_SEED = 7;

/**
 * A uniformly random permutation of 0 … n − 1 (Fisher–Yates on `seededRandom(seed)`):
 * pixel i moves to position perm[i]. The same seed always gives the same permutation.
 */
export function seededPermutation(n: number, seed: number): Int32Array {
	if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a whole number, got ${n}`);
	const random = seededRandom(seed);
	const perm = new Int32Array(n);
	for (let i = 0; i < n; i++) perm[i] = i;
	for (let i = n - 1; i > 0; i--) {
		const j = Math.floor(random() * (i + 1));
		const t = perm[i];
		perm[i] = perm[j];
		perm[j] = t;
	}
	return perm;
}

/**
 * Moves row i of a [n, width] array to row perm[i]: out[perm[i]] = values[i]. With width 1 this
 * shuffles pixels; with width = units it permutes a fully connected layer's weight rows the
 * same way as its input, which leaves the layer's output unchanged.
 * @param values [n, width] row-major
 * @returns [n, width] row-major
 */
export function permuteRows(values: Float32Array, perm: Int32Array, width = 1): Float32Array {
	const n = perm.length;
	if (values.length !== n * width) {
		throw new RangeError(`expected ${n}×${width} values, got ${values.length}`);
	}
	const out = new Float32Array(values.length);
	for (let i = 0; i < n; i++) out.set(values.subarray(i * width, (i + 1) * width), perm[i] * width);
	return out;
}
