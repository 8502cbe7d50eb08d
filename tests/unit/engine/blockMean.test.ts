import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { blockMeanTensor } from '$lib/engine/blockMean';
import { useBackend } from '../tfBackend';

beforeAll(async () => {
	await useBackend('cpu');
});

/** The mean of each f×f block, anchored top-left, partial at the end: from the definition. */
function naiveBlockMean(
	data: Float32Array,
	height: number,
	width: number,
	channels: number,
	f: number
): number[] {
	const outH = Math.ceil(height / f);
	const outW = Math.ceil(width / f);
	const out: number[] = [];
	for (let by = 0; by < outH; by++)
		for (let bx = 0; bx < outW; bx++)
			for (let c = 0; c < channels; c++) {
				let sum = 0;
				let count = 0;
				for (let y = by * f; y < Math.min(height, by * f + f); y++)
					for (let x = bx * f; x < Math.min(width, bx * f + f); x++) {
						sum += data[(y * width + x) * channels + c];
						count++;
					}
				out.push(sum / count);
			}
	return out;
}

describe('blockMeanTensor', () => {
	it.each([
		// [height, width, channels, maxSide] → factor ceil(max(h, w) / maxSide)
		[8, 8, 1, 4], // f = 2, whole blocks
		[7, 10, 3, 4], // f = 3, partial last row and column
		[5, 13, 2, 3], // f = 5, one row of blocks, partial last column
		[1, 9, 1, 2], // f = 5, a 1-pixel-high map
		[11, 4, 4, 5] // f = 3, partial last row only
	])('%i×%i×%i, maxSide %i: the mean of each block', (height, width, channels, maxSide) => {
		const data = Float32Array.from({ length: height * width * channels }, (_, i) =>
			Math.sin(i * 1.7)
		);
		const f = Math.ceil(Math.max(height, width) / maxSide);
		const before = tf.memory().numTensors;
		const input = tf.tensor4d(data, [1, height, width, channels]);
		const small = tf.tidy(() => blockMeanTensor(input, maxSide));
		const want = naiveBlockMean(data, height, width, channels, f);
		expect(small.shape).toEqual([1, Math.ceil(height / f), Math.ceil(width / f), channels]);
		Array.from(small.dataSync()).forEach((v, i) => expect(v).toBeCloseTo(want[i], 5));
		small.dispose();
		input.dispose();
		expect(tf.memory().numTensors).toBe(before);
	});

	it('returns a map no longer than maxSide as it is', () => {
		const input = tf.zeros([1, 4, 3, 2]) as tf.Tensor4D;
		expect(blockMeanTensor(input, 4)).toBe(input);
		input.dispose();
	});
});
