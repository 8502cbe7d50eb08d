/**
 * Ioffe & Szegedy's Fig. 1 for any unit the learner picks, at any time: at every logged step the
 * {15, 50, 85}th percentiles over the batch of the input to every hidden sigmoid unit (3 layers ×
 * 100 units) of every variant are kept, so switching the unit mid-run redraws its whole history
 * rather than starting a new band. 900 numbers per variant and step (3.6 KB): every step is
 * logged up to `DENSE_STEPS`, then every `SPARSE_EVERY`th, so a long run stays within tens of MB.
 * Pure: no TF.js.
 */
import { IOFFE_PERCENTILES, sortedPercentile } from './percentiles';

export const DENSE_STEPS = 2000;
export const SPARSE_EVERY = 10;

/** Whether step `step` is logged (every step early on, then every SPARSE_EVERY-th). */
export function isLoggedStep(step: number): boolean {
	return step <= DENSE_STEPS || step % SPARSE_EVERY === 0;
}

/** One unit's percentile band over the logged steps. */
export interface PercentileBand {
	step: number[];
	p15: number[];
	p50: number[];
	p85: number[];
}

export class PercentileHistory {
	readonly steps: number[] = [];
	readonly #rows = new Map<string, Float32Array[]>();

	/** `layers` hidden layers of `units` units each */
	constructor(
		readonly layers = 3,
		readonly units = 100
	) {}

	/**
	 * Log one step: per variant, per hidden layer, its sigmoid inputs over the batch, [N, units]
	 * row-major. Every variant of the run is logged at the same steps.
	 */
	record(step: number, inputs: Record<string, Float32Array[]>): void {
		this.steps.push(step);
		const size = this.layers * this.units * 3;
		for (const [variant, layers] of Object.entries(inputs)) {
			const row = new Float32Array(size).fill(NaN);
			layers.slice(0, this.layers).forEach((values, layer) => {
				const n = Math.floor(values.length / this.units);
				const column = new Float64Array(n);
				for (let unit = 0; unit < this.units; unit++) {
					for (let i = 0; i < n; i++) column[i] = values[i * this.units + unit];
					// sorted in place once, then read at the three ranks (percentiles() copies per call)
					column.sort();
					const at = (layer * this.units + unit) * 3;
					IOFFE_PERCENTILES.forEach((p, k) => (row[at + k] = sortedPercentile(column, p)));
				}
			});
			const rows = this.#rows.get(variant) ?? [];
			// a variant first seen late is NaN at the steps before it
			while (rows.length < this.steps.length - 1) rows.push(new Float32Array(size).fill(NaN));
			rows.push(row);
			this.#rows.set(variant, rows);
		}
	}

	get variants(): string[] {
		return [...this.#rows.keys()];
	}

	/** Unit `unit` of hidden layer `layer` (0-based) of `variant`, from logged step `from` on. */
	band(variant: string, layer: number, unit: number, from = 0): PercentileBand {
		const rows = this.#rows.get(variant) ?? [];
		const at = (layer * this.units + unit) * 3;
		const band: PercentileBand = { step: [], p15: [], p50: [], p85: [] };
		for (let i = from; i < this.steps.length; i++) {
			const row = rows[i];
			band.step.push(this.steps[i]);
			band.p15.push(row ? row[at] : NaN);
			band.p50.push(row ? row[at + 1] : NaN);
			band.p85.push(row ? row[at + 2] : NaN);
		}
		return band;
	}

	clear(): void {
		this.steps.length = 0;
		this.#rows.clear();
	}
}
