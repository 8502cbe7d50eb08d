import * as tf from '@tensorflow/tfjs-core';

/*
 * Pearson correlation r = Σ(a − ā)(b − b̄) / √(Σ(a − ā)² · Σ(b − b̄)²), over every value of the two
 * representations (all positions and channels flattened). It ignores the overall scale and
 * offset, so maps of different kernels and layers are compared on one 0…1 scale of "same
 * pattern".
 *
 * r is undefined when either side is constant (zero variance). The labs need a number there
 * (a blank upload, a global max-pool of one channel), so: two constants are the same
 * representation (1) if they are equal and unrelated (0) otherwise, and a constant against
 * anything that varies is 0. "Constant" means max − min ≤ 1e-6 · max |value|, a test that does
 * not depend on float32 round-off in a mean.
 */
const CONSTANT_TOLERANCE = 1e-6;

/** Pearson correlation of two equally long arrays, in float64. */
export function pearson(a: ArrayLike<number>, b: ArrayLike<number>): number {
	if (a.length !== b.length) {
		throw new RangeError(`arrays differ in length: ${a.length} and ${b.length}`);
	}
	const n = a.length;
	if (n === 0) throw new RangeError('correlation of empty arrays');
	let meanA = 0;
	let meanB = 0;
	for (let i = 0; i < n; i++) {
		meanA += a[i];
		meanB += b[i];
	}
	meanA /= n;
	meanB /= n;
	let cross = 0;
	let ssA = 0;
	let ssB = 0;
	for (let i = 0; i < n; i++) {
		const da = a[i] - meanA;
		const db = b[i] - meanB;
		cross += da * db;
		ssA += da * da;
		ssB += db * db;
	}
	const constA = isConstant(a);
	const constB = isConstant(b);
	if (constA || constB) {
		if (!(constA && constB)) return 0;
		const scale = Math.max(Math.abs(meanA), Math.abs(meanB));
		return Math.abs(meanA - meanB) <= CONSTANT_TOLERANCE * scale ? 1 : 0;
	}
	return cross / Math.sqrt(ssA * ssB);
}

function isConstant(values: ArrayLike<number>): boolean {
	let min = Infinity;
	let max = -Infinity;
	for (let i = 0; i < values.length; i++) {
		if (values[i] < min) min = values[i];
		if (values[i] > max) max = values[i];
	}
	return max - min <= CONSTANT_TOLERANCE * Math.max(Math.abs(min), Math.abs(max));
}

/**
 * Pearson correlation of each item of a batch with one reference, on the backend (only B
 * numbers come back). Same rules as `pearson`; float32 sums, so expect ~1e-5 of round-off.
 * A TF.js op: call it inside `tf.tidy`.
 * @param batch [B, ...shape]
 * @param reference [...shape] (or [1, ...shape])
 * @returns [B]
 */
export function pearsonTensor(batch: tf.Tensor, reference: tf.Tensor): tf.Tensor1D {
	const items = batch.shape[0];
	const size = batch.size / Math.max(1, items);
	if (reference.size !== size || size === 0) {
		throw new RangeError(
			`reference has ${reference.size} values, each batch item ${size}: they must match`
		);
	}
	const a = tf.reshape(batch, [items, size]) as tf.Tensor2D;
	const b = tf.reshape(reference, [1, size]) as tf.Tensor2D;
	const meanA = tf.mean(a, 1, true);
	const meanB = tf.mean(b, 1, true);
	const da = tf.sub(a, meanA);
	const db = tf.sub(b, meanB);
	const cross = tf.sum(tf.mul(da, db), 1);
	const ssA = tf.sum(tf.square(da), 1);
	const ssB = tf.sum(tf.square(db), 1);
	const r = tf.div(cross, tf.sqrt(tf.mul(ssA, ssB)));
	const constant = (x: tf.Tensor2D) => {
		const lo = tf.min(x, 1);
		const hi = tf.max(x, 1);
		const scale = tf.maximum(tf.abs(lo), tf.abs(hi));
		return tf.lessEqual(tf.sub(hi, lo), tf.mul(scale, CONSTANT_TOLERANCE));
	};
	const constA = constant(a);
	const constB = tf.broadcastTo(constant(b), [items]);
	const ma = tf.reshape(meanA, [items]);
	const mb = tf.broadcastTo(tf.reshape(meanB, [1]), [items]);
	const equalConstants = tf.lessEqual(
		tf.abs(tf.sub(ma, mb)),
		tf.mul(tf.maximum(tf.abs(ma), tf.abs(mb)), CONSTANT_TOLERANCE)
	);
	const zeros = tf.zeros([items]);
	const ones = tf.ones([items]);
	const bothConstant = tf.logicalAnd(constA, constB);
	const eitherConstant = tf.logicalOr(constA, constB);
	const forConstants = tf.where(
		bothConstant,
		tf.where(equalConstants, ones, zeros),
		zeros
	) as tf.Tensor1D;
	return tf.where(eitherConstant, forConstants, r) as tf.Tensor1D;
}
