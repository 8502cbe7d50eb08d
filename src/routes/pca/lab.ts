/**
 * The dimensionality-reduction lab's declaration: its URL schema and what it measures.
 *
 *   /pca/?patch=8&k=8&source=embedding&n=2000
 *
 * `patch` is the side of the square patches PCA is fitted on, `k` how many components rebuild the
 * photo (at most patch², clamped with a notice), `source` which data the 2-D maps of Fashion-MNIST
 * show (raw pixels or the classifier's penultimate layer), `n` how many test images they hold.
 */
import { pcaCode } from '$lib/codegen/pcaCode';
import { PATCH_COUNT, PATCH_MAX, PATCH_MIN } from '$lib/engine/pca/patchSampling';
import { defineLab } from '$lib/runtime/labDefinition';
import { enumField, intChoiceField, intField } from '$lib/state/fields';
import type { StateOf } from '$lib/state/urlSchema';
import { pc1SharePrediction } from './prediction';

export const MAP_SOURCES = ['pixels', 'embedding'] as const;
export type MapSource = (typeof MAP_SOURCES)[number];
export const MAP_COUNTS = [1000, 2000, 5000, 10000] as const;

export function pcaSchema() {
	return {
		/** patch side p: PCA of p×p patches */
		patch: intField(PATCH_MIN, PATCH_MAX, 8),
		/** components kept in the reconstruction, 1…p² */
		k: intField(1, PATCH_MAX * PATCH_MAX, 8),
		/** what the Fashion-MNIST maps are made from */
		source: enumField(MAP_SOURCES, 'embedding'),
		/** test images in the maps */
		n: intChoiceField(MAP_COUNTS, 2000)
	};
}
export type PcaState = StateOf<ReturnType<typeof pcaSchema>>;

/** k can be at most p²: a larger k (from an address, or after a smaller patch) is clamped. */
export function reconcilePca(state: PcaState, notices: string[]): PcaState {
	const most = state.patch * state.patch;
	if (state.k <= most) return state;
	notices.push(
		`k = ${state.k} is more than the ${most} components of a ${state.patch}×${state.patch} patch: using ${most}.`
	);
	return { ...state, k: most };
}

export const lab = defineLab('/pca/', {
	schema: pcaSchema,
	reconcile: reconcilePca,
	observables: {
		pc1Explained: 'share of the patch variance PC1 (≈ the patch mean, DC) explains',
		pc1DcCosine: '|cos| between PC1 and the flat patch (1: PC1 is exactly the patch mean)',
		pc2Explained: 'share PC2 explains',
		componentsFor90: 'components needed for 90 % of the patch variance',
		componentsFor99: 'components needed for 99 %',
		screeSlope: 'slope of log eigenvalue against log index (components 2…p²)',
		psnr: 'PSNR (dB) of the photo rebuilt from k components',
		compressionRatio: 'pixels ÷ numbers stored for the rebuilt photo',
		knnPcaPixels: '2-D 5-NN accuracy, PCA of pixels',
		knnPcaEmbedding: '2-D 5-NN accuracy, PCA of the embedding',
		knnUmapPixels: '2-D 5-NN accuracy, UMAP of pixels',
		knnUmapEmbedding: '2-D 5-NN accuracy, UMAP of the embedding',
		imageHeight: 'height of the luma image whose patches PCA is fitted on, in pixels',
		imageWidth: 'its width, in pixels'
	},
	predictions: [pc1SharePrediction],
	code: (s, o) =>
		typeof o.imageHeight === 'number' && typeof o.imageWidth === 'number'
			? pcaCode({
					height: o.imageHeight,
					width: o.imageWidth,
					patch: s.patch,
					k: Math.min(s.k, s.patch * s.patch),
					count: PATCH_COUNT
				})
			: null
});
