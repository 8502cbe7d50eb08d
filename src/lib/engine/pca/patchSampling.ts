/**
 * Random square patches of a luma image, the data patch PCA and ICA are fitted on: `count`
 * patch origins drawn uniformly (with replacement) from every valid position by a seeded
 * generator, so the same image and settings always give the same patches and the same picture.
 */
import type { LumaImage } from '../normalization/patchMoments';
import { seededRandom } from '../seededRandom';

export type { LumaImage };

export const PATCH_MIN = 4;
export const PATCH_MAX = 16;
/** random patches the lab fits its patch PCA on */
export const PATCH_COUNT = 20_000;

/**
 * @param image luma in [0, 1], [height, width] row-major
 * @param size patch side p (the patch is p×p)
 * @param count number of patches N
 * @param seed the generator's seed
 * @returns [N, p·p] row-major, each row one patch read row by row
 */
export function samplePatches(
	image: LumaImage,
	size: number,
	count: number,
	seed = 1
): Float32Array {
	const { width, height, data } = image;
	if (width < size || height < size)
		throw new Error(`patches: a ${width}×${height} image has no ${size}×${size} patch`);
	const random = seededRandom(seed);
	const rows = height - size + 1;
	const cols = width - size + 1;
	const d = size * size;
	const out = new Float32Array(count * d);
	for (let n = 0; n < count; n++) {
		const top = Math.floor(random() * rows);
		const left = Math.floor(random() * cols);
		for (let dy = 0; dy < size; dy++) {
			const from = (top + dy) * width + left;
			for (let dx = 0; dx < size; dx++) out[n * d + dy * size + dx] = data[from + dx];
		}
	}
	return out;
}
