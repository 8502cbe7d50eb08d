/**
 * Santurkar, Tsipras, Ilyas & Madry (NeurIPS 2018), §2: "noisy" batch norm. After each BN layer,
 * noise with a non-zero mean and a non-unit variance, drawn afresh at every training step, is
 * injected, so the distribution of each layer's inputs keeps shifting (internal covariate shift
 * made worse on purpose) — and yet the network trains about as well as with plain BN.
 *
 * Per training step and per unit c: a scale s_c ~ U(1, SCALE_MAX) and a shift m_c ~ U(−SHIFT,
 * SHIFT); per sample and unit: ε ~ N(0, SAMPLE_SD²);  y' = s_c · (y + ε) + m_c.
 * The paper samples a time-varying mean and variance per unit (its Fig. 2); these magnitudes are
 * ConvLab's choice, stated in the lab: large enough that the layer inputs visibly shift.
 */
import * as tf from '@tensorflow/tfjs-core';

export const NOISE = { shift: 0.5, scaleMax: 1.5, sampleSd: 0.1 } as const;

/** y' = s · (y + ε) + m for y [N, C]; `random` draws uniform [0, 1), `normal` N(0, 1). */
export function noisyBatchNorm(
	y: tf.Tensor2D,
	random: () => number,
	normal: () => number,
	noise: { shift: number; scaleMax: number; sampleSd: number } = NOISE
): tf.Tensor2D {
	const [n, c] = y.shape;
	const scale = Float32Array.from({ length: c }, () => 1 + random() * (noise.scaleMax - 1));
	const shift = Float32Array.from({ length: c }, () => (random() * 2 - 1) * noise.shift);
	const sample = Float32Array.from({ length: n * c }, () => normal() * noise.sampleSd);
	return tf.tidy(() =>
		tf.add(tf.mul(tf.add(y, tf.tensor2d(sample, [n, c])), tf.tensor1d(scale)), tf.tensor1d(shift))
	);
}
