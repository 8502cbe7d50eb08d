/**
 * Eigen-decomposition of a larger symmetric matrix (784×784 for Fashion-MNIST's pixel
 * covariance): Householder reduction to tridiagonal form, then the implicit QL algorithm —
 * EISPACK's tred2 and tql2 as written in JAMA (public domain). About 10n³ flops against
 * Jacobi's ≈ 4n³ per sweep times ~10 sweeps. The eigenvector matrix is stored column-major
 * (column j contiguous) so the inner loops of both phases run over contiguous memory.
 */
import { checkSquare, sortedEigen, type SymmetricEigen } from './eigenTypes';

/**
 * @param matrix [n, n] row-major, symmetric (only the lower triangle is read)
 * @returns eigenvalues largest first and unit eigenvectors as rows
 */
export function tridiagonalEigen(matrix: ArrayLike<number>, n: number): SymmetricEigen {
	checkSquare(matrix, n);
	// col[j * n + k] holds JAMA's V[k][j]; the input is symmetric, so a plain copy of the lower
	// triangle, mirrored, is the same matrix in either order.
	const col = new Float64Array(n * n);
	for (let i = 0; i < n; i++)
		for (let j = 0; j <= i; j++) col[j * n + i] = col[i * n + j] = matrix[i * n + j];
	const d = new Float64Array(n);
	const e = new Float64Array(n);
	householder(col, d, e, n);
	implicitQl(col, d, e, n);
	return sortedEigen(n, d, (i, k) => col[i * n + k]);
}

/**
 * A row whose off-diagonal part sums to at most NEGLIGIBLE × the matrix's largest entry is taken
 * as already reduced (tred2 itself only skips an exact 0). On a low-rank matrix (a covariance of
 * a few distinct images) the rows left after the first reflections hold round-off that each
 * reflection squares, down to subnormal numbers, whose arithmetic is ~100× slower on x86: a
 * rank-1 784×784 covariance took 12 s instead of 1.7. 2⁻⁶⁰⁰ (~1e-181) changes no float64 result
 * that matters and stops the descent long before the subnormal range (below ~1e-308).
 */
const NEGLIGIBLE = 2 ** -600;

function largestAbs(values: Float64Array): number {
	let most = 0;
	for (let i = 0; i < values.length; i++) most = Math.max(most, Math.abs(values[i]));
	return most;
}

/** tred2: V ← the orthogonal Q with QᵀAQ tridiagonal; d its diagonal, e its sub-diagonal. */
function householder(col: Float64Array, d: Float64Array, e: Float64Array, n: number): void {
	for (let j = 0; j < n; j++) d[j] = col[j * n + n - 1];
	const negligible = NEGLIGIBLE * largestAbs(col);
	for (let i = n - 1; i > 0; i--) {
		let scale = 0;
		let h = 0;
		for (let k = 0; k < i; k++) scale += Math.abs(d[k]);
		if (scale <= negligible) {
			e[i] = d[i - 1];
			for (let j = 0; j < i; j++) {
				d[j] = col[j * n + i - 1];
				col[j * n + i] = 0;
				col[i * n + j] = 0;
			}
		} else {
			for (let k = 0; k < i; k++) {
				d[k] /= scale;
				h += d[k] * d[k];
			}
			let f = d[i - 1];
			let g = Math.sqrt(h);
			if (f > 0) g = -g;
			e[i] = scale * g;
			h -= f * g;
			d[i - 1] = f - g;
			for (let j = 0; j < i; j++) e[j] = 0;
			for (let j = 0; j < i; j++) {
				f = d[j];
				col[i * n + j] = f;
				const cj = j * n;
				g = e[j] + col[cj + j] * f;
				for (let k = j + 1; k <= i - 1; k++) {
					g += col[cj + k] * d[k];
					e[k] += col[cj + k] * f;
				}
				e[j] = g;
			}
			f = 0;
			for (let j = 0; j < i; j++) {
				e[j] /= h;
				f += e[j] * d[j];
			}
			const hh = f / (h + h);
			for (let j = 0; j < i; j++) e[j] -= hh * d[j];
			for (let j = 0; j < i; j++) {
				f = d[j];
				g = e[j];
				const cj = j * n;
				for (let k = j; k <= i - 1; k++) col[cj + k] -= f * e[k] + g * d[k];
				d[j] = col[cj + i - 1];
				col[cj + i] = 0;
			}
		}
		d[i] = h;
	}
	// Accumulate the transformations.
	for (let i = 0; i < n - 1; i++) {
		col[i * n + n - 1] = col[i * n + i];
		col[i * n + i] = 1;
		const h = d[i + 1];
		const next = (i + 1) * n;
		if (h !== 0) {
			for (let k = 0; k <= i; k++) d[k] = col[next + k] / h;
			for (let j = 0; j <= i; j++) {
				const cj = j * n;
				let g = 0;
				for (let k = 0; k <= i; k++) g += col[next + k] * col[cj + k];
				for (let k = 0; k <= i; k++) col[cj + k] -= g * d[k];
			}
		}
		for (let k = 0; k <= i; k++) col[next + k] = 0;
	}
	for (let j = 0; j < n; j++) {
		d[j] = col[j * n + n - 1];
		col[j * n + n - 1] = 0;
	}
	col[(n - 1) * n + n - 1] = 1;
	e[0] = 0;
}

