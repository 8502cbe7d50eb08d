import { seededNormal } from './seededRandom';

export const KERNEL_PRESETS = [
	'identity',
	'box',
	'gaussian',
	'sharpen',
	'sobel-x',
	'sobel-y',
	'prewitt-x',
	'prewitt-y',
	'laplacian',
	'log',
	'emboss',
	'outline',
	'random'
] as const;

export type KernelPreset = (typeof KERNEL_PRESETS)[number];

export const PRESET_LABELS: Record<KernelPreset, string> = {
	identity: 'Identity',
	box: 'Box blur',
	gaussian: 'Gaussian blur',
	sharpen: 'Sharpen',
	'sobel-x': 'Sobel x',
	'sobel-y': 'Sobel y',
	'prewitt-x': 'Prewitt x',
	'prewitt-y': 'Prewitt y',
	laplacian: 'Laplacian',
	log: 'Laplacian of Gaussian',
	emboss: 'Emboss',
	outline: 'Outline',
	random: 'Random (He init)'
};

export const PRESET_DESCRIPTIONS: Record<KernelPreset, string> = {
	identity:
		'Copies the pixel under the centre tap and ignores the rest, so the output equals the input.',
	box: 'Replaces each pixel by the plain average of its window, which blurs and leaves blocky halos.',
	gaussian:
		'Averages the window with weights that fall off smoothly from the centre, a softer blur than the box.',
	sharpen:
		'Adds back the difference between a pixel and its neighbours, making edges and fine texture crisper.',
	'sobel-x':
		'Detects vertical edges: positive where the image gets brighter to the right, negative where it gets darker.',
	'sobel-y':
		'Detects horizontal edges: positive where the image gets brighter downwards, negative where it gets darker.',
	'prewitt-x':
		'Like Sobel x but with uniform smoothing across the edge, so it is a little more sensitive to noise.',
	'prewitt-y':
		'Like Sobel y but with uniform smoothing across the edge, so it is a little more sensitive to noise.',
	laplacian:
		'A second derivative: zero on flat areas and smooth ramps, strong on thin lines, dots and both sides of edges.',
	log: 'Blurs first, then takes the Laplacian, so it finds blobs and edges at a scale set by the kernel size.',
	emboss:
		'Subtracts the pixels up-left from those down-right, so the image looks lit from one side like a relief.',
	outline:
		'Compares each pixel with all its neighbours: flat regions go to zero and every outline lights up.',
	random:
		'Random weights, like an untrained network layer: the kind of kernel training starts from.'
};

/** Lab kernels go up to 11×11. */
const MAX_KERNEL_SIZE = 11;

/**
 * The tap that plays "centre" for kernels that need one. Even kernels have no centre pixel;
 * they use the top-left of the 4 central cells, floor((k − 1) / 2) in each axis.
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
 * (k = 3: [−1, 0, 1]; k = 5: [−1, −2, 0, 2, 1], as OpenCV's getDerivKernels), integer weights.
 * A 1×1 kernel cannot take a difference: it is [0].
 */
function derivative(k: number, smoothing: number[], axis: 'x' | 'y'): Float32Array {
	if (k === 1) return new Float32Array([0]);
	const difference = convolve1d(binomialRow(k - 1), [-1, 1]);
	return axis === 'x' ? separable(smoothing, difference) : separable(difference, smoothing);
}

/**
 * 4 × (mean of the disk neighbourhood − centre): the neighbours are the taps within distance
 * r = k − 1 − anchor of the anchor (the inscribed disk for odd k). k = 3 gives exactly the classic
 * 4-neighbour [0,1,0, 1,−4,1, 0,1,0]; larger k keeps the same −4 centre and spreads +4 over a wider
 * disk, so strength is comparable across sizes. k = 1 has no neighbours: [0].
 */
