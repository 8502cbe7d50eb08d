/**
 * The image rebuilt from k principal components, as a transform coder would: the image is cut
 * into non-overlapping p×p blocks (the last row and column of blocks padded by repeating the
 * edge pixel), each block x is stored as its k coefficients cᵢ = vᵢ·(x − μ), and rebuilt as
 * x̂ = μ + Σ_{i<k} cᵢvᵢ. With k = p² the components span every patch, so x̂ = x exactly (up to
 * rounding). Coefficients are computed once per image; `reconstruct` is the plain sum for one k
 * (the reference), reconstructionLadder.ts the one a slider uses.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { PrincipalComponents } from './principalComponents';
import type { LumaImage } from './patchSampling';

export interface BlockCoefficients {
	size: number;
	width: number;
	height: number;
	/** blocks per row and per column */
	across: number;
	down: number;
	/** [blocks, kMax] coefficients on the first kMax components */
	coefficients: Float32Array;
	kMax: number;
}

/**
 * Coefficients of every p×p block on the first `kMax` components (all of them by default): the
 * centred blocks as rows of a [blocks, p²] matrix times the components, one TF.js matMul (at 512²
 * and p = 8 that is 4,096 × 64 × 64 multiply-adds, which a JavaScript loop took 3× longer for).
 */
export async function blockCoefficients(
	image: LumaImage,
	pca: PrincipalComponents,
	size: number,
	kMax = pca.values.length
): Promise<BlockCoefficients> {
	const { width, height, data } = image;
	const d = size * size;
	if (pca.dim !== d)
		throw new Error(`reconstruction: ${pca.dim}-d components, ${size}×${size} blocks`);
	const across = Math.ceil(width / size);
	const down = Math.ceil(height / size);
	const centred = new Float32Array(across * down * d);
	for (let by = 0, at = 0; by < down; by++)
		for (let bx = 0; bx < across; bx++)
			for (let dy = 0; dy < size; dy++) {
				const row = Math.min(by * size + dy, height - 1) * width;
				for (let dx = 0; dx < size; dx++, at++)
					centred[at] = data[row + Math.min(bx * size + dx, width - 1)] - pca.mean[dy * size + dx];
			}
	const product = tf.tidy(() =>
		tf.matMul(
			tf.tensor2d(centred, [across * down, d]),
			tf.tensor2d(Float32Array.from(pca.components.subarray(0, kMax * d)), [kMax, d]),
			false,
			true
		)
	);
	const coefficients = (await product.data()) as Float32Array;
	product.dispose();
	return { size, width, height, across, down, coefficients, kMax };
}

export interface Reconstruction {
	/** [height, width] the rebuilt luma (not clipped) */
	pixels: Float32Array;
	/** mean squared error against the original, over its pixels */
	mse: number;
	/** 10·log10(1 / MSE) for pixels in [0, 1]; Infinity when exact */
	psnr: number;
	/** original pixels ÷ numbers stored (k per block, plus the k components and the mean patch) */
	compressionRatio: number;
	k: number;
}

/** Rebuild the image from its first k coefficients per block and measure the error. */
export function reconstruct(
	image: LumaImage,
	pca: PrincipalComponents,
	blocks: BlockCoefficients,
	k: number
): Reconstruction {
	const { size, width, height, across, down, coefficients, kMax } = blocks;
	if (!(Number.isInteger(k) && k >= 0 && k <= kMax))
		throw new Error(`reconstruction: k = ${k} outside 0…${kMax}`);
	const d = size * size;
	const pixels = new Float32Array(width * height);
	const patch = new Float64Array(d);
	const { components, mean } = pca;
	for (let by = 0; by < down; by++)
		for (let bx = 0; bx < across; bx++) {
			patch.set(mean);
			const at = (by * across + bx) * kMax;
			for (let i = 0, v = 0; i < k; i++) {
				const c = coefficients[at + i];
				for (let j = 0; j < d; j++, v++) patch[j] += c * components[v];
			}
			const rows = Math.min(size, height - by * size);
			const cols = Math.min(size, width - bx * size);
			for (let dy = 0; dy < rows; dy++) {
				const out = (by * size + dy) * width + bx * size;
				for (let dx = 0; dx < cols; dx++) pixels[out + dx] = patch[dy * size + dx];
			}
		}
	return measureReconstruction(image, blocks, pixels, k);
}

/** The error and the storage cost of `pixels`, the image rebuilt from k coefficients per block. */
export function measureReconstruction(
	image: LumaImage,
	blocks: BlockCoefficients,
	pixels: Float32Array,
	k: number
): Reconstruction {
	const { size, width, height, across, down } = blocks;
	const original = image.data;
	let sq = 0;
	for (let i = 0; i < pixels.length; i++) {
		const e = pixels[i] - original[i];
		sq += e * e;
	}
	const mse = sq / pixels.length;
	const stored = across * down * k + (k + 1) * size * size;
	return {
		pixels,
		mse,
		psnr: mse > 0 ? 10 * Math.log10(1 / mse) : Infinity,
		compressionRatio: (width * height) / stored,
		k
	};
}
