// Gradient descent on quadratics whose behaviour theory gives exactly: on a 2-D quadratic with
// the optimal step both eigen-components shrink by ρ = (κ − 1)/(κ + 1) per step, so the
// step count is the least k with ρᵏ < ε; the run diverges exactly past η = 2/λmax.
import { describe, expect, it } from 'vitest';
import {
	boundSteps,
	gradientDescent,
	optimalStep,
	predictedSteps,
	stepLimit
} from '$lib/engine/normalization/gradientDescent';
import { lossPlane } from '$lib/engine/normalization/lossPlane';
import { jacobiEigen } from '$lib/engine/normalization/jacobiEigen';

/** R diag(λ1, λ2) Rᵀ with R a rotation by `angle`. */
function quadratic2d(l1: number, l2: number, angle: number): Float64Array {
	const c = Math.cos(angle);
	const s = Math.sin(angle);
	return Float64Array.of(
		l1 * c * c + l2 * s * s,
		(l1 - l2) * c * s,
		(l1 - l2) * c * s,
		l1 * s * s + l2 * c * c
	);
}

/** The same minimiser's components along both eigen-directions, so the error is "balanced". */
function balancedMinimiser(angle: number): Float64Array {
	const c = Math.cos(angle);
	const s = Math.sin(angle);
	return Float64Array.of(c - s, s + c);
}

describe('gradient descent on a 2-D quadratic', () => {
	it.each([
		[10, 1, 0],
		[100, 1, 0.3],
		[1000, 2, 1.1]
	])(
		'λ = %d, %d (rotated %d rad): steps = ⌈ln(1/ε)/ln((κ+1)/(κ−1))⌉ at η = 2/(λmax+λmin)',
		(l1, l2, angle) => {
			const kappa = l1 / l2;
			const rho = (kappa - 1) / (kappa + 1);
			// ‖e_k‖ = ρᵏ‖w*‖ exactly: first k with ρᵏ < 1e-3
			let expected = 0;
			while (rho ** expected >= 1e-3) expected++;
			const run = gradientDescent(quadratic2d(l1, l2, angle), balancedMinimiser(angle), {
				learningRate: 2 / (l1 + l2)
			});
			expect(run.converged).toBe(true);
			expect(run.diverged).toBe(false);
			expect(run.steps).toBe(expected);
			expect(boundSteps(kappa)).toBe(expected);
			// and the rule of thumb (κ/2)·ln(1/ε) is within a step of it
			expect(Math.abs(predictedSteps(kappa) - expected)).toBeLessThan(1.5);
		}
	);

	it('diverges exactly past 2/λmax: η = 1.99/λmax converges, 2.01/λmax diverges', () => {
		const h = quadratic2d(4, 3, 0.7);
		const w = balancedMinimiser(0.7);
		const below = gradientDescent(h, w, { learningRate: 1.99 / 4 });
		const above = gradientDescent(h, w, { learningRate: 2.01 / 4 });
		expect(below.converged).toBe(true);
		expect(below.diverged).toBe(false);
		expect(above.converged).toBe(false);
		expect(above.diverged).toBe(true);
		expect(above.steps).toBeLessThan(20_000);
		expect(stepLimit(4)).toBe(0.5);
	});

	it('the loss is ½(w − w*)ᵀH(w − w*): ½·w*ᵀHw* at the start, shrinking to ~0', () => {
		const h = quadratic2d(3, 1, 0.2);
		const w = Float64Array.of(2, -1);
		const run = gradientDescent(h, w, { learningRate: optimalStep(3, 1) });
		const start = 0.5 * (w[0] * (h[0] * w[0] + h[1] * w[1]) + w[1] * (h[2] * w[0] + h[3] * w[1]));
		expect(run.losses[0]).toBeCloseTo(start, 12);
		expect(run.losses[run.steps]).toBeLessThan(1e-6 * start);
		expect(run.losses.length).toBe(run.steps + 1);
		expect(run.path.length).toBe((run.steps + 1) * 2);
	});

	it('streams progress every k steps and at the last, with copies of the weights', () => {
		const seen: number[] = [];
		const weights: Float64Array[] = [];
		const run = gradientDescent(quadratic2d(50, 1, 0), Float64Array.of(1, 1), {
			learningRate: optimalStep(50, 1),
			every: 25,
			onProgress: (p) => {
				seen.push(p.step);
				weights.push(p.weights);
			}
		});
		expect(seen.slice(0, 3)).toEqual([0, 25, 50]);
		expect(seen.at(-1)).toBe(run.steps);
		expect(new Set(weights).size).toBe(weights.length);
		expect(Array.from(weights.at(-1)!)).toEqual(Array.from(run.weights));
	});

	it('stops at the cap when the tolerance is out of reach', () => {
		const run = gradientDescent(quadratic2d(1e6, 1, 0), Float64Array.of(1, 1), {
			learningRate: optimalStep(1e6, 1),
			maxSteps: 500
		});
		expect(run.steps).toBe(500);
		expect(run.converged).toBe(false);
		expect(run.diverged).toBe(false);
	});
});

describe('lossPlane', () => {
	it('projects the path on v_max, v_min and grids ½(λmax u² + λmin v²)', () => {
		const angle = 0.4;
		const h = quadratic2d(9, 1, angle);
		const w = balancedMinimiser(angle);
		const run = gradientDescent(h, w, { learningRate: optimalStep(9, 1) });
		const plane = lossPlane(jacobiEigen(h, 2), w, run.path, { width: 5, height: 3, margin: 1 });
		// v_max = (cos, sin), v_min = (−sin, cos) up to sign; w − w* at the start is −w*
		const c = Math.cos(angle);
		const s = Math.sin(angle);
		const u0 = -(w[0] * c + w[1] * s);
		const v0 = -(-w[0] * s + w[1] * c);
		expect(Math.abs(plane.path[0])).toBeCloseTo(Math.abs(u0), 12);
		expect(Math.abs(plane.path[1])).toBeCloseTo(Math.abs(v0), 12);
		// the optimal step flips the sign of the u component every step: the zig-zag
		expect(Math.sign(plane.path[2])).toBe(-Math.sign(plane.path[0]));
		expect(plane.uExtent[1]).toBeCloseTo(Math.abs(u0), 12);
		const [u, v] = [plane.uExtent[0], plane.vExtent[1]];
		expect(plane.values[2 * 5 + 0]).toBeCloseTo(0.5 * (9 * u * u + v * v), 12);
		expect(plane.values[1 * 5 + 2]).toBe(0);
		expect(plane.values.length).toBe(15);
	});
});
