/**
 * The degradation experiment's training recipe (issue 23, after He et al.'s CIFAR setup): SGD with
 * momentum 0.9, learning rate 0.05, weight decay 1e-4, batch 64, on standardized inputs, plain and
 * residual nets side by side from one seed on one batch order. The input standardization uses one
 * mean and one standard deviation over every pixel of the training images (per-pixel statistics
 * would divide the always-black border pixels by ~0).
 */

export const RESIDUAL_RECIPE = {
	learningRate: 0.05,
	momentum: 0.9,
	weightDecay: 1e-4,
	batchSize: 64
} as const;

/** Mean and population standard deviation over every value of `images`. */
export function pixelMoments(images: Float32Array): { mean: number; std: number } {
	let sum = 0;
	for (let i = 0; i < images.length; i++) sum += images[i];
	const mean = sum / images.length;
	let squares = 0;
	for (let i = 0; i < images.length; i++) squares += (images[i] - mean) ** 2;
	return { mean, std: Math.sqrt(squares / images.length) };
}

/** (x − mean) / std for every value, as a new array. */
export function standardize(images: Float32Array, mean: number, std: number): Float32Array {
	const out = new Float32Array(images.length);
	const scale = std > 0 ? 1 / std : 1;
	for (let i = 0; i < images.length; i++) out[i] = (images[i] - mean) * scale;
	return out;
}
