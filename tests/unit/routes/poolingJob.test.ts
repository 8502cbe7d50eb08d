import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { presetKernel } from '$lib/engine/kernelPresets';
import { naiveConvolution } from '$lib/engine/naiveConvolution';
import { seededRandom } from '$lib/engine/seededRandom';
import { poolingJob } from '../../../src/routes/pooling/poolingJob';

beforeAll(async () => {
	await tf.setBackend('cpu');
});

const H = 9;
const W = 11;
const random = seededRandom(7);
const image = Float32Array.from({ length: H * W }, () => random() - 0.5);

/** Map `n` of the bank by a plain loop: 'same' zero padding, then ReLU if asked. */
function reference(kernel: Float32Array, k: number, relu: boolean): Float32Array {
	const out = naiveConvolution(image, H, W, kernel, {
		kernelSize: k,
		stride: 1,
		padding: 'same',
		dilation: 1
	}).data;
	return relu ? out.map((v) => Math.max(0, v)) : out;
}

function channel(data: Float32Array, c: number, channels: number): Float32Array {
	return Float32Array.from({ length: data.length / channels }, (_, i) => data[i * channels + c]);
}

describe('poolingJob', () => {
	it('a changed kernel gives the maps of a plain-loop convolution, the same values reuse them, and no tensor is left', async () => {
		const input = tf.tensor3d(image, [H, W, 1]);
		const baseline = tf.memory().numTensors;
		const job = poolingJob();
		const bank = ['sobel-x', 'sobel-y', 'laplacian', 'box'] as const;
		const kernels = bank.map((name) => presetKernel(name, 3));
		const settings = { mode: 'max', size: 2, stride: 2 } as const;
		const first = await job.run({ input, kernels, k: 3, relu: true, settings });
		// Slot 2 changes: the maps follow it.
		const next = kernels.map((kernel, i) => (i === 2 ? presetKernel('prewitt-y', 3) : kernel));
		const second = await job.run({ input, kernels: next, k: 3, relu: true, settings });
		expect(first && second).toBeTruthy();
		expect(second!.before).not.toBe(first!.before);
		next.forEach((kernel, c) => {
			const got = channel(second!.before.data, c, 4);
			const want = reference(kernel, 3, true);
			got.forEach((v, i) => expect(v).toBeCloseTo(want[i], 5));
		});
		// The pooled map follows the new maps: max of each 2×2 window of slot 2.
		const map2 = reference(next[2], 3, true);
		const { height: ph, width: pw } = second!.pooled;
		for (let y = 0; y < ph; y++)
			for (let x = 0; x < pw; x++) {
				const w = [0, 1, 2, 3].map((j) => map2[(2 * y + (j >> 1)) * W + 2 * x + (j & 1)]);
				expect(second!.pooled.data[(y * pw + x) * 4 + 2]).toBeCloseTo(Math.max(...w), 5);
			}
		// The same bank again (new arrays, same values): the kept maps, no convolution.
		const third = await job.run({
			input,
			kernels: next.map((kernel) => kernel.slice()),
			k: 3,
			relu: true,
			settings
		});
		expect(third!.before).toBe(second!.before);
		job.dispose();
		expect(tf.memory().numTensors).toBe(baseline);
		input.dispose();
	});

	it('a run that finishes after dispose keeps nothing', async () => {
		const input = tf.tensor3d(image, [H, W, 1]);
		const baseline = tf.memory().numTensors;
		const job = poolingJob();
		const kernels = [presetKernel('box', 3)];
		const running = job.run({
			input,
			kernels,
			k: 3,
			relu: false,
			settings: { mode: 'avg', size: 2, stride: 1 }
		});
		job.dispose();
		expect(await running).toBeNull();
		expect(tf.memory().numTensors).toBe(baseline);
		input.dispose();
	});
});
