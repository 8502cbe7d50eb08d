import type { Bins } from './histogramBins';

/**
 * Coarser bins from finer ones by summing each run of `factor` neighbours, so one pass over a
 * feature map can serve both the colour range (fine bins) and the histogram chart (coarse).
 * Statistics carry over unchanged. binCount must be divisible by factor.
 */
export function mergeBins(bins: Bins, factor: number): Bins {
	const fine = bins.counts.length;
	if (!Number.isInteger(factor) || factor < 1 || fine % factor !== 0) {
		throw new RangeError(`cannot merge ${fine} bins by ${factor}`);
	}
	const coarse = fine / factor;
	const counts = new Uint32Array(coarse);
	const edges = new Float64Array(coarse + 1);
	for (let i = 0; i < coarse; i++) {
		let sum = 0;
		for (let j = 0; j < factor; j++) sum += bins.counts[i * factor + j];
		counts[i] = sum;
		edges[i] = bins.edges[i * factor];
	}
	edges[coarse] = bins.edges[fine];
	return { ...bins, counts, edges };
}
