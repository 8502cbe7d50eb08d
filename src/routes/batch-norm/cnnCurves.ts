/**
 * "BN in a CNN": the four variants' names, colours and learning rates, the "CNN curves" table in
 * the lab's export layout (variant, lr, step, train_loss, test_accuracy, p15, p50, p85 — no
 * percentile band here, so those cells are empty), and the sentence that says what the run shows.
 * Pure: tested in Node.
 */
import type { ChartTable } from '$lib/export/chartTable';
import type { Curve } from '$lib/training/trainingView';
import { cnnVariants } from '$lib/workers/bnCnnTraining';
import { CURVES_COLUMNS, lastFinite } from './trainingCurves';

export interface CnnVariantInfo {
	id: string;
	name: string;
	color: string;
	batchNorm: boolean;
	multiple: number;
}

/** Okabe–Ito; the ×multiple runs dashed in the same hue family */
const COLORS = ['#e69f00', '#0072b2', '#d55e00', '#56b4e9'];

export function cnnVariantInfo(multiple: number): CnnVariantInfo[] {
	return cnnVariants(multiple).map(({ id, config }, i) => ({
		id,
		name: `${config.batchNorm ? 'with BN' : 'no BN'}, ${config.multiple}× rate`,
		color: COLORS[i],
		batchNorm: config.batchNorm,
		multiple: config.multiple
	}));
}

export interface CnnRun {
	/** the base learning rate; a variant trains at multiple × it */
	lr: number;
	multiple: number;
	train: Record<string, Curve>;
	test: Record<string, Curve>;
}

/** One row per variant and step any series logged; a value not measured there is empty. */
export function cnnCurvesTable(run: CnnRun): ChartTable {
	const rows: (number | string)[][] = [];
	for (const v of cnnVariantInfo(run.multiple)) {
		const loss = new Map<number, number>();
		run.train[v.id]?.step.forEach((s, i) => loss.set(s, run.train[v.id].values.loss?.[i] ?? NaN));
		const accuracy = new Map<number, number>();
		run.test[v.id]?.step.forEach((s, i) =>
			accuracy.set(s, run.test[v.id].values.accuracy?.[i] ?? NaN)
		);
		const steps = [...new Set([...loss.keys(), ...accuracy.keys()])].sort((a, b) => a - b);
		const cell = (x: number | undefined) => (x === undefined || Number.isNaN(x) ? '' : x);
		const lr = Number((run.lr * v.multiple).toPrecision(6));
		for (const step of steps)
			rows.push([v.id, lr, step, cell(loss.get(step)), cell(accuracy.get(step)), '', '', '']);
	}
	return { columns: [...CURVES_COLUMNS], rows };
}

const pct = (x: number) => `${(100 * x).toFixed(1)} %`;

/**
 * What the run shows at its last test: each variant's accuracy, and for the ×multiple runs whether
 * the loss stayed finite and below chance (ln 10) — the "diverges without BN" claim, measured.
 */
export function cnnSentence(run: CnnRun): string | null {
	const info = cnnVariantInfo(run.multiple);
	const step = run.test[info[0].id]?.step.at(-1);
	if (!step) return null;
	const acc = (id: string) => lastFinite(run.test[id]?.values.accuracy);
	const parts = info.map((v) => {
		const a = acc(v.id);
		return `${v.name} ${a === undefined ? '–' : pct(a)}`;
	});
	const fast = info.filter((v) => v.multiple !== 1);
	const diverged = fast.filter((v) => {
		const losses = run.train[v.id]?.values.loss ?? [];
		const last = losses.slice(-20);
		return (
			losses.some((l) => !Number.isFinite(l)) ||
			(last.length > 0 && Math.min(...last) > Math.log(10))
		);
	});
	const verdict =
		diverged.length === 0
			? `At ${run.multiple}× the rate neither net diverged here (its loss stayed finite and below chance’s ln 10): at this network’s size Adam at ${run.multiple}× still trains without BN.`
			: `At ${run.multiple}× the rate, ${diverged.map((v) => v.name.split(',')[0]).join(' and ')} diverged (loss not finite, or above chance’s ln 10 for its last 20 steps).`;
	return `At step ${step}, test accuracy: ${parts.join('; ')}. ${verdict}`;
}
