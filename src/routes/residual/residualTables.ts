/**
 * The residual lab's exports as tables (ChartShell writes them as .csv): the lesion study
 * (`variant,depth,deleted_block,test_accuracy`, block 0 the intact net) and the training curves
 * (`variant,depth,step,train_loss,train_accuracy,test_accuracy`, test accuracy empty at steps where
 * it was not measured) and the loss slice (`variant,depth,alpha,loss,accuracy`). Pure, unit-tested.
 */
import type { ChartTable } from '$lib/export/chartTable';
import type { Curve } from '$lib/training/trainingView';
import type { VariantLesions, VariantSlice } from '$lib/workers/residualProtocol';

export const LESION_COLUMNS = ['variant', 'depth', 'deleted_block', 'test_accuracy'];
export const SLICE_COLUMNS = ['variant', 'depth', 'alpha', 'loss', 'accuracy'];

/** The loss slice, one row per net and α. */
export function sliceTable(variants: readonly VariantSlice[]): ChartTable {
	return {
		columns: SLICE_COLUMNS,
		rows: variants.flatMap((v) =>
			v.points.map((p) => [
				v.config.wiring,
				v.config.depth,
				Number(p.alpha.toFixed(4)),
				p.loss,
				p.accuracy
			])
		)
	};
}

export const CURVE_COLUMNS = [
	'variant',
	'depth',
	'step',
	'train_loss',
	'train_accuracy',
	'test_accuracy'
];

export function lesionTable(variants: readonly VariantLesions[]): ChartTable {
	return {
		columns: LESION_COLUMNS,
		rows: variants.flatMap((v) =>
			v.single.map((accuracy, block) => [v.config.wiring, v.config.depth, block, accuracy])
		)
	};
}

export interface VariantCurves {
	variant: string;
	depth: number;
	train: Curve;
	test: Curve;
}

export function curveTable(variants: readonly VariantCurves[]): ChartTable {
	return {
		columns: CURVE_COLUMNS,
		rows: variants.flatMap(({ variant, depth, train, test }) => {
			const tested = new Map(test.step.map((s, i) => [s, test.values.accuracy?.[i]]));
			const rows: (number | string)[][] = train.step.map((step, i) => [
				variant,
				depth,
				step,
				train.values.loss?.[i] ?? NaN,
				train.values.accuracy?.[i] ?? NaN,
				tested.get(step) ?? ''
			]);
			// test points with no training step (step 0, before any batch)
			for (const [step, accuracy] of tested)
				if (!train.step.includes(step)) rows.push([variant, depth, step, '', '', accuracy ?? '']);
			return rows.sort((a, b) => (a[2] as number) - (b[2] as number));
		})
	};
}

/** Mean of the last `count` values (NaN when there are none). */
export function recentMean(values: readonly number[] | undefined, count = 50): number {
	if (!values?.length) return NaN;
	const tail = values.slice(-count);
	return tail.reduce((a, b) => a + b, 0) / tail.length;
}
