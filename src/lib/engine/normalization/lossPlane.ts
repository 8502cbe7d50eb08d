/**
 * The loss surface seen in the plane of the Hessian's largest and smallest eigen-directions
 * through the minimiser: coordinates (u, v) of w − w* along v_max and v_min, where the loss
 * ½(w − w*)ᵀH(w − w*) restricted to the plane is ½(λmax u² + λmin v²) — ellipses whose axes
 * differ by √κ. A descent path projected there zig-zags across the narrow axis when κ is large.
 */
import type { SymmetricEigen } from './eigenTypes';

export interface LossPlane {
	/** [d] the unit eigenvectors spanning the plane: largest (u axis) and smallest (v axis) */
	uAxis: Float64Array;
	vAxis: Float64Array;
	lambdaU: number;
	lambdaV: number;
	/** [points, 2] (u, v) of each path point's w − w* */
	path: Float64Array;
	/** u and v ranges of the grid: the path's extent, symmetric about the minimiser */
	uExtent: [number, number];
	vExtent: [number, number];
	/** grid size; values[y·width + x] at u = uExtent interpolated by x/(width − 1), v likewise by y */
	width: number;
	height: number;
	/** [height, width] row-major loss values, for a contour renderer (d3-contour's layout) */
	values: Float64Array;
}

/**
 * @param eigen of the Hessian, eigenvalues largest first
 * @param minimiser [d] w*
 * @param path [points, d] weights along the run (DescentResult.path)
 */
export function lossPlane(
	eigen: SymmetricEigen,
	minimiser: ArrayLike<number>,
	path: ArrayLike<number>,
	grid: { width?: number; height?: number; margin?: number } = {}
): LossPlane {
	const { n, values, vectors } = eigen;
	const { width = 64, height = 64, margin = 1.1 } = grid;
	const uAxis = vectors.slice(0, n);
	const vAxis = vectors.slice((n - 1) * n, n * n);
	const points = Math.floor(path.length / n);
	const projected = new Float64Array(points * 2);
	let uMax = 0;
	let vMax = 0;
	for (let p = 0; p < points; p++) {
		let u = 0;
		let v = 0;
		for (let i = 0; i < n; i++) {
			const e = path[p * n + i] - minimiser[i];
			u += e * uAxis[i];
			v += e * vAxis[i];
		}
		projected[p * 2] = u;
		projected[p * 2 + 1] = v;
		uMax = Math.max(uMax, Math.abs(u));
		vMax = Math.max(vMax, Math.abs(v));
	}
	// A path that never left w* still gets a visible bowl.
	const uHalf = (uMax || 1) * margin;
	const vHalf = (vMax || 1) * margin;
	const lambdaU = values[0];
	const lambdaV = values[n - 1];
	const grid2 = new Float64Array(width * height);
	for (let y = 0; y < height; y++) {
		const v = -vHalf + (2 * vHalf * y) / Math.max(height - 1, 1);
		for (let x = 0; x < width; x++) {
			const u = -uHalf + (2 * uHalf * x) / Math.max(width - 1, 1);
			grid2[y * width + x] = 0.5 * (lambdaU * u * u + lambdaV * v * v);
		}
	}
	return {
		uAxis,
		vAxis,
		lambdaU,
		lambdaV,
		path: projected,
		uExtent: [-uHalf, uHalf],
		vExtent: [-vHalf, vHalf],
		width,
		height,
		values: grid2
	};
}
