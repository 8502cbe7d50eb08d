import { seededNormal } from './seededRandom';
import { KERNEL_PRESETS, PRESET_INFO, type KernelPreset } from './kernelPresetInfo';

export { KERNEL_PRESETS, type KernelPreset } from './kernelPresetInfo';

export const PRESET_LABELS = Object.fromEntries(
	KERNEL_PRESETS.map((name) => [name, PRESET_INFO[name].label])
) as Record<KernelPreset, string>;

export const PRESET_DESCRIPTIONS = Object.fromEntries(
	KERNEL_PRESETS.map((name) => [name, PRESET_INFO[name].summary])
) as Record<KernelPreset, string>;

/** Lab kernels go up to 11×11. */
const MAX_KERNEL_SIZE = 11;

/**
 * The tap that plays "centre" for kernels that need one: floor((k − 1) / 2) in each axis. For
 * even k that is the top-left of the 4 central cells, the tap TensorFlow's 'same' padding puts
 * the output under (it pads floor((k − 1)/2) before and the rest after).
 */
function anchorOf(k: number): number {
	return Math.floor((k - 1) / 2);
}

/** Pascal's-triangle row of length n: the discrete Gaussian used by Sobel. */
function binomialRow(n: number): number[] {
	let row = [1];
	for (let i = 1; i < n; i++) row = row.map((v, j) => v + (row[j - 1] ?? 0)).concat(1);
	return row;
}

/** Full 1-D convolution of a with b. */
function convolve1d(a: number[], b: number[]): number[] {
	const out = new Array<number>(a.length + b.length - 1).fill(0);
	a.forEach((av, i) => b.forEach((bv, j) => (out[i + j] += av * bv)));
	return out;
}

/** k×k outer product: rows[r] · columns[c]. */
function separable(rows: number[], columns: number[]): Float32Array {
	const k = rows.length;
	const kernel = new Float32Array(k * k);
	for (let r = 0; r < k; r++) for (let c = 0; c < k; c++) kernel[r * k + c] = rows[r] * columns[c];
	return kernel;
}

function fromFunction(k: number, weight: (row: number, col: number) => number): Float32Array {
	const kernel = new Float32Array(k * k);
	for (let r = 0; r < k; r++) for (let c = 0; c < k; c++) kernel[r * k + c] = weight(r, c);
	return kernel;
}

function positiveSum(values: ArrayLike<number>): number {
	let total = 0;
	for (let i = 0; i < values.length; i++) total += Math.max(values[i], 0);
	return total;
}

/**
 * Scaled so the positive weights sum to `target`. For a derivative kernel that sum is its answer
 * to a unit step lined up with its split, so the same target at every k keeps outputs comparable
 * (unscaled, an 11×11 Sobel's weights reach 12,096 and its outputs ±60,000).
 */
function withPositiveSum(values: Float32Array, target: number): Float32Array {
	const total = positiveSum(values);
	return total === 0 ? values : values.map((v) => (v * target) / total);
}

/**
 * Even k: the (k − 1)×(k − 1) kernel with a zero last row and column, so its centre is the
 * anchor and the output lands exactly where the odd kernel's does. Odd k: build(k).
 */
function centred(k: number, build: (odd: number) => Float32Array): Float32Array {
	if (k % 2 === 1) return build(k);
	const inner = build(k - 1);
	return fromFunction(k, (r, c) => (r < k - 1 && c < k - 1 ? inner[r * (k - 1) + c] : 0));
}

/** OpenCV's default sigma for a Gaussian of aperture k. */
function gaussianSigma(k: number): number {
	return 0.3 * ((k - 1) / 2 - 1) + 0.8;
}

function identity(k: number): Float32Array {
	const a = anchorOf(k);
	return fromFunction(k, (r, c) => (r === a && c === a ? 1 : 0));
}

