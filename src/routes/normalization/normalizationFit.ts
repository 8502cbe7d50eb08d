/**
 * The page's glue to the normalization engine (src/lib/engine/normalization): the image's patch
 * analysis once per image, then the five filter fits as a sliced task (one run per slice, each a
 * few ms of 9×9 products), so the page keeps drawing while they go.
 */
import { presetKernel, type KernelPreset } from '$lib/engine/kernelPresets';
import { fitFilter, type FilterFitResult } from '$lib/engine/normalization/filterFit';
import { MAX_STEPS, stepLimit } from '$lib/engine/normalization/gradientDescent';
import { lossPlane, type LossPlane } from '$lib/engine/normalization/lossPlane';
import {
	patchConditioning,
	type PreprocessedPatches
} from '$lib/engine/normalization/patchConditioning';
import { patchMoments } from '$lib/engine/normalization/patchMoments';
import { PREPROCESSINGS, type Preprocessing } from '$lib/engine/normalization/preprocessing';

export type Analysis = Record<Preprocessing, PreprocessedPatches>;
export type Fits = Partial<Record<Preprocessing, FilterFitResult>>;

export const PREPROCESSING_NAMES: Record<Preprocessing, string> = {
	raw01: 'pixels in [0, 1]',
	raw255: 'pixels in [0, 255]',
	centred: 'centred',
	standardised: 'standardised',
	whitened: 'ZCA-whitened'
};
export const PREPROCESSING_COLORS: Record<Preprocessing, string> = {
	raw01: '#4e79a7',
	raw255: '#9c755f',
	centred: '#f28e2c',
	standardised: '#59a14f',
	whitened: '#e15759'
};

/** Every 3×3 patch of the luma image: moments, eigenvalues and κ for each preprocessing. */
export function analyse(luma: ArrayLike<number>, width: number, height: number): Analysis {
	return patchConditioning(patchMoments({ data: luma, width, height }));
}

/** The target kernel at 3×3, as the fit needs it. */
export function targetKernel(name: KernelPreset): Float64Array {
	return Float64Array.from(presetKernel(name, 3));
}

/**
 * The five fits, one per slice; each run's step is lrMultiple · 2/λmax of its own Hessian.
 * Returns every fit; `partial` is called after each with those done so far.
 */
export function* fitSteps(
	analysis: Analysis,
	target: Float64Array,
	lrMultiple: number,
	maxSteps: number,
	partial: (fits: Fits) => void,
	order: readonly Preprocessing[] = PREPROCESSINGS
): Generator<void, Fits, void> {
	const fits: Fits = {};
	// a cleared number field gives null for a moment: run to the lab's cap, not to NaN
	const cap = Number.isInteger(maxSteps) && maxSteps >= 1 ? maxSteps : MAX_STEPS;
	for (const p of order) {
		const c = analysis[p].conditioning;
		const learningRate = lrMultiple * stepLimit(c.lambdaMax > 0 ? c.lambdaMax : 1);
		fits[p] = fitFilter(analysis[p], target, { learningRate, maxSteps: cap });
		partial({ ...fits });
		yield;
	}
	return fits;
}

/** The shown run's path in the plane of its largest and smallest eigen-directions. */
export function shownPlane(analysis: Analysis, fit: FilterFitResult | undefined): LossPlane | null {
	if (!fit?.ok) return null;
	return lossPlane(analysis[fit.preprocessing].eigen, fit.minimiser, fit.descent.path, {
		width: 48,
		height: 48
	});
}

/** About `points` iterations, spaced evenly on a log axis, for the log–log loss chart. */
export function logSpacedSteps(steps: number, points = 200): number[] {
	const picked = new Set<number>([0, steps]);
	for (let k = 0; k <= points; k++)
		picked.add(Math.round(Math.expm1((Math.log1p(steps) * k) / points)));
	return [...picked].filter((s) => s >= 0 && s <= steps).sort((a, b) => a - b);
}
