/**
 * How good a mask is against a reference: intersection over union (region overlap) and the
 * boundary F-score (Martin et al. 2004; the DAVIS benchmark's F), which looks only at the
 * outline and so shows what skip connections buy: sharp, well-placed edges.
 */

/** IoU of the pixels where pred = cls and ref = cls: |P ∩ R| / |P ∪ R| (1 when both are empty). */
export function intersectionOverUnion(pred: Uint8Array, ref: Uint8Array, cls = 1): number {
	if (pred.length !== ref.length) throw new RangeError('masks differ in size');
	let inter = 0;
	let union = 0;
	for (let i = 0; i < pred.length; i++) {
		const p = pred[i] === cls;
		const r = ref[i] === cls;
		if (p && r) inter++;
		if (p || r) union++;
	}
	return union === 0 ? 1 : inter / union;
}

/** Boundary pixels of a class region: in the class, with a 4-neighbour outside it (image edges don't count). */
export function boundaryPixels(
	mask: Uint8Array,
	height: number,
	width: number,
	cls = 1
): Uint8Array {
	const edge = new Uint8Array(height * width);
	for (let y = 0; y < height; y++) {
		for (let x = 0; x < width; x++) {
			const i = y * width + x;
			if (mask[i] !== cls) continue;
			if (
				(y > 0 && mask[i - width] !== cls) ||
				(y < height - 1 && mask[i + width] !== cls) ||
				(x > 0 && mask[i - 1] !== cls) ||
				(x < width - 1 && mask[i + 1] !== cls)
			)
				edge[i] = 1;
		}
	}
	return edge;
}

/** For each pixel: is a set pixel of `edge` within Chebyshev distance `tolerance`? */
function dilate(edge: Uint8Array, height: number, width: number, tolerance: number): Uint8Array {
	// Separable: a (2t+1)-wide max along rows, then along columns.
	const rows = new Uint8Array(edge.length);
	for (let y = 0; y < height; y++)
		for (let x = 0; x < width; x++) {
			if (!edge[y * width + x]) continue;
			for (let dx = Math.max(0, x - tolerance); dx <= Math.min(width - 1, x + tolerance); dx++)
				rows[y * width + dx] = 1;
		}
	const out = new Uint8Array(edge.length);
	for (let y = 0; y < height; y++)
		for (let x = 0; x < width; x++) {
			if (!rows[y * width + x]) continue;
			for (let dy = Math.max(0, y - tolerance); dy <= Math.min(height - 1, y + tolerance); dy++)
				out[dy * width + x] = 1;
		}
	return out;
}

export interface BoundaryScore {
	precision: number;
	recall: number;
	f: number;
}

/**
 * Boundary F-score: precision = share of the predicted outline within `tolerance` px of the true
 * outline, recall = the converse, F = 2PR / (P + R). Both outlines empty → 1.
 */
export function boundaryFScore(
	pred: Uint8Array,
	ref: Uint8Array,
	height: number,
	width: number,
	tolerance = 2,
	cls = 1
): BoundaryScore {
	const pe = boundaryPixels(pred, height, width, cls);
	const re = boundaryPixels(ref, height, width, cls);
	const near = (edge: Uint8Array, other: Uint8Array): [number, number] => {
		const grown = dilate(other, height, width, tolerance);
		let hit = 0;
		let total = 0;
		for (let i = 0; i < edge.length; i++) {
			if (!edge[i]) continue;
			total++;
			if (grown[i]) hit++;
		}
		return [hit, total];
	};
	const [ph, pt] = near(pe, re);
	const [rh, rt] = near(re, pe);
	if (pt === 0 && rt === 0) return { precision: 1, recall: 1, f: 1 };
	const precision = pt === 0 ? 0 : ph / pt;
	const recall = rt === 0 ? 0 : rh / rt;
	const f = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
	return { precision, recall, f };
}

/** Probabilities [H, W, K] → the most likely class per pixel [H, W]. */
export function argmaxClasses(probabilities: Float32Array, classes: number): Uint8Array {
	const n = probabilities.length / classes;
	const out = new Uint8Array(n);
	for (let i = 0; i < n; i++) {
		let best = 0;
		for (let k = 1; k < classes; k++)
			if (probabilities[i * classes + k] > probabilities[i * classes + best]) best = k;
		out[i] = best;
	}
	return out;
}