/** Sampled around the true middle (k − 1)/2, so even Gaussians stay symmetric. */
function gaussian(k: number): Float32Array {
	const mid = (k - 1) / 2;
	const twoSigmaSq = 2 * gaussianSigma(k) ** 2;
	const raw = fromFunction(k, (r, c) => Math.exp(-((r - mid) ** 2 + (c - mid) ** 2) / twoSigmaSq));
	const total = raw.reduce((s, v) => s + v, 0);
	return raw.map((v) => v / total);
}

/**
 * Derivative along columns (x) or rows (y), smoothed across. Derivative = binomial(k − 1) ∗ [−1, 1]
 * (k = 3: [−1, 0, 1]; k = 5: [−1, −2, 0, 2, 1], as OpenCV's getDerivKernels), then scaled so a
 * unit step gives `stepResponse` (the classic 3×3 value: 4 for Sobel, 3 for Prewitt), which keeps
 * k = 3 integer. Symmetric about the true middle, also for even k (k = 2: [−1, 1] rows).
 * A 1×1 kernel cannot take a difference: it is [0].
 */
function derivative(
	k: number,
	smoothing: number[],
	axis: 'x' | 'y',
	stepResponse: number
): Float32Array {
	if (k === 1) return new Float32Array([0]);
	const difference = convolve1d(binomialRow(k - 1), [-1, 1]);
	const raw = axis === 'x' ? separable(smoothing, difference) : separable(difference, smoothing);
	return withPositiveSum(raw, stepResponse);
}

/**
 * Odd k: 4 × (mean of the disk neighbourhood − centre), the neighbours being the taps within
 * distance (k − 1)/2 of the centre. k = 3 gives exactly the classic [0,1,0, 1,−4,1, 0,1,0];
 * larger k keeps the −4 centre and spreads +4 over a wider disk, so a single dot gives −4 at
 * every size. k = 1 has no neighbours: [0].
 */
function laplacian(k: number): Float32Array {
	const a = anchorOf(k);
	const radiusSq = a ** 2;
	const inDisk = (r: number, c: number) => {
		const d = (r - a) ** 2 + (c - a) ** 2;
		return d > 0 && d <= radiusSq;
	};
	const neighbours = fromFunction(k, (r, c) => (inDisk(r, c) ? 1 : 0)).reduce((s, v) => s + v, 0);
	if (neighbours === 0) return new Float32Array(k * k);
	return fromFunction(k, (r, c) => (r === a && c === a ? -4 : inDisk(r, c) ? 4 / neighbours : 0));
}

/**
 * σ of the Laplacian-of-Gaussian preset: (k − 1)/4, so the kernel's radius (k − 1)/2 reaches
 * 2σ, where the "Mexican hat"'s positive ring peaks (its zero crossing is at √2·σ). With
 * OpenCV's blur σ (0.8 at k = 3) the 3×3 kernel held only the centre of the hat: all 8
 * neighbours barely above or below 0 and the corners outweighing the sides.
 */
export function logSigma(k: number): number {
	return (k - 1) / 4;
}

/**
 * Odd k: Laplacian of Gaussian, −(1 − r²/2σ²)·exp(−r²/2σ²) with σ = logSigma(k): a negative
 * centre inside a positive ring (the sign of the 3×3 Laplacian). Made exactly zero-sum by
 * subtracting the mean (a truncated LoG is not), then scaled so its positive weights sum to 4,
 * like the Laplacian preset. k = 1: [0].
 */
function laplacianOfGaussian(k: number): Float32Array {
	if (k === 1) return new Float32Array([0]);
	const a = anchorOf(k);
	const sigmaSq = logSigma(k) ** 2;
	const raw = fromFunction(k, (r, c) => {
		const q = ((r - a) ** 2 + (c - a) ** 2) / (2 * sigmaSq);
		return -(1 - q) * Math.exp(-q);
	});
	const mean = raw.reduce((s, v) => s + v, 0) / raw.length;
	return withPositiveSum(
		raw.map((v) => v - mean),
		4
	);
}

