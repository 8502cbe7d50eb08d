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
 * On WASM the BN part runs as two fused kernels (engine/fusedBatchNorm.ts, one pass each way), which
 * also take the ReLU and the residual block's shortcut, ReLU(BN(xW) + h); elsewhere the same
 * arithmetic is composed of TF.js ops and the ReLU and the add are TF.js's own ops after it.
 * Checked against TF.js's own gradient of the composed ops on CPU and WASM
 * (tests/unit/engine/residual/normalizedLinear.test.ts).
 */
import * as tf from '@tensorflow/tfjs-core';
import { BN_EPSILON } from '../batchNorm/batchNorm';
import {
	batchNormTrainGradKernel,
	batchNormTrainKernel,
	hasFusedBatchNorm
} from '../fusedBatchNorm';

/** The batch's statistics, handed out while they exist (to update BN's running averages). */
export type StatisticsSink = (mean: tf.Tensor1D, variance: tf.Tensor1D) => void;

export interface NormalizedLinearOptions {
	/** sees the batch's mean and biased variance inside the op (they are freed after it) */
	sink?: StatisticsSink;
	/**
	 * x is the data, never differentiated, so its gradient (a [N, out]·[out, in] matMul, the
	 * largest of the input layer) is not computed; x is then a constant of the op.
	 */
	dataInput?: boolean;
	/** [N, out] added after BN (the residual block's identity shortcut) */
	shortcut?: tf.Tensor2D;
	/** ReLU on the result */
	relu?: boolean;
}

/**
 * BN(xW) with the batch's statistics, [+ shortcut], [ReLU]: x [N, in], W [in, out], γ, β [out]
 * → [N, out].
 */
export function normalizedLinearTrain(
	x: tf.Tensor2D,
	weights: tf.Tensor2D,
	gamma: tf.Tensor1D,
	beta: tf.Tensor1D,
	options: NormalizedLinearOptions = {}
): tf.Tensor2D {
	if (hasFusedBatchNorm()) return fusedLayer(x, weights, gamma, beta, options);
	const { shortcut, relu } = options;
	return tf.tidy(() => {
		let y: tf.Tensor2D = composedLayer(x, weights, gamma, beta, options);
		if (shortcut) y = tf.add(shortcut, y);
		return relu ? tf.relu(y) : y;
	});
}

/** Positional inputs of the customGrad op: [x,] W, γ, β [, shortcut]. */
function opInputs(
	x: tf.Tensor2D,
	weights: tf.Tensor2D,
	gamma: tf.Tensor1D,
	beta: tf.Tensor1D,
	{ dataInput = false, shortcut }: NormalizedLinearOptions
): tf.Tensor[] {
	return [...(dataInput ? [] : [x]), weights, gamma, beta, ...(shortcut ? [shortcut] : [])];
}

/** Splits the customGrad op's positional inputs back into what they are. */
function named(
	inputs: tf.Tensor[],
	x: tf.Tensor2D,
	{ dataInput = false, shortcut }: NormalizedLinearOptions
) {
	const at = dataInput ? 0 : 1;
	return {
		x: (dataInput ? x : inputs[0]) as tf.Tensor2D,
		w: inputs[at] as tf.Tensor2D,
		g: inputs[at + 1],
		b: inputs[at + 2],
		shortcut: shortcut ? (inputs[at + 3] as tf.Tensor2D) : undefined
	};
}

/** ∂x = ∂z Wᵀ (unless x is data) and ∂W = xᵀ ∂z, in the op's input order. */
function linearGradients(
	x: tf.Tensor2D,
	w: tf.Tensor2D,
	dz: tf.Tensor2D,
	dataInput: boolean
): tf.Tensor[] {
	// WASM's matMul with a transposed operand runs ~6× slower than a transpose and a plain matMul
	const dW = tf.matMul(tf.transpose(x), dz);
	return dataInput ? [dW] : [tf.matMul(dz, tf.transpose(w)), dW];
}

function fusedLayer(
	x: tf.Tensor2D,
	weights: tf.Tensor2D,
	gamma: tf.Tensor1D,
	beta: tf.Tensor1D,
	options: NormalizedLinearOptions
): tf.Tensor2D {
	const { sink, dataInput = false, relu = false } = options;
	const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
		const save = args.pop() as tf.GradSaveFunc;
		const { x: input, w, g, b, shortcut } = named(args as tf.Tensor[], x, options);
		const z = tf.matMul(input, w);
		const [out, xHat, inverse, mean, variance] = batchNormTrainKernel(
			z,
			g,
			b,
			{ epsilon: BN_EPSILON, relu },
			shortcut
		);
		sink?.(mean as tf.Tensor1D, variance as tf.Tensor1D);
		save(relu ? [input, w, xHat, inverse, g, out] : [input, w, xHat, inverse, g]);
		return {
			value: out as tf.Tensor2D,
			gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) => {
				const [sx, sw, sxHat, sInverse, sg, sOut] = saved;
				const [dz, dGamma, dBeta, dShortcut] = batchNormTrainGradKernel(
					dy as tf.Tensor2D,
					{ xHat: sxHat, inverse: sInverse, gamma: sg, out: sOut },
					{ relu, shortcut: shortcut !== undefined }
				);
				return [
					...linearGradients(sx as tf.Tensor2D, sw as tf.Tensor2D, dz as tf.Tensor2D, dataInput),
					dGamma,
					dBeta,
					...(shortcut ? [dShortcut] : [])
				];
			}
		};
	});
	return op(...opInputs(x, weights, gamma, beta, options)) as tf.Tensor2D;
}

/** BN(xW) of composed TF.js ops with the gradient written out (backends without the fused kernels). */
function composedLayer(
	x: tf.Tensor2D,
	weights: tf.Tensor2D,
	gamma: tf.Tensor1D,
	beta: tf.Tensor1D,
	{ sink, dataInput = false }: NormalizedLinearOptions
): tf.Tensor2D {
	const options = { dataInput };
	const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
		const save = args.pop() as tf.GradSaveFunc;
		const { x: input, w, g, b } = named(args as tf.Tensor[], x, options);
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
				const [sx, sw, xHat, r, sg] = saved;
				const d = dy as tf.Tensor2D;
				const dBeta = tf.sum(d, 0);
				const dGamma = tf.sum(tf.mul(d, xHat), 0);
				const dxHat = tf.mul(d, sg);
				const dz = tf.mul(
					tf.sub(tf.sub(dxHat, tf.mean(dxHat, 0)), tf.mul(xHat, tf.mean(tf.mul(dxHat, xHat), 0))),
					r
				) as tf.Tensor2D;
				return [
					...linearGradients(sx as tf.Tensor2D, sw as tf.Tensor2D, dz, dataInput),
					dGamma,
					dBeta
				];
			}
		};
	});
	return op(...opInputs(x, weights, gamma, beta, options)) as tf.Tensor2D;
}
