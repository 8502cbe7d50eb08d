/**
 * Making a class rare, and the three ways of training on the result. The shipped training set
 * has ~600 images per class; `rareSubset` keeps about 1/ρ of the rare class's images. Then:
 * - the plain stream (baseline and class weights): every kept image once per pass;
 * - `BalancedSampler` (oversampling): every class equally often, the rare images repeated;
 * - `undersampledSubset` (undersampling): every class cut to the rare class's count, the rest of
 *   the data thrown away.
 * `classWeights` gives the weighted loss its factors. All seeded; pure: no TF.js.
 */

/** Images per class among `indices` (all of `labels` when omitted). */
export function classCounts(
	labels: ArrayLike<number>,
	classes: number,
	indices?: ArrayLike<number>
): number[] {
	const counts = new Array<number>(classes).fill(0);
	const n = indices ? indices.length : labels.length;
	for (let i = 0; i < n; i++) counts[labels[indices ? indices[i] : i]]++;
	return counts;
}

/** Shuffle in place (Fisher–Yates) with `random`. */
function shuffle(values: number[] | Int32Array, random: () => number): void {
	for (let i = values.length - 1; i > 0; i--) {
		const j = Math.floor(random() * (i + 1));
		const t = values[i];
		values[i] = values[j];
		values[j] = t;
	}
}

/** The indices of each class, in data-set order. */
function byClass(
	labels: ArrayLike<number>,
	classes: number,
	indices: ArrayLike<number>
): number[][] {
	const groups: number[][] = Array.from({ length: classes }, () => []);
	for (let i = 0; i < indices.length; i++) groups[labels[indices[i]]].push(indices[i]);
	return groups;
}

/** How many of `count` images of the rare class survive at ratio ρ: round(count / ρ), at least 1. */
export function rareKept(count: number, ratio: number): number {
	return Math.min(count, Math.max(1, Math.round(count / ratio)));
}

/**
 * Indices of the training set with the rare class thinned to 1/ρ (a seeded random choice; the
 * other classes whole), in data-set order.
 */
export function rareSubset(
	labels: ArrayLike<number>,
	classes: number,
	rareClass: number,
	ratio: number,
	random: () => number
): Int32Array {
	const all = Array.from({ length: labels.length }, (_, i) => i);
	const groups = byClass(labels, classes, all);
	const rare = groups[rareClass].slice();
	shuffle(rare, random);
	const kept = new Set(rare.slice(0, rareKept(rare.length, ratio)));
	return Int32Array.from(all.filter((i) => labels[i] !== rareClass || kept.has(i)));
}

/**
 * Every class of `indices` cut to the smallest class's count (a seeded random choice), in
 * data-set order: balanced, at the price of most of the data.
 */
export function undersampledSubset(
	labels: ArrayLike<number>,
	classes: number,
	indices: ArrayLike<number>,
	random: () => number
): Int32Array {
	const groups = byClass(labels, classes, indices).filter((g) => g.length > 0);
	const smallest = Math.min(...groups.map((g) => g.length));
	const kept: number[] = [];
	for (const group of groups) {
		const g = group.slice();
		shuffle(g, random);
		kept.push(...g.slice(0, smallest));
	}
	return Int32Array.from(kept.sort((a, b) => a - b));
}

/**
 * sklearn's "balanced" weights N / (K · n_c) over the K classes present: a rare class's mistakes
 * cost as much in all as a common one's. A class with no image gets weight 0.
 */
export function classWeights(counts: number[]): number[] {
	const total = counts.reduce((a, b) => a + b, 0);
	const present = counts.filter((c) => c > 0).length;
	return counts.map((c) => (c > 0 ? total / (present * c) : 0));
}

/** The training prior π_c = n_c / N. */
export function classPrior(counts: number[]): number[] {
	const total = counts.reduce((a, b) => a + b, 0);
	return counts.map((c) => c / total);
}

/** A stream of batches of example indices. */
export interface IndexSampler {
	next(batchSize: number): Int32Array;
	readonly epoch: number;
}

/**
 * Passes over `indices` in a fresh seeded order each pass; a batch never straddles two passes
 * (as classifierTraining.ts's BatchSampler, over a subset instead of 0…count−1).
 */
export class SubsetSampler implements IndexSampler {
	#order: Int32Array;
	#position = 0;
	epoch = 0;
	constructor(
		private readonly indices: Int32Array,
		private readonly random: () => number
	) {
		if (indices.length === 0) throw new Error('SubsetSampler needs at least one example');
		this.#order = indices.slice();
		shuffle(this.#order, random);
	}
	next(batchSize: number): Int32Array {
		if (this.#position >= this.#order.length) {
			this.#order = this.indices.slice();
			shuffle(this.#order, this.random);
			this.#position = 0;
			this.epoch++;
		}
		const end = Math.min(this.#order.length, this.#position + Math.max(1, Math.floor(batchSize)));
		const batch = this.#order.slice(this.#position, end);
		this.#position = end;
		return batch;
	}
}

/**
 * Oversampling: a pass holds every present class exactly as often as the largest one (a class's
 * images cycled in a fresh shuffled order, so rare images repeat), the pass shuffled.
 */
export class BalancedSampler implements IndexSampler {
	#groups: number[][];
	#cursor: number[];
	#pass: Int32Array = new Int32Array(0);
	#position = 0;
	#passes = 0;
	constructor(
		labels: ArrayLike<number>,
		classes: number,
		indices: ArrayLike<number>,
		private readonly random: () => number
	) {
		this.#groups = byClass(labels, classes, indices).filter((g) => g.length > 0);
		if (this.#groups.length === 0) throw new Error('BalancedSampler needs at least one example');
		for (const g of this.#groups) shuffle(g, random);
		this.#cursor = this.#groups.map(() => 0);
	}
	#newPass(): void {
		const largest = Math.max(...this.#groups.map((g) => g.length));
		const pass: number[] = [];
		this.#groups.forEach((g, k) => {
			for (let j = 0; j < largest; j++) {
				if (this.#cursor[k] === g.length) {
					shuffle(g, this.random);
					this.#cursor[k] = 0;
				}
				pass.push(g[this.#cursor[k]++]);
			}
		});
		shuffle(pass, this.random);
		this.#pass = Int32Array.from(pass);
		this.#position = 0;
		this.#passes++;
	}
	/** passes completed (the first pass is pass 0) */
	get epoch(): number {
		return Math.max(0, this.#passes - 1);
	}
	next(batchSize: number): Int32Array {
		if (this.#position >= this.#pass.length) this.#newPass();
		const end = Math.min(this.#pass.length, this.#position + Math.max(1, Math.floor(batchSize)));
		const batch = this.#pass.slice(this.#position, end);
		this.#position = end;
		return batch;
	}
}
