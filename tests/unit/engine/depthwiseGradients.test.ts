// The WASM backend's missing depthwise conv gradients, registered from ops it has, must equal
// the CPU backend's own kernels (an independent implementation) on random shapes.
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { maxDiff, onCpuThenWasm, randomTensor, weightedSumGradients } from './gradientCheck';
import { useBackend } from '../tfBackend';

interface Case {
	batch: number;
	size: [number, number];
	k: [number, number];
	c: number;
	m: number;
	stride: number;
	pad: 'same' | 'valid';
	fused: boolean;
}

const cases: Case[] = [
	{ batch: 1, size: [6, 6], k: [3, 3], c: 2, m: 1, stride: 1, pad: 'same', fused: false },
	{ batch: 2, size: [7, 5], k: [3, 3], c: 3, m: 1, stride: 2, pad: 'same', fused: true },
	{ batch: 1, size: [9, 8], k: [5, 5], c: 2, m: 2, stride: 1, pad: 'valid', fused: false },
	{ batch: 2, size: [8, 8], k: [5, 5], c: 4, m: 1, stride: 2, pad: 'same', fused: true },
	{ batch: 1, size: [6, 9], k: [2, 3], c: 3, m: 2, stride: 2, pad: 'valid', fused: false }
];

/** Gradients of sum(depthwise(x, w) · r) w.r.t. x and w (fused with a bias and ReLU, or plain). */
function gradients(c: Case, seed: number): { dx: Float32Array; dw: Float32Array } {
	const bias = randomTensor([c.c * c.m], seed + 3) as tf.Tensor1D;
	try {
		return weightedSumGradients(
			(x, w) =>
				c.fused
					? tf.fused.depthwiseConv2d({
							x,
							filter: w,
							strides: c.stride,
							pad: c.pad,
							bias,
							activation: 'relu'
						})
					: tf.depthwiseConv2d(x, w, c.stride, c.pad),
			[c.batch, ...c.size, c.c],
			[...c.k, c.c, c.m],
			seed
		);
	} finally {
		bias.dispose();
	}
}

describe('WASM depthwise conv gradients', () => {
	beforeAll(async () => {
		await useBackend('wasm');
	});

	it.each(cases.map((c, i) => [i, c] as const))(
		'case %i equals the CPU backend within 1e-4, tensors flat',
		async (i, c) => {
			const { cpu, wasm } = await onCpuThenWasm(() => gradients(c, 10 * i + 1));
			expect(maxDiff(wasm.dx, cpu.dx)).toBeLessThan(1e-4);
			expect(maxDiff(wasm.dw, cpu.dw)).toBeLessThan(1e-4);
		}
	);
});
