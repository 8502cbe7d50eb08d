/**
 * The test-set confusion matrix: row = the true class, column = the class the network picked.
 * Predictions are made in chunks (the page runs them after the main picture, yielding between
 * chunks), so the matrix always reflects the weights the page has now, trained or not.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { classifierLogits } from './networkActivations';

/**
 * counts[t · classes + p] = how many images of true class t were predicted as p.
 * @throws RangeError when the arrays differ in length or hold a class outside [0, classes).
 */
export function confusionMatrix(
	labels: ArrayLike<number>,
	predicted: ArrayLike<number>,
	classes: number
): Int32Array {
	if (labels.length !== predicted.length) {
		throw new RangeError(`${labels.length} labels but ${predicted.length} predictions`);
	}
	const counts = new Int32Array(classes * classes);
	for (let i = 0; i < labels.length; i++) {
		const t = labels[i];
		const p = predicted[i];
		if (!(t >= 0 && t < classes && p >= 0 && p < classes)) {
			throw new RangeError(`image ${i}: class ${t} / prediction ${p} outside [0, ${classes})`);
		}
		counts[t * classes + p]++;
	}
	return counts;
}

/** Indices of the images in one cell (true class t, predicted p), in test-set order. */
export function cellImages(
	labels: ArrayLike<number>,
	predicted: ArrayLike<number>,
	t: number,
	p: number
): number[] {
	const out: number[] = [];
	for (let i = 0; i < predicted.length; i++) if (labels[i] === t && predicted[i] === p) out.push(i);
	return out;
}

/** Accuracy: the diagonal over the total (NaN for an empty matrix). */
export function matrixAccuracy(counts: Int32Array, classes: number): number {
	let diagonal = 0;
	let total = 0;
	for (let t = 0; t < classes; t++) {
		for (let p = 0; p < classes; p++) total += counts[t * classes + p];
		diagonal += counts[t * classes + t];
	}
	return total > 0 ? diagonal / total : NaN;
}

/**
 * The predicted class of images [start, start + count) of a flat image array.
 * images: [N, H, W, 1] row-major → Int32Array [count] (argmax of the logits).
 */
export async function predictClasses(
	model: LayersModel,
	images: Float32Array,
	side: number,
	start: number,
	count: number
): Promise<Int32Array> {
	const pixels = side * side;
	const predicted = tf.tidy(() => {
		const batch = tf.tensor4d(images.subarray(start * pixels, (start + count) * pixels), [
			count,
			side,
			side,
			1
		]);
		return tf.argMax(classifierLogits(model, batch), 1);
	});
	const values = await predicted.data();
	predicted.dispose();
	return Int32Array.from(values);
}
