/**
 * Post-hoc logit adjustment (Menon et al., ICLR 2021): a classifier trained on skewed data
 * learns p(y | x) ∝ p(x | y) π_y, with π the training prior; subtracting log π_y from each
 * logit leaves ∝ p(x | y), the balanced classifier — the same as dividing the probabilities by
 * the prior and renormalising. No retraining; within one class the order of the scores is
 * unchanged, so the ROC curve of one class's logit margin is too, only the operating point moves.
 * Pure: no TF.js.
 */

/**
 * Logits minus τ · log prior, row by row.
 * @param logits [N, K] row-major
 * @param prior [K] class frequencies of the training set (positive, any scale: normalised here)
 */
export function adjustLogits(
	logits: Float32Array,
	prior: ArrayLike<number>,
	tau = 1
): Float32Array {
	const k = prior.length;
	let total = 0;
	for (let c = 0; c < k; c++) total += prior[c];
	const shift = Array.from({ length: k }, (_, c) => tau * Math.log(prior[c] / total));
	const out = new Float32Array(logits.length);
	for (let i = 0; i < logits.length; i++) out[i] = logits[i] - shift[i % k];
	return out;
}

/** Softmax of each row of [N, K] scores (the maximum subtracted first: no overflow). */
export function softmaxRows(logits: Float32Array, classes: number): Float32Array {
	const out = new Float32Array(logits.length);
	for (let start = 0; start < logits.length; start += classes) {
		let max = -Infinity;
		for (let c = 0; c < classes; c++) max = Math.max(max, logits[start + c]);
		let sum = 0;
		for (let c = 0; c < classes; c++) sum += out[start + c] = Math.exp(logits[start + c] - max);
		for (let c = 0; c < classes; c++) out[start + c] /= sum;
	}
	return out;
}

/** Column `c` of [N, K] scores. */
export function classColumn(scores: Float32Array, classes: number, c: number): Float32Array {
	const out = new Float32Array(scores.length / classes);
	for (let i = 0; i < out.length; i++) out[i] = scores[i * classes + c];
	return out;
}