/**
 * Odd k: an antisymmetric ramp across the anti-diagonal, weight ∝ row + col − (k − 1), scaled so
 * its positive weights sum to 4 (k = 3: 1 + 1 + 2), plus 1 at the centre. k = 3 gives exactly
 * [−2,−1,0, −1,1,1, 0,1,2]; the ramp sums to 0 so every size sums to 1. k = 1: [1].
 */
function emboss(k: number): Float32Array {
	const a = anchorOf(k);
	const ramp = withPositiveSum(
		fromFunction(k, (r, c) => r + c - (k - 1)),
		4
	);
	return ramp.map((v, i) => v + (i === a * k + a ? 1 : 0));
}

/** Odd k: 8 × (centre − mean of the k² − 1 others); k = 3 is [−1,…, 8, …,−1]; k = 1 gives [0]. */
function outline(k: number): Float32Array {
	if (k === 1) return new Float32Array([0]);
	const a = anchorOf(k);
	return fromFunction(k, (r, c) => (r === a && c === a ? 8 : -8 / (k * k - 1)));
}

/** He-style N(0, 2/k²) weights for a one-channel k×k kernel. */
function random(k: number, seed: number): Float32Array {
	const normal = seededNormal(seed);
	const scale = Math.sqrt(2 / (k * k));
	return fromFunction(k, () => normal() * scale);
}

/**
 * A k×k preset kernel as a row-major Float32Array of length k² (index row·k + col), for any k in
 * 1..11, odd or even. At k = 3 every preset equals its textbook form; other sizes keep the
 * k = 3 response (see PRESET_INFO[name].scaling): derivatives answer a unit step with 4 (Sobel)
 * or 3 (Prewitt), Laplacian / sharpen / outline answer a single dot with −4 / 5 / 8.
 * Even kernels have no centre pixel; the output lands under tap floor((k − 1)/2) (TensorFlow
 * 'same'). Identity puts its 1 there; the other centre-tap presets (sharpen, laplacian, log,
 * emboss, outline) are their (k − 1)×(k − 1) versions centred there with a zero last row and
 * column; the smoothing and derivative kernels (box, gaussian, sobel, prewitt) stay symmetric
 * about the true middle, half a pixel down-right of the output.
 * @param seed only used by 'random' (default 1): the same (k, seed) always gives the same kernel.
 * @throws RangeError if k is not an integer in 1..11 or the preset name is unknown.
 */
export function presetKernel(name: KernelPreset, k: number, seed = 1): Float32Array {
	if (!Number.isInteger(k) || k < 1 || k > MAX_KERNEL_SIZE) {
		throw new RangeError(`kernel size must be an integer from 1 to ${MAX_KERNEL_SIZE}, got ${k}`);
	}
	switch (name) {
		case 'identity':
			return identity(k);
		case 'box':
			return new Float32Array(k * k).fill(1 / (k * k));
		case 'gaussian':
			return gaussian(k);
		case 'sharpen':
			return centred(k, (n) => {
				const lap = laplacian(n);
				return identity(n).map((v, i) => v - lap[i]);
			});
		case 'sobel-x':
			return derivative(k, binomialRow(k), 'x', 4);
		case 'sobel-y':
			return derivative(k, binomialRow(k), 'y', 4);
		case 'prewitt-x':
			return derivative(k, new Array<number>(k).fill(1), 'x', 3);
		case 'prewitt-y':
			return derivative(k, new Array<number>(k).fill(1), 'y', 3);
		case 'laplacian':
			return centred(k, laplacian);
		case 'log':
			return centred(k, laplacianOfGaussian);
		case 'emboss':
			return centred(k, emboss);
		case 'outline':
			return centred(k, outline);
		case 'random':
			return random(k, seed);
		default:
			throw new RangeError(`unknown kernel preset: ${String(name)}`);
	}
}
