/**
 * The patch half of the lab, once per image and patch size, in two steps. First what the main
 * picture needs: 20,000 random p×p luma patches and their PCA (all p² components). Then, once the
 * components are on screen, the details: every block of the photo's coefficients with partial
 * sums kept at a few k (so a new k adds a few components) and the ZCA filters. Bad input comes back as a reason, not an exception: an image
 * smaller than the patch, or a flat one (no variance: every direction is a principal one).
 */
import type { SymmetricEigen } from '$lib/engine/normalization/eigenTypes';
import { zcaMatrix } from '$lib/engine/normalization/preprocessing';
import { PATCH_COUNT, samplePatches, type LumaImage } from '$lib/engine/pca/patchSampling';
import {
	componentsFor,
	principalComponents,
	screeSlope,
	type PrincipalComponents
} from '$lib/engine/pca/principalComponents';
import { blockCoefficients, type BlockCoefficients } from '$lib/engine/pca/reconstruction';
import {
	reconstructionLadder,
	type ReconstructionLadder
} from '$lib/engine/pca/reconstructionLadder';

export { PATCH_COUNT };
export const PATCH_SEED = 1;
/** tiles shown per dictionary */
export const TILES = 16;
/** ZCA's ε as a share of the mean eigenvalue: without it the filters whiten noise too */
export const ZCA_EPSILON_SHARE = 0.001;
/** total variance below this (luma in [0, 1]) counts as a flat image */
export const FLAT_VARIANCE = 1e-8;

export type PatchProblem = 'small' | 'flat';

export interface PatchAnalysis {
	ok: true;
	size: number;
	image: LumaImage;
	patches: Float32Array;
	pca: PrincipalComponents;
	slope: number | null;
	for90: number | null;
	for99: number | null;
	/** |cosine| between PC1 and the flat (all-equal) patch: 1 means PC1 is exactly the DC */
	dcCosine: number;
}

/** What follows the first picture: the reconstruction's coefficients and the ZCA filters. */
export interface PatchDetails {
	/** the analysis these belong to */
	analysis: PatchAnalysis;
	blocks: BlockCoefficients;
	/** the photo rebuilt for any k, from partial sums kept at a few k */
	ladder: ReconstructionLadder;
	/** [TILES, p²] rows of the ZCA matrix at pixels spread over the patch */
	zca: Float32Array;
}

export type PatchResult = PatchAnalysis | { ok: false; problem: PatchProblem; size: number };

/** The pixels whose ZCA filters are shown: a 4×4 grid spread over the p×p patch. */
export function zcaPixels(size: number): number[] {
	const at = [0, 1, 2, 3].map((i) => Math.min(size - 1, Math.floor(((i + 0.5) * size) / 4)));
	return at.flatMap((y) => at.map((x) => y * size + x));
}

export async function analysePatches(image: LumaImage, size: number): Promise<PatchResult> {
	if (image.width < size || image.height < size) return { ok: false, problem: 'small', size };
	const d = size * size;
	const patches = samplePatches(image, size, PATCH_COUNT, PATCH_SEED);
	const pca = await principalComponents(patches, PATCH_COUNT, d);
	if (!(pca.totalVariance > FLAT_VARIANCE)) return { ok: false, problem: 'flat', size };
	let dot = 0;
	for (let j = 0; j < d; j++) dot += pca.components[j];
	return {
		ok: true,
		size,
		image,
		patches,
		pca,
		slope: screeSlope(pca.values, 2, d),
		for90: componentsFor(pca, 0.9),
		for99: componentsFor(pca, 0.99),
		dcCosine: Math.abs(dot) / Math.sqrt(d)
	};
}

export async function patchDetails(analysis: PatchAnalysis): Promise<PatchDetails> {
	const { image, pca, size } = analysis;
	const d = size * size;
	const blocks = await blockCoefficients(image, pca, size);
	const eigen: SymmetricEigen = { n: d, values: pca.values, vectors: pca.components };
	const zcaFull = zcaMatrix(eigen, (ZCA_EPSILON_SHARE * pca.totalVariance) / d);
	const zca = new Float32Array(TILES * d);
	zcaPixels(size).forEach((pixel, t) =>
		zca.set(zcaFull.subarray(pixel * d, (pixel + 1) * d), t * d)
	);
	return { analysis, blocks, ladder: await reconstructionLadder(image, pca, blocks), zca };
}
