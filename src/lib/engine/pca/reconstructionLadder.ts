/**
 * The reconstruction for any k, fast enough for a slider: the photo rebuilt from k components is
 * a partial sum x̂_k = μ + Σ_{i<k} cᵢvᵢ per block, so a few partial sums ("rungs", at most
 * RUNGS + 1 of them, every ⌈kMax / RUNGS⌉ components, and always k = kMax) are kept as images,
 * and a new k starts from the nearest rung and adds (or takes away) at most half a rung's
 * components. At 512² and p = 8 that is ≤ 4 components per block instead of up to 64 (a slider
 * drag's k = 64 was a 16.7 M multiply-add pass per input event). The path to a k does not depend
 * on the k shown before it, so the same k always gives the same pixels; at a rung they are the
 * pixels `reconstruct` gives (same sums, same order).
 */
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

export function reconstructionLadder(
	image: LumaImage,
	pca: PrincipalComponents,
	blocks: BlockCoefficients
): ReconstructionLadder {
	const { size, width, height, across, down, coefficients, kMax } = blocks;
	const d = size * size;
	const { components, mean } = pca;
	const spacing = Math.max(1, Math.ceil(kMax / RUNGS));
	const rungs: number[] = [];
	for (let k = 0; k < kMax; k += spacing) rungs.push(k);
	rungs.push(kMax);
	const images = rungs.map(() => new Float32Array(width * height));

	/** copy a block's in-image pixels from `patch` into `out` (adding them when `add`) */
	function write(out: Float32Array, patch: Float64Array, by: number, bx: number, add: boolean) {
		const rows = Math.min(size, height - by * size);
		const cols = Math.min(size, width - bx * size);
		for (let dy = 0; dy < rows; dy++) {
			const at = (by * size + dy) * width + bx * size;
			if (add) for (let dx = 0; dx < cols; dx++) out[at + dx] += patch[dy * size + dx];
			else for (let dx = 0; dx < cols; dx++) out[at + dx] = patch[dy * size + dx];
		}
	}

	// One pass over every component of every block, keeping the running sum at each rung.
	const patch = new Float64Array(d);
	for (let by = 0; by < down; by++)
		for (let bx = 0; bx < across; bx++) {
			patch.set(mean);
			const at = (by * across + bx) * kMax;
			let rung = 0;
			for (let i = 0; i <= kMax; i++) {
				if (rungs[rung] === i) write(images[rung++], patch, by, bx, false);
				if (i === kMax) break;
				const c = coefficients[at + i];
				for (let j = 0, v = i * d; j < d; j++, v++) patch[j] += c * components[v];
			}
		}

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
						write(pixels, patch, by, bx, true);
					}
			}
			return measureReconstruction(image, blocks, pixels, k);
		}
	};
}
