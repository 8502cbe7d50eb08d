import type { SimilarityName } from '$lib/engine/shiftSimilarity';

/**
 * How each curve reads: names a learner knows, colours from Tableau 10 (colour-blind safe as a
 * set), and dashes for the two "no built-in invariance" references (pixels, fully connected)
 * so they separate from the CNN stages without relying on hue alone.
 */
export const CURVE_STYLE: Record<
	SimilarityName,
	{ label: string; color: string; dashed: boolean }
> = {
	pixels: { label: 'pixels', color: '#79706e', dashed: true },
	conv_aligned: { label: 'conv, shifted back', color: '#59a14f', dashed: false },
	conv: { label: 'conv, as is', color: '#e15759', dashed: false },
	maxpool: { label: 'max-pool 2×2/2', color: '#f28e2b', dashed: false },
	global_maxpool: { label: 'global max-pool', color: '#4e79a7', dashed: false },
	fc: { label: 'fully connected', color: '#b07aa1', dashed: true },
	blurpool: { label: 'blur-pool', color: '#76b7b2', dashed: false }
};
