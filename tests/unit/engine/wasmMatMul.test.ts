/**
 * The WASM BatchMatMul that transposes its operand first (wasmMatMul.ts): every transpose form,
 * batched and broadcast, equals a naive triple loop, and the gradient of a dense layer (which asks
 * for both transposed forms) equals the CPU backend's, with negative, zero and tied values.
 */
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '../tfBackend';

/** a [batch, rows, cols] array with negatives, zeros and ties */
function values(batch: number, rows: number, cols: number, salt: number): number[][][] {
	return Array.from({ length: batch }, (_, k) =>
		Array.from({ length: rows }, (_, i) =>
			Array.from({ length: cols }, (_, j) => (((i * 7 + j * 3 + k * 5 + salt) % 9) - 4) / 2)
		)
	);
}
const t2 = (m: number[][]) => m[0].map((_, j) => m.map((row) => row[j]));

/** C[k] = A[k]·B[k] (A[0] or B[0] broadcast when that side has one matrix), by loops */
function naive(a: number[][][], b: number[][][]): number[][][] {
	const batch = Math.max(a.length, b.length);
	return Array.from({ length: batch }, (_, k) => {
		const [x, y] = [a[a.length === 1 ? 0 : k], b[b.length === 1 ? 0 : k]];
		return x.map((row) => y[0].map((_, j) => row.reduce((sum, v, i) => sum + v * y[i][j], 0)));
	});
}

describe('WASM BatchMatMul with transposed operands', () => {
	beforeAll(() => useBackend('wasm'));

	it.each([
		[false, false],
		[true, false],
		[false, true],
		[true, true]
	])('transposeA %s, transposeB %s: equals a naive loop, batched and broadcast', (ta, tb) => {
		for (const [batchA, batchB] of [
			[1, 1],
			[3, 3],
			[3, 1]
		]) {
			const a = values(batchA, 5, 4, 1); // A is 5×4 before any transpose
			const b = values(batchB, 4, 6, 2); // B is 4×6
			const aStored = ta ? a.map(t2) : a;
			const bStored = tb ? b.map(t2) : b;
			const out = tf.tidy(
				() =>
					tf.matMul(tf.tensor3d(aStored), tf.tensor3d(bStored), ta, tb).arraySync() as number[][][]
			);
			const expected = naive(a, b);
			out.forEach((m, k) =>
				m.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(expected[k][i][j], 5)))
			);
		}
	});

	it('a transposed operand is transposed first, so the product takes the untransposed (fast) kernel', async () => {
		const [a, b] = [tf.ones([4, 3]), tf.ones([4, 2])];
		const kernels = async (ta: boolean, tb: boolean) =>
			(
				await tf.profile(() =>
					tf.matMul(ta ? a : tf.transpose(a), tb ? tf.transpose(b) : b, ta, tb)
				)
			).kernels.map((k) => k.name);
		expect(await kernels(true, false)).toContain('Transpose');
		expect(await kernels(false, true)).toContain('Transpose');
		tf.dispose([a, b]);
	});

	it('a dense layer’s gradients equal the CPU backend’s, and no tensor is left', async () => {
		const x = values(1, 6, 5, 3)[0];
		const w = values(1, 5, 4, 4)[0];
		x[0] = [0, 0, 0, 0, 0]; // an all-zero row
		const grads = () =>
			tf.tidy(() => {
				const [xt, wt] = [tf.tensor2d(x), tf.tensor2d(w)];
				const f = (a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.square(tf.matMul(a, b)));
				return tf
					.grads(f)([xt, wt])
					.map((g) => g.arraySync() as number[][]);
			});
		await useBackend('cpu');
		const cpu = grads();
		await useBackend('wasm');
		const before = tf.memory().numTensors;
		const wasm = grads();
		expect(tf.memory().numTensors).toBe(before);
		wasm.forEach((g, n) =>
			g.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(cpu[n][i][j], 4)))
		);
		expect(tf.getKernel('BatchMatMul', 'wasm')).toBeDefined();
	});
});
