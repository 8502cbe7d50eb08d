/**
 * The lab's "Conditioning table" export: one row per preprocessing with the Hessian's extreme
 * eigenvalues, κ, the best fixed step 2/(λmax + λmin) and the iterations the fit took.
 * Header (a product contract): preprocessing,lambda_max,lambda_min,kappa,best_lr,iterations.
 * A preprocessing without κ (flat or too small an image) leaves its numeric cells empty.
 */
import { optimalStep } from './gradientDescent';
import type { FilterFitResult } from './filterFit';
import type { PreprocessedPatches } from './patchConditioning';
import { PREPROCESSINGS, type Preprocessing } from './preprocessing';

export const CONDITIONING_HEADER = 'preprocessing,lambda_max,lambda_min,kappa,best_lr,iterations';

/**
 * @param fits the runs as far as they have gone (iterations = steps taken so far), or none
 */
export function conditioningTableCsv(
	patches: Record<Preprocessing, PreprocessedPatches>,
	fits: Partial<Record<Preprocessing, FilterFitResult>> = {}
): string {
	const rows = PREPROCESSINGS.map((p) => {
		const c = patches[p].conditioning;
		if (!c.ok) return `${p},,,,,`;
		const fit = fits[p];
		const steps = fit?.ok ? String(fit.descent.steps) : '';
		return [
			p,
			c.lambdaMax,
			c.lambdaMin,
			c.kappa,
			optimalStep(c.lambdaMax, c.lambdaMin),
			steps
		].join(',');
	});
	return [CONDITIONING_HEADER, ...rows].join('\n') + '\n';
}
