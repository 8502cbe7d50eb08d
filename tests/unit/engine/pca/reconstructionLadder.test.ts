// The slider's reconstruction (partial sums kept at rungs) against a naive per-pixel sum written
// here: for every k, whatever k came before, and what `reconstruct` gives, to float32 rounding.
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { samplePatches } from '$lib/engine/pca/patchSampling';
import { principalComponents, type PrincipalComponents } from '$lib/engine/pca/principalComponents';
import { blockCoefficients, reconstruct } from '$lib/engine/pca/reconstruction';
import { reconstructionLadder, RUNGS } from '$lib/engine/pca/reconstructionLadder';
import { useBackend } from '../../tfBackend';
import { structuredImage } from './structuredImage';

beforeAll(() => useBackend('cpu'));

/** x̂ at each pixel: μ + Σ_{i<k} (vᵢ·(block − μ)) vᵢ, the block padded by its edge pixel. */
function naive(
	img: ReturnType<typeof structuredImage>,
	pca: PrincipalComponents,
	size: number,
	k: number
): Float64Array {
	const d = size * size;
	const out = new Float64Array(img.width * img.height);
	for (let y = 0; y < img.height; y++)
		for (let x = 0; x < img.width; x++) {
			const bx = Math.floor(x / size) * size;
			const by = Math.floor(y / size) * size;
			const block: number[] = [];
			for (let dy = 0; dy < size; dy++)
				for (let dx = 0; dx < size; dx++)
					block.push(
						img.data[
							Math.min(by + dy, img.height - 1) * img.width + Math.min(bx + dx, img.width - 1)
						]
					);
			const j = (y - by) * size + (x - bx);
			let value = pca.mean[j];
			for (let i = 0; i < k; i++) {
				let c = 0;
				for (let t = 0; t < d; t++) c += pca.components[i * d + t] * (block[t] - pca.mean[t]);
				value += c * pca.components[i * d + j];
			}
			out[y * img.width + x] = value;
		}
	return out;
}

describe('reconstructionLadder', () => {
	it.each([
		{ size: 4, width: 18, height: 13 },
		{ size: 5, width: 17, height: 11 }
	])(
		'every k of $size×$size blocks, in any order, is the naive sum',
		async ({ size, width, height }) => {
			const d = size * size;
			const img = structuredImage(width, height, size);
			const pca = await principalComponents(samplePatches(img, size, 600, 2), 600, d);
			const blocks = await blockCoefficients(img, pca, size);
			const before = tf.memory().numTensors;
			const ladder = await reconstructionLadder(img, pca, blocks);
			expect(tf.memory().numTensors).toBe(before);
			// rungs every ⌈d / RUNGS⌉ components, and the last one is all of them
			expect(ladder.rungs[1]).toBe(Math.ceil(d / RUNGS));
			expect(ladder.rungs.at(-1)).toBe(d);
			const order = [
				d,
				0,
				3,
				d - 1,
				1,
				7,
				6,
				2,
				d - 2,
				5,
				...Array.from({ length: d + 1 }, (_, k) => k)
			];
			const seen = new Map<number, Float32Array>();
			const wants = new Map<number, Float64Array>();
			for (const k of order) {
				const rebuilt = ladder.at(k);
				expect(rebuilt.k).toBe(k);
				if (!wants.has(k)) wants.set(k, naive(img, pca, size, k));
				const want = wants.get(k)!;
				let sq = 0;
				let off = 0;
				for (let i = 0; i < want.length; i++) {
					off = Math.max(off, Math.abs(rebuilt.pixels[i] - want[i]));
					sq += (want[i] - img.data[i]) ** 2;
				}
				expect(off).toBeLessThan(1e-5);
				if (k < d) expect(rebuilt.psnr).toBeCloseTo(10 * Math.log10(want.length / sq), 3);
				// the same k gives the same pixels whatever was shown before
				if (seen.has(k)) expect(rebuilt.pixels).toEqual(seen.get(k));
				seen.set(k, rebuilt.pixels);
				// the plain sum for one k (float32 rounding apart), and the same storage count
				const plain = reconstruct(img, pca, blocks, k);
				let fromPlain = 0;
				for (let i = 0; i < want.length; i++)
					fromPlain = Math.max(fromPlain, Math.abs(rebuilt.pixels[i] - plain.pixels[i]));
				expect(fromPlain).toBeLessThan(1e-6);
				expect(rebuilt.compressionRatio).toBe(plain.compressionRatio);
			}
			expect(() => ladder.at(d + 1)).toThrow(/outside/);
		}
	);
});
