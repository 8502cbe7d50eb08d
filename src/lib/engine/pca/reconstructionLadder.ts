/**
 * The reconstruction for any k, fast enough for a slider: the photo rebuilt from k components is
 * a partial sum x̂_k = μ + Σ_{i<k} cᵢvᵢ per block, so a few partial sums ("rungs", at most
 * RUNGS + 1 of them, every ⌈kMax / RUNGS⌉ components, and always k = kMax) are kept as images,
 * and a new k starts from the nearest rung and adds (or takes away) at most half a rung's
 * components. At 512² and p = 8 that is ≤ 4 components per block instead of up to 64 (a slider
 * drag's k = 64 was a 16.7 M multiply-add pass per input event). The path to a k does not depend
 * on the k shown before it, so the same k always gives the same pixels.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { LumaImage } from './patchSampling';
import type { PrincipalComponents } from './principalComponents';
import {
	measureReconstruction,
	type BlockCoefficients,
	type Reconstruction
} from './reconstruction';

/** intervals between kept partial sums: ≤ RUNGS + 1 images of the photo's size */
export const RUNGS = 8;

export interface ReconstructionLadder {
	/** the photo rebuilt from its first k components per block, with PSNR and ratio */
	at(k: number): Reconstruction;
	/** the k of each kept partial sum */
	rungs: readonly number[];
}

export async function reconstructionLadder(
	image: LumaImage,
	pca: PrincipalComponents,
	blocks: BlockCoefficients
): Promise<ReconstructionLadder> {
	const { size, width, height, across, down, coefficients, kMax } = blocks;
	const d = size * size;
	const count = across * down;
	const { components, mean } = pca;
	const spacing = Math.max(1, Math.ceil(kMax / RUNGS));
	const rungs: number[] = [];
	for (let k = 0; k < kMax; k += spacing) rungs.push(k);
	rungs.push(kMax);

	/** copy a block's in-image pixels from `patch` into `out` (adding them when `add`) */
	function write(
		out: Float32Array,
		patch: ArrayLike<number>,
		from: number,
		by: number,
		bx: number,
		add: boolean
	) {
		const rows = Math.min(size, height - by * size);
		const cols = Math.min(size, width - bx * size);
		for (let dy = 0; dy < rows; dy++) {
			const at = (by * size + dy) * width + bx * size;
			const src = from + dy * size;
			if (add) for (let dx = 0; dx < cols; dx++) out[at + dx] += patch[src + dx];
			else for (let dx = 0; dx < cols; dx++) out[at + dx] = patch[src + dx];
		}
	}

	// Each rung's step, Σ_{rung ≤ i < next} cᵢvᵢ for every block, is one TF.js matMul of
	// [blocks, spacing] by [spacing, p²] (16.7 M multiply-adds in all at 512², p = 8: a JavaScript
	// loop held the main thread ~10× longer); the running sums are kept in float64.
	const steps = tf.tidy(() => {
		const c = tf.tensor2d(coefficients, [count, kMax]);
		const v = tf.tensor2d(Float32Array.from(components.subarray(0, kMax * d)), [kMax, d]);
		return rungs
			.slice(1)
			.map((hi, r) =>
				tf.matMul(
					tf.slice(c, [0, rungs[r]], [count, hi - rungs[r]]),
					tf.slice(v, [rungs[r], 0], [hi - rungs[r], d])
				)
			);
	});
	const parts = await Promise.all(steps.map((t) => t.data()));
	for (const t of steps) t.dispose();
	const running = new Float64Array(count * d);
	for (let b = 0; b < count; b++) running.set(mean, b * d);
	const images = rungs.map(() => new Float32Array(width * height));
	for (let r = 0; r < rungs.length; r++) {
		if (r > 0) {
			const part = parts[r - 1];
			for (let i = 0; i < running.length; i++) running[i] += part[i];
		}
		for (let by = 0; by < down; by++)
			for (let bx = 0; bx < across; bx++)
				write(images[r], running, (by * across + bx) * d, by, bx, false);
	}
	const patch = new Float64Array(d);

	return {
		rungs,
		at(k) {
			if (!(Number.isInteger(k) && k >= 0 && k <= kMax))
				throw new Error(`reconstruction: k = ${k} outside 0…${kMax}`);
			// the nearest rung (the lower one on a tie)
			let r = 0;
			for (let i = 1; i < rungs.length; i++)
				if (Math.abs(rungs[i] - k) < Math.abs(rungs[r] - k)) r = i;
			const from = rungs[r];
			const pixels = Float32Array.from(images[r]);
			if (from !== k) {
				const [lo, hi, sign] = from < k ? [from, k, 1] : [k, from, -1];
				for (let by = 0; by < down; by++)
					for (let bx = 0; bx < across; bx++) {
						patch.fill(0);
						const at = (by * across + bx) * kMax;
						for (let i = lo; i < hi; i++) {
							const c = sign * coefficients[at + i];
							for (let j = 0, v = i * d; j < d; j++, v++) patch[j] += c * components[v];
						}
						write(pixels, patch, 0, by, bx, true);
					}
			}
			return measureReconstruction(image, blocks, pixels, k);
		}
	};
}
