import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { presetKernel } from '$lib/engine/kernelPresets';
import { naiveConvolution } from '$lib/engine/naiveConvolution';
import { seededRandom } from '$lib/engine/seededRandom';
import { poolingJob } from '../../../src/routes/pooling/poolingJob';
import { useBackend } from '../tfBackend';

beforeAll(async () => {
	await useBackend('cpu');
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

	it('a request naming the shown slot gets that map first, then the whole bank; an overtaken whole gives null', async () => {
		const input = tf.tensor3d(image, [H, W, 1]);
		const baseline = tf.memory().numTensors;
		const queued: (() => void)[] = [];
		const job = poolingJob({ later: (run) => queued.push(run) });
		const kernels = (['sobel-x', 'laplacian', 'box'] as const).map((n) => presetKernel(n, 3));
		const settings = { mode: 'max', size: 2, stride: 2 } as const;
		const request = { input, kernels, k: 3, relu: false, settings, channel: 1 };
		const first = await job.run(request);
		expect(first!.only).toBe(1);
		expect([first!.before.channels, first!.pooled.channels]).toEqual([1, 1]);
		const want = reference(kernels[1], 3, false);
		first!.before.data.forEach((v, i) => expect(v).toBeCloseTo(want[i], 5));
		const { height: ph, width: pw } = first!.pooled;
		for (let y = 0; y < ph; y++)
			for (let x = 0; x < pw; x++) {
				const w = [0, 1, 2, 3].map((j) => want[(2 * y + (j >> 1)) * W + 2 * x + (j & 1)]);
				expect(first!.pooled.data[y * pw + x]).toBeCloseTo(Math.max(...w), 5);
			}
		// The whole bank, once its turn comes: all three maps, kept for the next request.
		expect(queued).toHaveLength(1);
		queued.shift()!();
		const all = await first!.complete!;
		expect(all!.only).toBeUndefined();
		expect(all!.before.channels).toBe(3);
		kernels.forEach((kernel, c) => {
			const map = reference(kernel, 3, false);
			channel(all!.before.data, c, 3).forEach((v, i) => expect(v).toBeCloseTo(map[i], 5));
		});
		const again = await job.run({ ...request, settings: { mode: 'avg', size: 2, stride: 2 } });
		expect(again!.before).toBe(all!.before);
		expect(again!.complete).toBeUndefined();
		// A newer request before the whole bank's turn: that pass gives null and keeps nothing.
		const changed = [kernels[0], presetKernel('gaussian', 3), kernels[2]];
		const quick = await job.run({ ...request, kernels: changed });
		const newer = await job.run({ ...request, kernels: changed, channel: 0 });
		expect(newer!.only).toBe(0);
		queued.shift()!();
		expect(await quick!.complete!).toBeNull();
		queued.shift()!();
		expect((await newer!.complete!)!.before.channels).toBe(3);
		job.dispose();
		expect(tf.memory().numTensors).toBe(baseline);
		input.dispose();
	});
});
