/**
 * The batch-norm lab's curves as the page draws and exports them: the three variants' names and
 * colours, the followed unit's percentile bands kept from the worker's replies, and the
 * "Training curves" table — one row per variant and logged step, with the test accuracy where it
 * was measured (every 50 steps, on BN's running averages) and the followed unit's percentiles —
 * and the BN variants' accuracy on Algorithm 2's population statistics. Pure: tested in Node.
 */
import type { BnVariant } from '$lib/engine/batchNorm/ioffeNetwork';
import type { PercentileBand } from '$lib/engine/batchNorm/percentileHistory';
import type { ChartTable } from '$lib/export/chartTable';
import type { Curve } from '$lib/training/trainingView';
import type { BatchNormReply, UnitParameters } from '$lib/workers/batchNormProtocol';

export const VARIANT_NAMES: Record<BnVariant, string> = {
	plain: 'plain',
	bn: 'BN',
	'noisy-bn': 'noisy BN'
};
/** Okabe–Ito: distinguishable with any colour vision */
export const VARIANT_COLORS: Record<BnVariant, string> = {
	plain: '#e69f00',
	bn: '#0072b2',
	'noisy-bn': '#009e73'
};

export const CURVES_COLUMNS = [
	'variant',
	'lr',
	'step',
	'train_loss',
	'test_accuracy',
	'p15',
	'p50',
	'p85'
] as const;
/** BN's test accuracy on Algorithm 2's population statistics: a file of its own, so the
 * "Training curves" .csv keeps exactly the contract's header */
export const POPULATION_COLUMNS = ['variant', 'lr', 'step', 'test_accuracy_population'] as const;

export type Bands = Record<string, PercentileBand>;

/** The bands after one worker reply: replaced, or the new steps appended. */
export function mergeBands(bands: Bands, reply: Extract<BatchNormReply, { type: 'bands' }>): Bands {
	if (reply.replace) return reply.bands;
	const merged: Bands = { ...bands };
	for (const [variant, band] of Object.entries(reply.bands)) {
		const old = bands[variant] ?? { step: [], p15: [], p50: [], p85: [] };
		merged[variant] = {
			step: [...old.step, ...band.step],
			p15: [...old.p15, ...band.p15],
			p50: [...old.p50, ...band.p50],
			p85: [...old.p85, ...band.p85]
		};
	}
	return merged;
}

export interface RunCurves {
	/** per variant: the 'train' curve (loss each step) and the 'test' curve (accuracy) */
	train: Record<string, Curve>;
	test: Record<string, Curve>;
	bands: Bands;
	lr: number;
	/** the followed unit's γ, β and running averages per variant (null without BN) */
	parameters?: Record<string, UnitParameters | null>;
}

/** Rows for every step any series logged, per variant; a value not measured there is empty. */
export function curvesTable(run: RunCurves, variants: readonly string[]): ChartTable {
	const rows: (number | string)[][] = [];
	for (const variant of variants) {
		const loss = new Map<number, number>();
		const train = run.train[variant];
		train?.step.forEach((s, i) => loss.set(s, train.values.loss?.[i] ?? NaN));
		const accuracy = new Map<number, number>();
		const test = run.test[variant];
		test?.step.forEach((s, i) => accuracy.set(s, test.values.accuracy?.[i] ?? NaN));
		const band = run.bands[variant];
		const at = new Map<number, number>();
		band?.step.forEach((s, i) => at.set(s, i));
		const steps = [...new Set([...loss.keys(), ...accuracy.keys(), ...at.keys()])].sort(
			(a, b) => a - b
		);
		for (const step of steps) {
			const b = at.get(step);
			const cell = (v: number | undefined) => (v === undefined || Number.isNaN(v) ? '' : v);
			rows.push([
				variant,
				run.lr,
				step,
				cell(loss.get(step)),
				cell(accuracy.get(step)),
				cell(b === undefined ? undefined : band.p15[b]),
				cell(b === undefined ? undefined : band.p50[b]),
				cell(b === undefined ? undefined : band.p85[b])
			]);
		}
	}
	return { columns: [...CURVES_COLUMNS], rows };
}

/** One row per variant and test step where BN's population-statistics accuracy was measured. */
export function populationTable(run: RunCurves, variants: readonly string[]): ChartTable {
	const rows: (number | string)[][] = [];
	for (const variant of variants) {
		const test = run.test[variant];
		test?.step.forEach((step, i) => {
			const value = test.values.populationAccuracy?.[i];
			if (value !== undefined && Number.isFinite(value)) rows.push([variant, run.lr, step, value]);
		});
	}
	return { columns: [...POPULATION_COLUMNS], rows };
}

/** The last finite value of a series (undefined when there is none). */
export function lastFinite(values: ArrayLike<number> | undefined): number | undefined {
	if (!values) return undefined;
	for (let i = values.length - 1; i >= 0; i--) if (Number.isFinite(values[i])) return values[i];
	return undefined;
}