function laplacian(k: number): Float32Array {
	const a = anchorOf(k);
	const radiusSq = (k - 1 - a) ** 2;
	const inDisk = (r: number, c: number) => {
		const d = (r - a) ** 2 + (c - a) ** 2;
		return d > 0 && d <= radiusSq;
	};
	const neighbours = fromFunction(k, (r, c) => (inDisk(r, c) ? 1 : 0)).reduce((s, v) => s + v, 0);
	if (neighbours === 0) return new Float32Array(k * k);
	return fromFunction(k, (r, c) => (r === a && c === a ? -4 : inDisk(r, c) ? 4 / neighbours : 0));
}

/**
 * Laplacian of Gaussian with OpenCV's sigma, centred on the anchor, negative centre (the sign of
 * the 3×3 Laplacian). Made exactly zero-sum by subtracting the mean (a truncated LoG is not), then
 * scaled so its positive weights sum to 4, like the Laplacian preset. k = 1: [0].
 */
function laplacianOfGaussian(k: number): Float32Array {
	if (k === 1) return new Float32Array([0]);
	const a = anchorOf(k);
	const sigmaSq = gaussianSigma(k) ** 2;
	const raw = fromFunction(k, (r, c) => {
		const q = ((r - a) ** 2 + (c - a) ** 2) / (2 * sigmaSq);
		return -(1 - q) * Math.exp(-q);
	});
	const mean = raw.reduce((s, v) => s + v, 0) / raw.length;
	const zeroSum = raw.map((v) => v - mean);
	const positive = zeroSum.reduce((s, v) => s + Math.max(v, 0), 0);
	return zeroSum.map((v) => (4 * v) / positive);
}

/**
 * Antisymmetric ramp across the anti-diagonal plus the identity: weight (row + col − (k − 1)) /
 * ((k − 1)/2), so the corners are always ∓2, then +1 at the anchor. k = 3 gives exactly
 * [−2,−1,0, −1,1,1, 0,1,2]; the ramp sums to 0 so every size sums to 1. k = 1: [1].
 */
function emboss(k: number): Float32Array {
	const a = anchorOf(k);
	const scale = k === 1 ? 1 : (k - 1) / 2;
	return fromFunction(k, (r, c) => (r + c - (k - 1)) / scale + (r === a && c === a ? 1 : 0));
}

/** Centre k² − 1, −1 elsewhere: zero-sum; k = 1 gives [0]. */
function outline(k: number): Float32Array {
	const a = anchorOf(k);
	return fromFunction(k, (r, c) => (r === a && c === a ? k * k - 1 : -1));
}

/** He-style N(0, 2/k²) weights for a one-channel k×k kernel. */
function random(k: number, seed: number): Float32Array {
	const normal = seededNormal(seed);
	const scale = Math.sqrt(2 / (k * k));
	return fromFunction(k, () => normal() * scale);
}

/**
 * A k×k preset kernel as a row-major Float32Array of length k² (index row·k + col), for any k in
 * 1..11, odd or even. At k = 3 every preset equals its textbook form. Even kernels have no centre
 * pixel: kernels with a centre tap (identity, sharpen, laplacian, log, emboss, outline) put it at
 * floor((k − 1)/2) in each axis (the top-left of the 4 central cells); the smoothing and
 * derivative kernels (box, gaussian, sobel, prewitt) stay symmetric about the true middle.
 * Sharpen is identity − laplacian: centre 5, −4 spread over the neighbours, sums to 1 (k = 1: [1]).
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
		case 'sharpen': {
			const lap = laplacian(k);
			return identity(k).map((v, i) => v - lap[i]);
		}
		case 'sobel-x':
			return derivative(k, binomialRow(k), 'x');
		case 'sobel-y':
			return derivative(k, binomialRow(k), 'y');
		case 'prewitt-x':
			return derivative(k, new Array<number>(k).fill(1), 'x');
		case 'prewitt-y':
			return derivative(k, new Array<number>(k).fill(1), 'y');
		case 'laplacian':
			return laplacian(k);
		case 'log':
			return laplacianOfGaussian(k);
		case 'emboss':
			return emboss(k);
		case 'outline':
			return outline(k);
		case 'random':
			return random(k, seed);
		default:
			throw new RangeError(`unknown kernel preset: ${String(name)}`);
	}
}
