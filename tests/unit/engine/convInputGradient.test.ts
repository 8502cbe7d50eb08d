// The WASM Conv2DBackpropInput replaced by a convolution at stride 1 (convInputGradient.ts): the
// input gradient of conv2d, of a fused conv2d (a layers model's) and a stride-1 conv2dTranspose
// (which runs the kernel forwards) equal the CPU backend's own kernel, with negative, zero and
// tied values, for every kind of padding; the fast path is taken at stride 1 and not at stride 2.
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { stride1InputGradient } from '../../../src/lib/engine/convInputGradient';
import { seededRandom } from '../../../src/lib/engine/seededRandom';
import { maxDiff, onCpuThenWasm } from './gradientCheck';
import { useBackend } from '../tfBackend';

/**
 * Seeded halves in [-2, 2] (negative, zero and tied values); an image batch [B, H, W, C] also has
 * an all-zero first row per image.
 */
function values(shape: number[], seed: number): tf.Tensor {
	const random = seededRandom(seed);
	const [n, , width = 1, channels = 1] = shape;
	const size = shape.reduce((a, b) => a * b, 1);
	const data = Float32Array.from({ length: size }, (_, i) =>
		shape.length === 4 && i % (size / n) < width * channels ? 0 : Math.round(random() * 8 - 4) / 2
	);
	return tf.tensor(data, shape);
}

interface Case {
	size: [number, number];
	k: [number, number];
	inC: number;
	outC: number;
	pad: 'same' | 'valid' | number;
}
const cases: Case[] = [
	{ size: [6, 6], k: [3, 3], inC: 1, outC: 2, pad: 'same' },
	{ size: [7, 5], k: [3, 3], inC: 3, outC: 4, pad: 'valid' },
	{ size: [5, 8], k: [2, 2], inC: 2, outC: 3, pad: 'same' }, // even kernel: pads 0 before, 1 after
	// a number pads square kernels only: TF.js 4.22 sizes a numeric pad's output width with the
	// kernel's height (computeConv2DInfo), so WASM would write past a non-square kernel's output
	{ size: [6, 7], k: [3, 3], inC: 2, outC: 5, pad: 1 },
	{ size: [6, 7], k: [3, 1], inC: 2, outC: 3, pad: 'valid' },
	{ size: [7, 6], k: [2, 3], inC: 3, outC: 2, pad: 'same' },
	{ size: [9, 6], k: [4, 4], inC: 3, outC: 2, pad: 'same' }
];

/** ∂/∂x of sum(conv(x, w) · r), plain and fused (with a bias and ReLU), and conv2dTranspose. */
function inputGradients(c: Case): {
	plain: Float32Array;
	fused: Float32Array;
	transposed: Float32Array | null;
} {
	const out = tf.tidy(() => {
		const x = values([2, ...c.size, c.inC], 1) as tf.Tensor4D;
		const w = tf.reshape(values([c.k[0] * c.k[1] * c.inC * c.outC], 2), [
			...c.k,
			c.inC,
			c.outC
		]) as tf.Tensor4D;
		const y = tf.conv2d(x, w, 1, c.pad);
		const r = values(y.shape, 3);
		const plain = tf.grad((a: tf.Tensor) =>
			tf.sum(tf.mul(tf.conv2d(a as tf.Tensor4D, w, 1, c.pad), r))
		)(x);
		const bias = values([c.outC], 4);
		const fused = tf.grad((a: tf.Tensor) =>
			tf.sum(
				tf.mul(
					tf.fused.conv2d({
						x: a as tf.Tensor4D,
						filter: w,
						strides: 1,
						pad: c.pad,
						bias,
						activation: 'relu'
					}),
					r
				)
			)
		)(x);
		// a numeric pad has no conv2dTranspose form
		if (typeof c.pad === 'number') return [plain, fused];
		return [plain, fused, tf.conv2dTranspose(r as tf.Tensor4D, w, x.shape, 1, c.pad)];
	});
	const [plain, fused, transposed] = out.map((t) => t.dataSync() as Float32Array);
	tf.dispose(out);
	return { plain, fused, transposed: transposed ?? null };
}

describe('WASM Conv2DBackpropInput at stride 1', () => {
	it.each(cases.map((c, i) => [i, c] as const))('case %i equals the CPU backend', async (_, c) => {
		const { cpu, wasm } = await onCpuThenWasm(() => inputGradients(c));
		expect(maxDiff(wasm.plain, cpu.plain)).toBeLessThan(1e-4);
		expect(maxDiff(wasm.fused, cpu.fused)).toBeLessThan(1e-4);
		if (cpu.transposed) expect(maxDiff(wasm.transposed!, cpu.transposed)).toBeLessThan(1e-4);
	});

	it('runs as a convolution at stride 1 and as the backend’s own kernel at stride 2', async () => {
		await useBackend('wasm');
		const kernels = async (stride: number) => {
			const x = values([1, 6, 6, 2], 1);
			const w = values([3, 3, 2, 3], 2);
			const profile = await tf.profile(() =>
				tf.grad((a: tf.Tensor) =>
					tf.sum(tf.conv2d(a as tf.Tensor4D, w as tf.Tensor4D, stride, 'same'))
				)(x)
			);
			tf.dispose([x, w]);
			return profile.kernels.map((k) => k.name);
		};
		const one = await kernels(1);
		expect(one).toContain('Conv2DBackpropInput');
		expect(one.filter((n) => n === 'Conv2D').length).toBe(2); // the forward one and dx's
		expect((await kernels(2)).filter((n) => n === 'Conv2D').length).toBe(1);
		const dy = tf.zeros([1, 3, 3, 3]) as tf.Tensor4D;
		const w = tf.zeros([3, 3, 2, 3]) as tf.Tensor4D;
		expect(stride1InputGradient(dy, w, [1, 6, 6, 2], { strides: 2, pad: 'same' })).toBeNull();
		tf.dispose([dy, w]);
	});
});
