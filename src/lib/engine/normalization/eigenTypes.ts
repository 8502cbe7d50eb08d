/**
 * The result of a symmetric eigen-decomposition A = V Λ Vᵀ, shared by the two solvers
 * (jacobiEigen for the 9×9 patch matrices, tridiagonalEigen for Fashion-MNIST's 784×784).
 */
export interface SymmetricEigen {
	/** matrix size */
	n: number;
	/** [n] eigenvalues, largest first */
	values: Float64Array;
	/** [n, n] row-major: row i is the unit eigenvector of values[i] (so V = vectorsᵀ) */
	vectors: Float64Array;
}

/** Reorder a solver's raw output so the eigenvalues come largest first, vectors as rows. */
export function sortedEigen(
	n: number,
	values: Float64Array,
	vectorOf: (index: number, component: number) => number
): SymmetricEigen {
	const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => values[b] - values[a]);
	const sortedValues = new Float64Array(n);
	const vectors = new Float64Array(n * n);
	order.forEach((from, to) => {
		sortedValues[to] = values[from];
		for (let k = 0; k < n; k++) vectors[to * n + k] = vectorOf(from, k);
	});
	return { n, values: sortedValues, vectors };
}

/** Check a row-major [n, n] matrix's size before solving. */
export function checkSquare(matrix: ArrayLike<number>, n: number): void {
	if (!(Number.isInteger(n) && n > 0) || matrix.length !== n * n)
		throw new Error(`eigen: ${matrix.length} values is not a ${n}×${n} matrix`);
}
