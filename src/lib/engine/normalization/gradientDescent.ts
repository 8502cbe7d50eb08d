/**
 * Plain gradient descent on a quadratic loss L(w) = ½ (w − w*)ᵀ H (w − w*), exact for the
 * least-squares fit of a linear filter: with L = ½·mean squared error over the patches, the
 * Hessian H is the second-moment matrix PᵀP/N and the gradient is H w − Pᵀy/N = H (w − w*).
 * Each step is one d×d product (81 multiply-adds for a 3×3 filter), not N·9.
 * Theory, in the eigenbasis of H: the error along eigenvalue λ shrinks by |1 − ηλ| a step, so
 *   - the run diverges exactly when η > 2/λmax (|1 − ηλmax| > 1);
 *   - the best fixed step is η = 2/(λmax + λmin), contracting every direction by at most
 *     ρ = (κ − 1)/(κ + 1), κ = λmax/λmin;
 *   - reaching ‖w − w*‖ < ε‖w*‖ from w = 0 then takes ln(1/ε)/ln(1/ρ) ≈ (κ/2)·ln(1/ε) steps.
 */

export interface DescentOptions {
	/** η */
	learningRate: number;
	/** stop after this many steps (20,000 in the lab) */
	maxSteps?: number;
	/** stop once ‖w − w*‖ < tolerance·‖w*‖ */
	tolerance?: number;
	/** call onProgress every `every` steps (and at the last) */
	every?: number;
	onProgress?: (progress: DescentProgress) => void;
	/** [d] starting weights; zero by default */
	start?: ArrayLike<number>;
}

export interface DescentProgress {
	step: number;
	loss: number;
	/** [d] a copy of the current weights */
	weights: Float64Array;
}

export interface DescentResult {
	/** steps taken */
	steps: number;
	converged: boolean;
	/** the error grew past DIVERGENCE_FACTOR times its start (or overflowed) */
	diverged: boolean;
	/** [d] final weights */
	weights: Float64Array;
	/** [steps + 1] the loss before each step and after the last */
	losses: Float64Array;
	/** [steps + 1, d] the weights before each step and after the last (rows) */
	path: Float64Array;
}

export const MAX_STEPS = 20_000;
export const TOLERANCE = 1e-3;
/**
 * Below 2/λmax no step increases ‖w − w*‖ (every |1 − ηλ| ≤ 1), so growing tenfold can only
 * mean η > 2/λmax.
 */
export const DIVERGENCE_FACTOR = 10;

/** The fastest fixed step for eigenvalues λmax ≥ λmin > 0: 2/(λmax + λmin). */
export function optimalStep(lambdaMax: number, lambdaMin: number): number {
	return 2 / (lambdaMax + lambdaMin);
}

/** The largest step that does not diverge: 2/λmax. */
export function stepLimit(lambdaMax: number): number {
	return 2 / lambdaMax;
}

/** The rule of thumb the lab marks on the loss curve: (κ/2)·ln(1/ε) steps. */
export function predictedSteps(kappa: number, tolerance = TOLERANCE): number {
	return (kappa / 2) * Math.log(1 / tolerance);
}

/**
 * The worst-case count at the optimal step: the least k with ρᵏ < ε, ρ = (κ − 1)/(κ + 1)
 * (exact when the starting error has equal parts along λmax and λmin, e.g. a 2-D quadratic).
 */
export function boundSteps(kappa: number, tolerance = TOLERANCE): number {
	if (kappa <= 1) return 1;
	return Math.ceil(Math.log(1 / tolerance) / Math.log((kappa + 1) / (kappa - 1)));
}

/** ½ eᵀ H e */
function halfQuadratic(h: Float64Array, e: Float64Array, d: number): number {
	let s = 0;
	for (let i = 0; i < d; i++) {
		let r = 0;
		for (let j = 0; j < d; j++) r += h[i * d + j] * e[j];
		s += e[i] * r;
	}
	return s / 2;
}

function norm(v: ArrayLike<number>): number {
	let s = 0;
	for (let i = 0; i < v.length; i++) s += v[i] * v[i];
	return Math.sqrt(s);
}

/**
 * Run gradient descent w ← w − η H (w − w*) from `start` (zero by default).
 * @param hessian [d, d] row-major, symmetric positive semi-definite
 * @param minimiser [d] w*
 */
export function gradientDescent(
	hessian: Float64Array,
	minimiser: ArrayLike<number>,
	options: DescentOptions
): DescentResult {
	const d = minimiser.length;
	const {
		learningRate: eta,
		maxSteps = MAX_STEPS,
		tolerance = TOLERANCE,
		every = 0,
		onProgress
	} = options;
	if (hessian.length !== d * d) throw new Error(`descent: Hessian is not ${d}×${d}`);
	if (!(eta > 0)) throw new Error(`descent: learning rate ${eta} must be > 0`);
	const target = norm(minimiser) * tolerance;
	// e = w − w*: the whole run in error coordinates, weights = w* + e
	const e = new Float64Array(d);
	for (let i = 0; i < d; i++) e[i] = (options.start?.[i] ?? 0) - minimiser[i];
	const blowUp = DIVERGENCE_FACTOR * Math.max(norm(e), target);
	const losses = new Float64Array(maxSteps + 1);
	const path = new Float64Array((maxSteps + 1) * d);
	const he = new Float64Array(d);
	const weights = () => Float64Array.from(e, (v, i) => v + minimiser[i]);
	let step = 0;
	let converged = false;
	let diverged = false;
	for (;;) {
		losses[step] = halfQuadratic(hessian, e, d);
		for (let i = 0; i < d; i++) path[step * d + i] = e[i] + minimiser[i];
		const distance = norm(e);
		converged = distance < target;
		diverged = !(distance <= blowUp);
		const last = converged || diverged || step === maxSteps;
		if (onProgress && ((every > 0 && step % every === 0) || last))
			onProgress({ step, loss: losses[step], weights: weights() });
		if (last) break;
		for (let i = 0; i < d; i++) {
			let r = 0;
			for (let j = 0; j < d; j++) r += hessian[i * d + j] * e[j];
			he[i] = r;
		}
		for (let i = 0; i < d; i++) e[i] -= eta * he[i];
		step++;
	}
	return {
		steps: step,
		converged,
		diverged,
		weights: weights(),
		losses: losses.slice(0, step + 1),
		path: path.slice(0, (step + 1) * d)
	};
}
