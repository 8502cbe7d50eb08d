/**
 * The written answer's sentences with numbers, made from the lab's own values (so they agree
 * with the chart and the table at every image, target and learning rate).
 */
import type { Conditioning, IllConditioned } from '$lib/engine/normalization/conditioning';
import type { FilterFitResult } from '$lib/engine/normalization/filterFit';
import { kappaText } from '$lib/viz/eigenvalueChart';
import type { Analysis, Fits } from './normalizationFit';

export const ILL_CONDITIONED_TEXT: Record<IllConditioned, string> = {
	'too-small':
		'The image is too small: a 3×3 filter needs at least nine 3×3 patches to pin down its nine weights, so there is no loss surface to measure. Use a larger image or working size.',
	flat: 'The image is flat (every pixel has the same brightness): the patches vary in no direction but the mean, so λmin = 0 and κ is infinite — gradient descent can never find the filter. Pick an image with some texture.',
	'rank-deficient':
		'The patches of this image span fewer than nine directions (e.g. stripes or a pure gradient): λmin is 0, κ is infinite and no preprocessing short of adding information can fix it.'
};

/** κ, or the reason there is none. */
export function kappaOf(c: Conditioning): string {
	return c.ok ? kappaText(c.kappa) : '∞';
}

/** "κ falls 12.3-fold", "κ rises 1.2-fold", "κ stays the same" */
function change(from: number, to: number): string {
	const ratio = from / to;
	if (Math.abs(ratio - 1) < 0.005) return 'leaves κ unchanged';
	return ratio > 1 ? `divides κ by ${kappaText(ratio)}` : `multiplies κ by ${kappaText(1 / ratio)}`;
}

/** Why this image has no κ, or null (the engine tells a flat image from a rank-deficient one). */
export function illConditioned(analysis: Analysis): IllConditioned | null {
	const raw = analysis.raw01.conditioning;
	if (!raw.ok) return raw.reason;
	const centred = analysis.centred.conditioning;
	return centred.ok ? null : centred.reason;
}

/** The evidence paragraph about κ, or the reason there is no κ. */
export function kappaSentences(analysis: Analysis): string[] {
	const { raw01, raw255, centred, standardised, whitened } = analysis;
	const bad = illConditioned(analysis);
	if (bad) return [ILL_CONDITIONED_TEXT[bad]];
	const k = (p: { conditioning: Conditioning }) =>
		p.conditioning.ok ? p.conditioning.kappa : Infinity;
	const out = [
		`On this image κ = ${kappaOf(raw01.conditioning)} for pixels in [0, 1] and ${kappaOf(raw255.conditioning)} for pixels in [0, 255]: rescaling multiplies every eigenvalue by 255², so κ cannot change — only the largest stable step 2/λmax shrinks 65,025-fold.`,
		`Centring ${change(k(raw01), k(centred))} (κ = ${kappaOf(centred.conditioning)}): it removes the mean-brightness (DC) direction, the huge first eigenvalue.`,
		`Dividing by one global σ gives κ = ${kappaOf(standardised.conditioning)}, the κ of centring: a single scale factor changes the step size, not the shape of the bowl.`,
		`ZCA whitening decorrelates the nine pixels: κ = ${kappaOf(whitened.conditioning)}.`
	];
	return out;
}

function runText(fit: FilterFitResult | undefined): string {
	if (!fit) return 'running';
	if (!fit.ok) return 'no fit (κ infinite)';
	const d = fit.descent;
	if (d.diverged) return `diverged after ${d.steps.toLocaleString('en')} steps`;
	if (d.converged) return `${d.steps.toLocaleString('en')} steps`;
	return `not converged after ${d.steps.toLocaleString('en')} steps (the cap)`;
}

/** The evidence sentence about the fits at the current learning rate. */
export function fitSentence(fits: Fits, lr: number): string {
	const { raw01, centred, whitened } = fits;
	const head =
		lr > 1
			? `At lr = ${lr} × 2/λmax, past the limit, the error along the largest eigen-direction is multiplied by |1 − 2·${lr}| = ${Math.abs(1 - 2 * lr).toFixed(3)} > 1 each step: [0, 1] ${runText(raw01)}, centred ${runText(centred)}, whitened ${runText(whitened)}.`
			: `At lr = ${lr} × 2/λmax the fit to ‖w − w*‖ < 10⁻³‖w*‖ took: [0, 1] ${runText(raw01)}, centred ${runText(centred)}, whitened ${runText(whitened)}.`;
	const predicted =
		raw01?.ok && lr <= 1
			? ` Theory at the best step: (κ/2)·ln(1/ε) ≈ ${Math.round(raw01.predictedSteps).toLocaleString('en')} steps for [0, 1].`
			: '';
	return head + predicted;
}
