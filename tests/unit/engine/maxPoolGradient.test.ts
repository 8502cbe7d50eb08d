// The max-pool gradient on WASM, started as the app starts it, against hand-computed values and
// the CPU backend's own kernel (first maximum of each window in row-major order): windows that
// are negative, all zero, tied, 'same'-padded, overlapping and strided. TF.js 4.22's own WASM
// kernel fails every one of these but the all-zero case.
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../src/lib/engine/seededRandom';
import { maxDiff, onCpuThenWasm } from './gradientCheck';
import { useBackend } from '../tfBackend';

type Pad = 'valid' | 'same' | number;

/** ∂/∂x of sum(maxPool(x) · r), r = 1, 2, 3… so each output's share is told apart. */
function poolGradient(
	values: number[] | Float32Array,
	shape: [number, number, number, number],
	k: number | [number, number],
	s: number | [number, number],
	pad: Pad
): Float32Array {
	return tf.tidy(() => {
		const x = tf.tensor4d(values, shape);
		const out = tf.maxPool(x, k, s, pad);
		const r = tf.reshape(tf.range(1, out.size + 1), out.shape);
		const g = tf.grad((a: tf.Tensor) => tf.sum(tf.mul(tf.maxPool(a as tf.Tensor4D, k, s, pad), r)));
		return g(x).dataSync() as Float32Array;
	});
}

describe('max-pool gradient on WASM', () => {
	it.each([
		// the window: its maximum, −1, is the second element
		['negative window', [-3, -1, -2, -4], [1, 2, 2, 1], 2, 2, 'valid', [0, 1, 0, 0]],
		// ties go to the first maximum in row-major order
		['tied window', [1, 2, 2, 1], [1, 2, 2, 1], 2, 2, 'valid', [0, 1, 0, 0]],
		['all-zero window', [0, 0, 0, 0], [1, 2, 2, 1], 2, 2, 'valid', [1, 0, 0, 0]],
		// 3×3 with 'same', 2×2 stride 2: four all-negative windows, the last three cut by the
		// padding (which never wins); each window's maximum is its top-left real element
		[
			'same padding, all negative',
			[-1, -2, -3, -4, -5, -6, -7, -8, -9],
			[1, 3, 3, 1],
			2,
			2,
			'same',
			[1, 0, 2, 0, 0, 0, 3, 0, 4]
		]
	] as const)('%s: hand-computed', async (_, values, shape, k, s, pad, expected) => {
		await useBackend('wasm');
		const got = poolGradient(
			[...values],
			[...shape] as [number, number, number, number],
			k,
			s,
			pad
		);
		expect(Array.from(got)).toEqual(expected);
	});

	// Values from {−2, −1, 0, 1}: most windows hold ties, many are all ≤ 0, some all zero.
	const cases: [
		string,
		[number, number, number, number],
		number | [number, number],
		number | [number, number],
		Pad
	][] = [
		['2×2 stride 2 valid', [2, 6, 6, 3], 2, 2, 'valid'],
		['2×2 stride 2 same, odd size', [1, 7, 5, 2], 2, 2, 'same'],
		['3×3 stride 1 same (overlapping, padded)', [1, 5, 6, 2], 3, 1, 'same'],
		['3×3 stride 2 valid (overlapping)', [2, 7, 7, 1], 3, 2, 'valid'],
		['3×3 stride 2 same', [1, 8, 7, 2], 3, 2, 'same'],
		['2×3 window, stride [1, 2]', [1, 6, 7, 2], [2, 3], [1, 2], 'same'],
		['2×2 stride 3 (gaps)', [1, 8, 8, 2], 2, 3, 'valid'],
		['explicit padding 1', [1, 5, 5, 2], 3, 2, 1]
	];
	it.each(cases)('%s equals the CPU backend', async (_, shape, k, s, pad) => {
		const random = seededRandom(shape.reduce((a, b) => a * b));
		const values = Float32Array.from(
			{ length: shape.reduce((a, b) => a * b) },
			() => Math.floor(random() * 4) - 2
		);
		const { cpu, wasm } = await onCpuThenWasm(() => poolGradient(values, shape, k, s, pad));
		expect(maxDiff(wasm, cpu)).toBeLessThan(1e-6);
		// and every output's gradient arrives somewhere: nothing dropped, nothing doubled
		const total = (g: Float32Array) => g.reduce((a, b) => a + b, 0);
		expect(total(wasm)).toBe(total(cpu));
	});

	it('continuous values, a negative half and an all-zero channel equal the CPU backend', async () => {
		const random = seededRandom(4);
		const shape: [number, number, number, number] = [2, 9, 9, 3];
		const values = Float32Array.from({ length: 2 * 9 * 9 * 3 }, (_, i) =>
			i % 3 === 2 ? 0 : random() * 2 - 1.5
		);
		const { cpu, wasm } = await onCpuThenWasm(() => poolGradient(values, shape, 3, 2, 'same'));
		expect(maxDiff(wasm, cpu)).toBeLessThan(1e-6);
	});
});
