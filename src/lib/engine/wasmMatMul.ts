/**
 * TF.js 4.22's WASM BatchMatMul is fast (XNNPACK) only when neither operand is transposed; with
 * `transposeA` or `transposeB` it falls back to a plain loop about 10× slower (measured in Node:
 * [60, 784]ᵀ·[60, 100] 4.7 ms against 0.46 ms for the same product with the operand transposed
 * first). Every dense layer's gradient asks for exactly those two forms (∂W = xᵀ·∂z, ∂x = ∂z·Wᵀ),
 * so training spent most of its time there. This kernel transposes the operand with the
 * backend's own Transpose and multiplies without a flag: the same products and sums.
 */
import * as tf from '@tensorflow/tfjs-core';
import { replaceKernel } from './kernelReplacement';
import { tensorOf } from './kernelTensors';
import type { TensorInfo } from '@tensorflow/tfjs-core';

/** The last two axes swapped. */
function swapLast(x: tf.Tensor): tf.Tensor {
	const perm = x.shape.map((_, i) => i);
	[perm[x.rank - 2], perm[x.rank - 1]] = [perm[x.rank - 1], perm[x.rank - 2]];
	return tf.transpose(x, perm);
}

/** Replace `backendName`'s BatchMatMul so that transposed operands take the fast path (idempotent). */
export function registerUntransposedMatMul(backendName = 'wasm'): void {
	replaceKernel('BatchMatMul', backendName, (original) => (args) => {
		const attrs = args.attrs as unknown as { transposeA: boolean; transposeB: boolean };
		const { a, b } = args.inputs as unknown as { a: TensorInfo; b: TensorInfo };
		if (!attrs.transposeA && !attrs.transposeB) return original.kernelFunc(args);
		// ops inside a kernel are not recorded on the gradient tape (the engine's kernelDepth)
		return tf.tidy(() => {
			const left = attrs.transposeA ? swapLast(tensorOf(a)) : tensorOf(a);
			const right = attrs.transposeB ? swapLast(tensorOf(b)) : tensorOf(b);
			return tf.matMul(left, right);
		});
	});
}
