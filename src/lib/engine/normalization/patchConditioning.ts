/**
 * For each of the five preprocessings: the patches' second-moment matrix after it, its nine
 * eigenvalues (the PCA of the learner's 3×3 patches) and κ — what the lab's eigenvalue chart
 * and conditioning table show. All from the raw patch moments: switching preprocessing or
 * target never re-reads the image.
 */
import type { SymmetricEigen } from './eigenTypes';
import { conditioning, type Conditioning } from './conditioning';
import { jacobiEigen } from './jacobiEigen';
import { PATCH_LENGTH, type PatchMoments } from './patchMoments';
import {
	covariance,
	PREPROCESSINGS,
	preprocessingTransform,
	totalVariance,
	transformedMoments,
	type AffineTransform,
	type Moments,
	type Preprocessing
} from './preprocessing';

/**
 * ZCA's ε for 3×3 luma patches, in [0, 1]² units. The shipped photos' smallest patch variance
 * (λmin of the centred covariance) is 1.1e-5 (brick) to 5.7e-4 (camera): whitened κ =
 * (λmax/(λmax + ε))·((λmin + ε)/λmin) is ≤ 1.1 on seven of them and ≈ 1.9 on brick — the
 * issue's reference figures; ε keeps A finite on a nearly degenerate image.
 */
export const PATCH_ZCA_EPSILON = 1e-5;

export interface PreprocessedPatches {
	preprocessing: Preprocessing;
	transform: AffineTransform;
	/** the raw patches' statistics the transform was made from */
	source: PatchMoments;
	/** E[x'] and E[x'x'ᵀ] (the Hessian of ½·MSE) of the preprocessed patches */
	moments: Moments;
	/** of moments.moment: eigenvalues largest first, eigenvectors as rows */
	eigen: SymmetricEigen;
	conditioning: Conditioning;
}

export function patchConditioning(
	patches: PatchMoments,
	epsilon = PATCH_ZCA_EPSILON
): Record<Preprocessing, PreprocessedPatches> {
	const variance = totalVariance(patches);
	let meanSquare = 0;
	for (let i = 0; i < PATCH_LENGTH; i++) meanSquare += patches.moment[i * PATCH_LENGTH + i];
	const covarianceEigen = jacobiEigen(covariance(patches), PATCH_LENGTH);
	const result = {} as Record<Preprocessing, PreprocessedPatches>;
	for (const preprocessing of PREPROCESSINGS) {
		const transform = preprocessingTransform(preprocessing, patches, covarianceEigen, epsilon);
		const moments = transformedMoments(patches, transform);
		const eigen = jacobiEigen(moments.moment, PATCH_LENGTH);
		result[preprocessing] = {
			preprocessing,
			transform,
			source: patches,
			moments,
			eigen,
			conditioning: conditioning(eigen.values, patches.count, variance / meanSquare)
		};
	}
	return result;
}
