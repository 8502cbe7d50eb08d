/**
 * A k×k kernel as a short sum of separable (rank-1) terms, from its singular value
 * decomposition: K = Σ σₜ uₜ vₜᵀ. Each term is one vertical and one horizontal 1-D pass,
 * 2k multiplies per pixel instead of k², so blurs and edge detectors (rank 1) get much cheaper.
 */

/** One rank-1 term: K[i][j] += vertical[i] · horizontal[j]. */
export interface SeparableTerm {
	/** length k, indexed by kernel row; carries the singular value */
	vertical: Float32Array;
	/** length k, indexed by kernel column; unit length */
	horizontal: Float32Array;
}

const MAX_SWEEPS = 60;

/**
 * Rank-1 terms of a k×k kernel, largest first, whose outer products sum to the kernel.
 * One-sided Jacobi SVD (Hestenes) in double precision: rotating column pairs of A until they are
 * orthogonal gives A·V = U·Σ, so A = Σ (A·V)[:, t] · V[:, t]ᵀ, with the singular value already
 * inside the vertical factor. Exact to rounding for k ≤ 11 in a few sweeps.
 * Terms whose singular value is below tolerance · σmax are dropped (a float32 gaussian is rank 1
 * only up to such rounding); an all-zero kernel has no terms.
 * @param kernel [k, k] row-major
 * @throws RangeError if kernel.length is not k².
 */
export function separableTerms(kernel: Float32Array, k: number, tolerance = 1e-6): SeparableTerm[] {
	if (!Number.isInteger(k) || k < 1 || kernel.length !== k * k) {
		throw new RangeError(`kernel must have ${k}×${k} weights, got ${kernel.length}`);
	}
	// a: the working copy of A (becomes A·V), v: the accumulated rotations; both column-major.
	const a = new Float64Array(k * k);
	const v = new Float64Array(k * k);
	for (let col = 0; col < k; col++) {
		v[col * k + col] = 1;
		for (let row = 0; row < k; row++) a[col * k + row] = kernel[row * k + col];
	}
	for (let sweep = 0; sweep < MAX_SWEEPS; sweep++) {
		let rotated = false;
		for (let p = 0; p < k - 1; p++) {
			for (let q = p + 1; q < k; q++) {
				if (rotatePair(a, v, k, p, q)) rotated = true;
			}
		}
		if (!rotated) break;
	}
	const norms = Array.from({ length: k }, (_, col) =>
		Math.hypot(...a.subarray(col * k, col * k + k))
	);
	const largest = Math.max(...norms);
	if (largest === 0) return [];
	return norms
		.map((norm, col) => ({ norm, col }))
		.filter(({ norm }) => norm >= tolerance * largest)
		.sort((x, y) => y.norm - x.norm)
		.map(({ col }) => ({
			vertical: Float32Array.from(a.subarray(col * k, col * k + k)),
			horizontal: Float32Array.from(v.subarray(col * k, col * k + k))
		}));
}

/** Rotates columns p and q of a (and of v) to make them orthogonal; false if they already are. */
function rotatePair(a: Float64Array, v: Float64Array, k: number, p: number, q: number): boolean {
	let alpha = 0;
	let beta = 0;
	let gamma = 0;
	for (let i = 0; i < k; i++) {
		const ap = a[p * k + i];
		const aq = a[q * k + i];
		alpha += ap * ap;
		beta += aq * aq;
		gamma += ap * aq;
	}
	if (gamma === 0 || Math.abs(gamma) <= 1e-15 * Math.sqrt(alpha * beta)) return false;
	const zeta = (beta - alpha) / (2 * gamma);
	const t = (zeta >= 0 ? 1 : -1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
	const c = 1 / Math.sqrt(1 + t * t);
	const s = c * t;
	for (const m of [a, v]) {
		for (let i = 0; i < k; i++) {
			const mp = m[p * k + i];
			const mq = m[q * k + i];
			m[p * k + i] = c * mp - s * mq;
			m[q * k + i] = s * mp + c * mq;
		}
	}
	return true;
}