function hypot(a: number, b: number): number {
	const x = Math.abs(a);
	const y = Math.abs(b);
	if (x > y) return x * Math.sqrt(1 + (y / x) ** 2);
	return y === 0 ? 0 : y * Math.sqrt(1 + (x / y) ** 2);
}

/** tql2: diagonalize the tridiagonal (d, e), rotating V's columns along. */
function implicitQl(col: Float64Array, d: Float64Array, e: Float64Array, n: number): void {
	for (let i = 1; i < n; i++) e[i - 1] = e[i];
	e[n - 1] = 0;
	let f = 0;
	let tst1 = 0;
	const eps = 2 ** -52;
	for (let l = 0; l < n; l++) {
		tst1 = Math.max(tst1, Math.abs(d[l]) + Math.abs(e[l]));
		let m = l;
		while (m < n - 1 && Math.abs(e[m]) > eps * tst1) m++;
		if (m > l) {
			do {
				let g = d[l];
				let p = (d[l + 1] - g) / (2 * e[l]);
				let r = hypot(p, 1);
				if (p < 0) r = -r;
				d[l] = e[l] / (p + r);
				d[l + 1] = e[l] * (p + r);
				const dl1 = d[l + 1];
				let h = g - d[l];
				for (let i = l + 2; i < n; i++) d[i] -= h;
				f += h;
				p = d[m];
				let c = 1;
				let c2 = c;
				let c3 = c;
				const el1 = e[l + 1];
				let s = 0;
				let s2 = 0;
				for (let i = m - 1; i >= l; i--) {
					c3 = c2;
					c2 = c;
					s2 = s;
					g = c * e[i];
					h = c * p;
					r = hypot(p, e[i]);
					e[i + 1] = s * r;
					s = e[i] / r;
					c = p / r;
					p = c * d[i] - s * g;
					d[i + 1] = h + s * (c * g + s * d[i]);
					const ci = i * n;
					const cn = ci + n;
					for (let k = 0; k < n; k++) {
						h = col[cn + k];
						col[cn + k] = s * col[ci + k] + c * h;
						col[ci + k] = c * col[ci + k] - s * h;
					}
				}
				p = (-s * s2 * c3 * el1 * e[l]) / dl1;
				e[l] = s * p;
				d[l] = c * p;
			} while (Math.abs(e[l]) > eps * tst1);
		}
		d[l] += f;
		e[l] = 0;
	}
}
