/** The tables behind the charts whose data is not a plain list of series or bars. */
import type { ChartTable } from './chartTable';
import type { Bins } from '$lib/viz/histogramBins';
import type { ConeRow } from '$lib/viz/receptiveFieldConeChart';

/** A histogram: each bin's edges and count (bin i holds bin_start ≤ v < bin_end; the last also bin_end). */
export function histogramTable(bins: Bins): ChartTable {
	return {
		columns: ['bin_start', 'bin_end', 'count'],
		rows: Array.from(bins.counts, (count, i) => [bins.edges[i], bins.edges[i + 1], count])
	};
}

/**
 * The receptive-field cone: per layer, the centres of its first and last unit and their spacing
 * (jump), and the units the chosen one depends on (first, last, how many; empty when none).
 */
export function coneTable(rows: readonly ConeRow[]): ChartTable {
	return {
		columns: [
			'layer',
			'first_unit_centre',
			'last_unit_centre',
			'jump',
			'depends_from',
			'depends_to',
			'units',
			'selected'
		],
		rows: rows.map((r) => [
			r.label,
			r.first,
			r.last,
			r.jump,
			r.from ?? '',
			r.to ?? '',
			r.count,
			r.selected ? 1 : 0
		])
	};
}

/**
 * A confusion matrix of `labels.length` classes (counts row-major, row = true class): one row per
 * cell, the true class, the predicted class and how many images.
 */
export function confusionTable(counts: ArrayLike<number>, labels: readonly string[]): ChartTable {
	const n = labels.length;
	if (counts.length !== n * n)
		throw new RangeError(`${counts.length} counts for ${n} classes: expected ${n * n}`);
	return {
		columns: ['true_class', 'predicted_class', 'images'],
		rows: labels.flatMap((truth, t) =>
			labels.map((predicted, p) => [truth, predicted, counts[t * n + p]])
		)
	};
}
