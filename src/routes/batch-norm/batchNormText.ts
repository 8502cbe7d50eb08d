/**
 * The written answer's numbers and sentences, from the run on screen: what BN computed for the
 * followed unit (its running μ and σ², γ and β, and the percentiles of its sigmoid input), and
 * what the three variants' test accuracies say about the covariate-shift story — BN's both ways, on
 * its running averages and on Algorithm 2's population statistics. Every number is
 * formatted as the page shows it (accuracy to 0.1 %, percentiles to 2 decimals). Pure: tested.
 */
import { BN_EPSILON } from '$lib/engine/batchNorm/batchNorm';
import { BN_VARIANTS, type BnVariant } from '$lib/engine/batchNorm/ioffeNetwork';
import type { UnitParameters } from '$lib/workers/batchNormProtocol';
import { lastFinite, type RunCurves } from './trainingCurves';

export interface RunSummary {
	step: number;
	lr: number;
	layer: number;
	unit: number;
	/** the step of the last test evaluation, and each variant's accuracy there (0–1) */
	testStep: number | undefined;
	/** BN on its running averages (PyTorch's model.eval()) */
	accuracy: Partial<Record<BnVariant, number>>;
	/** BN on population statistics of the training images with that step's weights (BN variants) */
	populationAccuracy: Partial<Record<BnVariant, number>>;
	/** the followed unit's percentiles at the last logged step */
	bandStep: number | undefined;
	p15: Partial<Record<BnVariant, number>>;
	median: Partial<Record<BnVariant, number>>;
	p85: Partial<Record<BnVariant, number>>;
	bn: UnitParameters | null;
}

export function runSummary(
	run: RunCurves & { step: number },
	layer: number,
	unit: number
): RunSummary {
	const pick = (f: (v: BnVariant) => number | undefined) =>
		Object.fromEntries(
			BN_VARIANTS.flatMap((v) => {
				const x = f(v);
				return x === undefined ? [] : [[v, x]];
			})
		) as Partial<Record<BnVariant, number>>;
	return {
		step: run.step,
		lr: run.lr,
		layer,
		unit,
		testStep: run.test.bn?.step.at(-1),
		accuracy: pick((v) => lastFinite(run.test[v]?.values.accuracy)),
		populationAccuracy: pick((v) => lastFinite(run.test[v]?.values.populationAccuracy)),
		bandStep: run.bands.bn?.step.at(-1),
		p15: pick((v) => lastFinite(run.bands[v]?.p15)),
		median: pick((v) => lastFinite(run.bands[v]?.p50)),
		p85: pick((v) => lastFinite(run.bands[v]?.p85)),
		bn: run.parameters?.bn ?? null
	};
}

export const percent = (x: number) => `${(100 * x).toFixed(1)} %`;
const num = (x: number, digits = 2) => (x === 0 ? '0' : x.toFixed(digits)).replace('-', '−');

/** What BN computed for the followed unit, with its numbers (null before the first step). */
export function formulaSentence(s: RunSummary): string | null {
	if (!s.bn || s.bandStep === undefined || s.median.bn === undefined) return null;
	const { gamma, beta, runningMean, runningVariance } = s.bn;
	return (
		`Unit ${s.unit} of hidden layer ${s.layer} in the BN network, step ${s.bandStep}: its weighted ` +
		`sum z is standardised, x̂ = (z − μ)/√(σ² + ε), with the batch's own μ and σ² while training ` +
		`(running averages now μ = ${num(runningMean)}, σ² = ${num(runningVariance)}; ε = ${BN_EPSILON}), ` +
		`then scaled and shifted by learned parameters, y = γ·x̂ + β with γ = ${num(gamma)}, ` +
		`β = ${num(beta)}. Over the last batch y had median ${num(s.median.bn)} and 15–85 % range ` +
		`${num(s.p15.bn!)} to ${num(s.p85.bn!)} — what γ and β make it, not what the layer below ` +
		`happens to send.`
	);
}

/** The lab's evidence: accuracies and the followed unit's medians, in sentences. */
export function evidenceSentences(s: RunSummary): string[] {
	const { plain, bn } = s.accuracy;
	const noisy = s.accuracy['noisy-bn'];
	if (s.testStep === undefined || plain === undefined || bn === undefined || noisy === undefined)
		return [
			'Press Train: the three networks start from the same weights and see the same batches.'
		];
	if (s.testStep === 0)
		return [
			`Before training all three are at chance (plain ${percent(plain)}, BN ${percent(bn)}, ` +
				`noisy BN ${percent(noisy)} on the 10,000 test images). Press Train.`
		];
	const out = [
		`At step ${s.testStep} with learning rate ${s.lr}: test accuracy plain ${percent(plain)}, ` +
			`BN ${percent(bn)}, noisy BN ${percent(noisy)}, BN on its running averages (what ` +
			`PyTorch's model.eval() uses).`
	];
	// BN's accuracy on population statistics, where measured: it does not lag behind the weights
	const popBn = s.populationAccuracy.bn;
	const popNoisy = s.populationAccuracy['noisy-bn'];
	const population = popBn !== undefined && popNoisy !== undefined;
	if (population) {
		const lag = Math.max(Math.abs(popBn - bn), Math.abs(popNoisy - noisy));
		out.push(
			`On population statistics of the training images with this step's weights (Ioffe & ` +
				`Szegedy's Algorithm 2): BN ${percent(popBn)}, noisy BN ${percent(popNoisy)}. ` +
				(lag >= 0.02
					? `The running averages (momentum 0.9) weight the last ~10 batches, measured with ` +
						`older weights; at this rate the weights move between steps, so that figure lags and ` +
						`swings from one test to the next (here up to ${(100 * lag).toFixed(1)} points off).`
					: `The two ways agree within ${(100 * lag).toFixed(1)} points here.`)
		);
	}
	const [b, n] = population ? [popBn, popNoisy] : [bn, noisy];
	const on = population ? 'On population statistics, n' : 'N';
	const gap = Math.abs(b - n);
	out.push(
		gap <= 0.03
			? `${on}oisy BN is within ${(100 * gap).toFixed(1)} points of BN although its layer inputs ` +
					`were shifted and rescaled afresh at every step: its layer inputs are anything but ` +
					`steady, yet it trains like BN.`
			: `${on}oisy BN is ${(100 * gap).toFixed(1)} points ${n < b ? 'behind' : 'ahead of'} BN at ` +
					`this step; its layer inputs were shifted and rescaled afresh at every step.`
	);
	if (b > plain)
		out.push(
			`BN is ${(100 * (b - plain)).toFixed(1)} points ahead of the plain network at the same rate` +
				`${population ? ' (population statistics)' : ''}.`
		);
	else
		out.push(`Here the plain network is not behind BN (${percent(plain)} against ${percent(b)}).`);
	const mp = s.median.plain;
	const mb = s.median.bn;
	if (mp !== undefined && mb !== undefined)
		out.push(
			`The followed unit's median sigmoid input is now ${num(mb)} with BN and ${num(mp)} without.`
		);
	return out;
}
