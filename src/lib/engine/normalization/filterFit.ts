/**
 * The lab's experiment: fit a 3×3 filter to a target kernel's response over the image's
 * patches by gradient descent, in one preprocessing's coordinates. The target is exactly
 * linear in the patch, so the least-squares minimiser w* reproduces it with zero loss and
 * maps back to the target kernel itself (equivalentKernel(w*) = target).
 */
import type { SymmetricEigen } from './eigenTypes';
import {
	gradientDescent,
	optimalStep,
	predictedSteps,
	stepLimit,
	type DescentOptions,
	type DescentResult
} from './gradientDescent';
import type { PreprocessedPatches } from './patchConditioning';
import {
	crossMoment,
	multiplyVector,
	type AffineTransform,
	type Preprocessing
} from './preprocessing';
import type { IllConditioned } from './conditioning';

export interface FilterFit {
	ok: true;
	preprocessing: Preprocessing;
	learningRate: number;
	/** 2/(λmax + λmin) and 2/λmax for this preprocessing */
	optimalStep: number;
	stepLimit: number;
	/** (κ/2)·ln(1/ε) */
	predictedSteps: number;
	/** [9] w*, in the preprocessed coordinates */
	minimiser: Float64Array;
	descent: DescentResult;
	/** [9] the final weights as a kernel on raw [0, 1] patches: Aᵀw (→ the target) */
	kernel: Float64Array;
}

export type FilterFitResult =
	FilterFit | { ok: false; preprocessing: Preprocessing; reason: IllConditioned };

/** w* = H⁺ b by the eigen-decomposition of H (H is positive definite when κ exists). */
export function solveByEigen(
	{ n, values, vectors }: SymmetricEigen,
	b: ArrayLike<number>
): Float64Array {
	const w = new Float64Array(n);
	for (let k = 0; k < n; k++) {
		if (!(values[k] > 0)) continue;
		const v = vectors.subarray(k * n, (k + 1) * n);
		let c = 0;
		for (let i = 0; i < n; i++) c += v[i] * b[i];
		c /= values[k];
		for (let i = 0; i < n; i++) w[i] += c * v[i];
	}
	return w;
}

/** Weights in preprocessed coordinates as a kernel on raw inputs: w·A(x − m) = (Aᵀw)·x + const. */
export function equivalentKernel(t: AffineTransform, weights: ArrayLike<number>): Float64Array {
	// A is symmetric for every preprocessing, so Aᵀw = Aw.
	return multiplyVector(t.matrix, weights, t.dim);
}

/**
 * @param patches one preprocessing's analysis (patchConditioning)
 * @param target [9] the target kernel, row-major 3×3, on [0, 1] pixels
 * @param options learningRate defaults to the optimal fixed step 2/(λmax + λmin)
 */
export function fitFilter(
	patches: PreprocessedPatches,
	target: ArrayLike<number>,
	options: Partial<DescentOptions> = {}
): FilterFitResult {
	const { preprocessing, conditioning: c, eigen, transform, moments, source } = patches;
	if (!c.ok) return { ok: false, preprocessing, reason: c.reason };
	const minimiser = solveByEigen(eigen, crossMoment(source, transform, target));
	const learningRate = options.learningRate ?? optimalStep(c.lambdaMax, c.lambdaMin);
	const descent = gradientDescent(moments.moment, minimiser, { ...options, learningRate });
	return {
		ok: true,
		preprocessing,
		learningRate,
		optimalStep: optimalStep(c.lambdaMax, c.lambdaMin),
		stepLimit: stepLimit(c.lambdaMax),
		predictedSteps: predictedSteps(c.kappa),
		minimiser,
		descent,
		kernel: equivalentKernel(transform, descent.weights)
	};
}
