/**
 * One hidden layer of the degradation experiment in training mode, BN(xW) on the batch's own
 * statistics, as ONE differentiable op with its gradient written out. The same arithmetic as
 * batchNorm.ts's batchNormTrain after a matMul, in the same order (so the forward values are the
 * very same floats), but TF.js's tape no longer differentiates it op by op: autodiff of the ten
 * ops (mean, sub, square, mean, add, rsqrt, mul, mul, add and their broadcasts) ran ~65 kernels
 * per layer backwards, ~2,200 per training step of a 20-layer pair; this gradient runs 13.
 *   forward   z = xW,  μ = mean_N z,  c = z − μ,  σ² = mean_N c²,  r = 1/√(σ² + ε),
 *             x̂ = c·r,  y = x̂·γ + β
 *   backward  ∂β = Σ_N dy,  ∂γ = Σ_N dy·x̂,  g = dy·γ,
 *             ∂z = r · (g − mean_N g − x̂ · mean_N(g·x̂))     (Ioffe & Szegedy 2015, §3)
 *             ∂x = ∂z Wᵀ,  ∂W = xᵀ ∂z
 * Checked against TF.js's own gradient of the composed ops on CPU and WASM
 * (tests/unit/engine/residual/normalizedLinear.test.ts).
 */
import * as tf from '@tensorflow/tfjs-core';
import { BN_EPSILON } from '../batchNorm/batchNorm';

/** The batch's statistics, handed out while they exist (to update BN's running averages). */
export type StatisticsSink = (mean: tf.Tensor1D, variance: tf.Tensor1D) => void;

/**
 * BN(xW) with the batch's statistics: x [N, in], W [in, out], γ, β [out] → [N, out].
 * `sink` sees the batch's mean and biased variance inside the op (they are freed after it).
 * `dataInput`: x is the data, never differentiated, so its gradient (a [N, out]·[out, in] matMul,
 * the largest of the input layer) is not computed; x is then a constant of the op.
 */
export function normalizedLinearTrain(
	x: tf.Tensor2D,
	weights: tf.Tensor2D,
	gamma: tf.Tensor1D,
	beta: tf.Tensor1D,
	{ sink, dataInput = false }: { sink?: StatisticsSink; dataInput?: boolean } = {}
): tf.Tensor2D {
	const layer = (
		input: tf.Tensor2D,
		w: tf.Tensor2D,
		g: tf.Tensor,
		b: tf.Tensor,
		save: tf.GradSaveFunc
	) => {
		const z = tf.matMul(input, w);
		const mean = tf.mean(z, 0) as tf.Tensor1D;
		const centered = tf.sub(z, mean);
		const variance = tf.mean(tf.square(centered), 0) as tf.Tensor1D;
		const inverse = tf.rsqrt(tf.add(variance, BN_EPSILON));
		const normalized = tf.mul(centered, inverse);
		sink?.(mean, variance);
		save([input, w, normalized, inverse, g]);
		return {
			value: tf.add(tf.mul(normalized, g), b) as tf.Tensor2D,
			gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) => {
				const [sx, sw, xHat, r, sg] = saved as [
					tf.Tensor2D,
					tf.Tensor2D,
					tf.Tensor,
					tf.Tensor,
					tf.Tensor
				];
				const d = dy as tf.Tensor2D;
				const dBeta = tf.sum(d, 0);
				const dGamma = tf.sum(tf.mul(d, xHat), 0);
				const dxHat = tf.mul(d, sg);
				const dz = tf.mul(
					tf.sub(tf.sub(dxHat, tf.mean(dxHat, 0)), tf.mul(xHat, tf.mean(tf.mul(dxHat, xHat), 0))),
					r
				) as tf.Tensor2D;
				// WASM's matMul with a transposed operand runs ~6× slower than a transpose and a plain matMul
				const dW = tf.matMul(tf.transpose(sx), dz);
				return dataInput
					? [dW, dGamma, dBeta]
					: [tf.matMul(dz, tf.transpose(sw)), dW, dGamma, dBeta];
			}
		};
	};
	if (dataInput) {
		const op = tf.customGrad((ws, gs, bs, save) =>
			layer(x, ws as tf.Tensor2D, gs as tf.Tensor, bs as tf.Tensor, save as tf.GradSaveFunc)
		);
		return op(weights, gamma, beta) as tf.Tensor2D;
	}
	const op = tf.customGrad((xs, ws, gs, bs, save) =>
		layer(
			xs as tf.Tensor2D,
			ws as tf.Tensor2D,
			gs as tf.Tensor,
			bs as tf.Tensor,
			save as tf.GradSaveFunc
		)
	);
	return op(x, weights, gamma, beta) as tf.Tensor2D;
}
