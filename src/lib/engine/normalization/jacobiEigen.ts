/**
 * Cyclic Jacobi eigen-decomposition of a small symmetric matrix (Golub & Van Loan §8.5): each
 * plane rotation zeroes one off-diagonal pair; sweeps repeat until the off-diagonal mass is
 * below rounding. Slow in n (≈ 4n³ per sweep) but simple and accurate to the last digits on
 * the 9×9 patch second-moment matrices, where it takes well under a millisecond.
 */
import { checkSquare, sortedEigen, type SymmetricEigen } from './eigenTypes';

const MAX_SWEEPS = 60;

/**
 * @param matrix [n, n] row-major, symmetric (only the upper triangle is read)
 * @returns eigenvalues largest first and unit eigenvectors as rows
 */
export function jacobiEigen(matrix: ArrayLike<number>, n: number): SymmetricEigen {
	checkSquare(matrix, n);
	const a = new Float64Array(n * n);
	for (let i = 0; i < n; i++)
		for (let j = i; j < n; j++) a[i * n + j] = a[j * n + i] = matrix[i * n + j];
	// v's columns become the eigenvectors.
	const v = new Float64Array(n * n);
	for (let i = 0; i < n; i++) v[i * n + i] = 1;
	let scale = 0;
	for (let i = 0; i < n * n; i++) scale += a[i] * a[i];
	for (let sweep = 0; sweep < MAX_SWEEPS; sweep++) {
		let off = 0;
		for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += a[p * n + q] ** 2;
		// Relative to the whole matrix: an exactly zero matrix is already diagonal.
		if (off <= 1e-34 * scale || off === 0) break;
		for (let p = 0; p < n - 1; p++)
			for (let q = p + 1; q < n; q++) {
				const apq = a[p * n + q];
				if (apq === 0) continue;
				// tan of the rotation angle, the smaller root, for stability
				const theta = (a[q * n + q] - a[p * n + p]) / (2 * apq);
				const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
				const c = 1 / Math.sqrt(t * t + 1);
				const s = t * c;
				for (let k = 0; k < n; k++) {
					const akp = a[k * n + p];
					const akq = a[k * n + q];
					a[k * n + p] = c * akp - s * akq;
					a[k * n + q] = s * akp + c * akq;
				}
				for (let k = 0; k < n; k++) {
					const apk = a[p * n + k];
					const aqk = a[q * n + k];
					a[p * n + k] = c * apk - s * aqk;
					a[q * n + k] = s * apk + c * aqk;
				}
				for (let k = 0; k < n; k++) {
					const vkp = v[k * n + p];
					const vkq = v[k * n + q];
					v[k * n + p] = c * vkp - s * vkq;
					v[k * n + q] = s * vkp + c * vkq;
				}
			}
	}
	const values = new Float64Array(n);
	for (let i = 0; i < n; i++) values[i] = a[i * n + i];
	return sortedEigen(n, values, (i, k) => v[k * n + i]);
}
