/**
 * The statistics of every 3×3 patch of a luma image that the normalization lab needs: the
 * patch count N, the mean patch E[x] and the second-moment matrix E[xxᵀ] = PᵀP/N, where P is
 * the [N, 9] matrix of patches (one per valid position, row-major within the patch). For a
 * linear 3×3 filter with squared loss, PᵀP/N is the Hessian: these 90 numbers are the loss
 * surface. One pass over the image; the patch matrix itself is never built (imagePatches
 * builds it where a caller needs the rows, e.g. the tests).
 */

/** A grayscale image: luma in [0, 1], [height, width] row-major. */
export interface LumaImage {
	data: ArrayLike<number>;
	width: number;
	height: number;
}

export interface PatchMoments {
	/** number of patches N */
	count: number;
	/** [9] the mean patch E[x] */
	mean: Float64Array;
	/** [9, 9] row-major E[xxᵀ] = PᵀP / N, symmetric */
	moment: Float64Array;
}

/** Which patch origins to use: every one (stride 1), or every stride-th row and column. */
export interface PatchSampling {
	/** take patch origins every `stride` rows and columns (1: every valid patch) */
	stride?: number;
	/** first origin row and column, each in [0, stride); a seeded choice keeps a page stable */
	offset?: [number, number];
}

export const PATCH_SIZE = 3;
export const PATCH_LENGTH = PATCH_SIZE * PATCH_SIZE;

/** Patch origins per axis (valid positions), honouring the sampling. */
function origins(length: number, stride: number, offset: number): number {
	const valid = length - PATCH_SIZE + 1;
	return valid > offset ? Math.ceil((valid - offset) / stride) : 0;
}

function checkSampling(sampling: PatchSampling): { stride: number; oy: number; ox: number } {
	const stride = sampling.stride ?? 1;
	const [oy, ox] = sampling.offset ?? [0, 0];
	if (!(Number.isInteger(stride) && stride >= 1))
		throw new Error(`patches: stride ${stride} must be a whole number ≥ 1`);
	if (![oy, ox].every((o) => Number.isInteger(o) && o >= 0 && o < stride))
		throw new Error(`patches: offset ${oy}, ${ox} must lie in [0, ${stride})`);
	return { stride, oy, ox };
}

/** How many patches `patchMoments` and `imagePatches` take from a width × height image. */
export function patchCount(width: number, height: number, sampling: PatchSampling = {}): number {
	const { stride, oy, ox } = checkSampling(sampling);
	return origins(height, stride, oy) * origins(width, stride, ox);
}

/**
 * N, E[x] and E[xxᵀ] of the image's 3×3 patches. An image smaller than 3×3 has no patch:
 * count 0 and all-zero statistics (conditioning() turns that into a reason to show).
 */
export function patchMoments(image: LumaImage, sampling: PatchSampling = {}): PatchMoments {
	const { stride, oy, ox } = checkSampling(sampling);
	const { data, width } = image;
	const rows = origins(image.height, stride, oy);
	const cols = origins(width, stride, ox);
	const sum = new Float64Array(PATCH_LENGTH);
	// upper triangle of Σ x xᵀ, 45 entries, in (i, j ≥ i) order
	const upper = new Float64Array((PATCH_LENGTH * (PATCH_LENGTH + 1)) / 2);
	const x = new Float64Array(PATCH_LENGTH);
	for (let r = 0; r < rows; r++) {
		const top = oy + r * stride;
		for (let c = 0; c < cols; c++) {
			const left = ox + c * stride;
			for (let dy = 0; dy < PATCH_SIZE; dy++) {
				const at = (top + dy) * width + left;
				x[dy * 3] = data[at];
				x[dy * 3 + 1] = data[at + 1];
				x[dy * 3 + 2] = data[at + 2];
			}
			let u = 0;
			for (let i = 0; i < PATCH_LENGTH; i++) {
				const xi = x[i];
				sum[i] += xi;
				for (let j = i; j < PATCH_LENGTH; j++) upper[u++] += xi * x[j];
			}
		}
	}
	const count = rows * cols;
	const mean = new Float64Array(PATCH_LENGTH);
	const moment = new Float64Array(PATCH_LENGTH * PATCH_LENGTH);
	if (count === 0) return { count, mean, moment };
	let u = 0;
	for (let i = 0; i < PATCH_LENGTH; i++) {
		mean[i] = sum[i] / count;
		for (let j = i; j < PATCH_LENGTH; j++)
			moment[i * PATCH_LENGTH + j] = moment[j * PATCH_LENGTH + i] = upper[u++] / count;
	}
	return { count, mean, moment };
}

/**
 * The patch matrix P itself, [N, 9] row-major, in the same order and sampling as
 * patchMoments (rows of origins top to bottom, left to right).
 */
export function imagePatches(image: LumaImage, sampling: PatchSampling = {}): Float64Array {
	const { stride, oy, ox } = checkSampling(sampling);
	const rows = origins(image.height, stride, oy);
	const cols = origins(image.width, stride, ox);
	const patches = new Float64Array(rows * cols * PATCH_LENGTH);
	let p = 0;
	for (let r = 0; r < rows; r++)
		for (let c = 0; c < cols; c++)
			for (let dy = 0; dy < PATCH_SIZE; dy++)
				for (let dx = 0; dx < PATCH_SIZE; dx++)
					patches[p++] = image.data[(oy + r * stride + dy) * image.width + ox + c * stride + dx];
	return patches;
}

/**
 * The target kernel's response on each patch, y = P·k: cross-correlation, as the app's
 * convolution computes it (kernel[0] multiplies the patch's top-left pixel).
 * @param patches [N, 9] @param kernel [9] row-major 3×3 @returns [N]
 */
export function targetResponse(
	patches: ArrayLike<number>,
	kernel: ArrayLike<number>
): Float64Array {
	if (kernel.length !== PATCH_LENGTH)
		throw new Error(`target: kernel has ${kernel.length} ≠ 9 taps`);
	const count = Math.floor(patches.length / PATCH_LENGTH);
	const y = new Float64Array(count);
	for (let n = 0; n < count; n++) {
		let s = 0;
		for (let i = 0; i < PATCH_LENGTH; i++) s += patches[n * PATCH_LENGTH + i] * kernel[i];
		y[n] = s;
	}
	return y;
}
