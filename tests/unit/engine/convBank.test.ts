import * as tf from '@tensorflow/tfjs-core';
// Registers the 'wasm' backend, which runs in Node too: the browser's usual backend is tested here.
import { beforeAll, describe, expect, it } from 'vitest';
import { outputSize, type ConvGeometry, type Padding } from '$lib/engine/convArithmetic';
import {
	bankInputTensor,
	convBank,
	convBankBatch,
	convBankTensor,
	sameGeometry
} from '$lib/engine/convBank';
import { presetKernel } from '$lib/engine/kernelPresets';
import { naiveConvolution } from '$lib/engine/naiveConvolution';
import { seededRandom } from '$lib/engine/seededRandom';
import { useBackend } from '../tfBackend';

interface Case {
	height: number;
	width: number;
	channels: 1 | 3;
	count: number;
	g: ConvGeometry;
	relu: boolean;
	seed: number;
}

function randomCases(count: number, seed: number): Case[] {
	const random = seededRandom(seed);
	const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
	const sides = [1, 2, 3, 5, 8, 9, 13, 17];
	const paddings: Padding[] = ['valid', 'same', 'same', 0, 1, 2];
	const cases: Case[] = [];
	while (cases.length < count) {
		const c: Case = {
			height: pick(sides),
			width: pick(sides),
			channels: pick([1, 3] as const),
			count: 1 + Math.floor(random() * 8),
			g: {
				kernelSize: 1 + Math.floor(random() * 7),
				stride: 1 + Math.floor(random() * 4),
				padding: pick(paddings),
				dilation: 1 + Math.floor(random() * 3)
			},
			relu: random() < 0.5,
			seed: Math.floor(random() * 1e9)
		};
		const out = outputSize(c.height, c.width, c.g);
		if (out.height > 0 && out.width > 0) cases.push(c);
	}
	return cases;
}

function caseData(c: Case) {
	const random = seededRandom(c.seed);
	const pixels = Float32Array.from({ length: c.height * c.width * c.channels }, () => random());
	const k = c.g.kernelSize;
	const kernels = Array.from({ length: c.count }, () =>
		Float32Array.from({ length: k * k }, () => random() * 2 - 1)
	);
	return { pixels, kernels };
}

/** Reference from the independent oracle: each kernel on each channel, channels summed, then ReLU. */
function reference(c: Case, pixels: Float32Array, kernels: Float32Array[]): Float32Array[] {
	const planes = Array.from({ length: c.channels }, (_, ch) =>
		Float32Array.from({ length: c.height * c.width }, (_, i) => pixels[i * c.channels + ch])
	);
	return kernels.map((kernel) => {
		const sums = planes
			.map((plane) => naiveConvolution(plane, c.height, c.width, kernel, c.g).data)
			.reduce((total, map) => total.map((v, i) => v + map[i]));
		return c.relu ? sums.map((v) => Math.max(0, v)) : sums;
	});
}

function expectClose(
	maps: { data: Float32Array; height: number; width: number; channels: number },
	expected: Float32Array[]
) {
	expect(maps.channels).toBe(expected.length);
	for (let n = 0; n < maps.channels; n++) {
		for (let i = 0; i < maps.height * maps.width; i++) {
			const want = expected[n][i];
			const got = maps.data[i * maps.channels + n];
			if (Math.abs(got - want) > 1e-4 * Math.max(1, Math.abs(want))) {
				throw new Error(`map ${n}, pixel ${i}: got ${got}, naive loop says ${want}`);
			}
		}
	}
}

describe.each(['cpu', 'wasm'] as const)('on the %s backend', (backend) => {
	beforeAll(async () => {
		await useBackend(backend);
	});

	const cases = randomCases(80, 77);

	it('the cases cover the space', () => {
		const has = (f: (c: Case) => boolean) => cases.filter(f).length;
		expect(has((c) => c.channels === 3)).toBeGreaterThanOrEqual(20);
		expect(has((c) => c.channels === 1)).toBeGreaterThanOrEqual(20);
		expect(has((c) => c.relu)).toBeGreaterThanOrEqual(20);
		expect(has((c) => c.g.stride > 1 && c.g.dilation > 1)).toBeGreaterThanOrEqual(5);
		expect(has((c) => c.g.padding === 'same')).toBeGreaterThanOrEqual(10);
		expect(has((c) => c.count >= 4)).toBeGreaterThanOrEqual(20);
		expect(has((c) => c.height === 1 || c.width === 1)).toBeGreaterThanOrEqual(3);
	});

	it.each(cases)('convBank matches the naive loop: %o', async (c) => {
		const { pixels, kernels } = caseData(c);
		const image = tf.tensor3d(pixels, [c.height, c.width, c.channels]);
		const before = tf.memory().numTensors;
		const maps = await convBank(image, kernels, c.g, c.relu);
		expect(tf.memory().numTensors).toBe(before);
		image.dispose();
		expect({ height: maps.height, width: maps.width }).toEqual(outputSize(c.height, c.width, c.g));
		expect(maps.data).toHaveLength(maps.height * maps.width * c.count);
		expectClose(maps, reference(c, pixels, kernels));
	});

	it('convBankTensor gives the same maps as a tensor the caller owns', async () => {
		const c = cases[3];
		const { pixels, kernels } = caseData(c);
		const image = tf.tensor3d(pixels, [c.height, c.width, c.channels]);
		const before = tf.memory().numTensors;
		const tensor = convBankTensor(image, kernels, c.g, c.relu);
		expect(tf.memory().numTensors).toBe(before + 1);
		const [height, width, channels] = tensor.shape;
		expectClose(
			{ data: await tensor.data<'float32'>(), height, width, channels },
			reference(c, pixels, kernels)
		);
		tensor.dispose();
		image.dispose();
	});

	it('convBankBatch maps each image of a batch on its own', async () => {
		const g = sameGeometry(3);
		const kernels = [presetKernel('sobel-x', 3), presetKernel('laplacian', 3)];
		const random = seededRandom(5);
		const a = Float32Array.from({ length: 6 * 7 }, () => random());
		const b = Float32Array.from({ length: 6 * 7 }, () => random());
		const out = tf.tidy(() =>
			convBankBatch(tf.tensor4d([...a, ...b], [2, 6, 7, 1]), kernels, g, false).arraySync()
		);
		for (const [index, plane] of [a, b].entries()) {
			kernels.forEach((kernel, n) => {
				const want = naiveConvolution(plane, 6, 7, kernel, g).data;
				for (let i = 0; i < 42; i++) {
					expect(out[index][Math.floor(i / 7)][i % 7][n]).toBeCloseTo(want[i], 4);
				}
			});
		}
	});

	it('an output too small to exist is an empty map, not an error', async () => {
		const image = tf.zeros([2, 2, 1]) as tf.Tensor3D;
		const g: ConvGeometry = { kernelSize: 5, stride: 1, padding: 'valid', dilation: 1 };
		const maps = await convBank(image, [presetKernel('box', 5)], g, true);
		image.dispose();
		expect(maps).toMatchObject({ height: 0, width: 0, channels: 1 });
		expect(maps.data).toHaveLength(0);
	});

	it('bankInputTensor gives the luma plane or the RGB image', async () => {
		const rgb = Float32Array.from([1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 1, 1]);
		const gray = bankInputTensor(rgb, 2, 2, 'gray');
		expect(gray.shape).toEqual([2, 2, 1]);
		expect(Array.from(await gray.data())).toEqual(
			[0.299, 0.587, 0.114, 1].map((v) => expect.closeTo(v, 6))
		);
		const color = bankInputTensor(rgb, 2, 2, 'rgb');
		expect(color.shape).toEqual([2, 2, 3]);
		tf.dispose([gray, color]);
	});

	it.each([
		[[], 'a bank holds 1 to 8 kernels, got 0'],
		[Array.from({ length: 9 }, () => new Float32Array(9)), 'a bank holds 1 to 8 kernels, got 9'],
		[[new Float32Array(9), new Float32Array(4)], 'kernel 1 must have 3×3 = 9 weights, got 4']
	])('refuses a bad bank: %#', (kernels, message) => {
		const image = tf.zeros([4, 4, 1]) as tf.Tensor3D;
		const before = tf.memory().numTensors;
		expect(() => convBankTensor(image, kernels, sameGeometry(3), true)).toThrow(message);
		expect(tf.memory().numTensors).toBe(before);
		image.dispose();
	});

	it('leaves the tensor count at its baseline', async () => {
		const image = tf.ones([9, 11, 3]) as tf.Tensor3D;
		const kernels = [presetKernel('sobel-y', 3), presetKernel('gaussian', 3)];
		const g: ConvGeometry = { kernelSize: 3, stride: 2, padding: 'same', dilation: 2 };
		await convBank(image, kernels, g, true);
		const baseline = tf.memory().numTensors;
		for (let i = 0; i < 3; i++) await convBank(image, kernels, g, i % 2 === 0);
		expect(tf.memory().numTensors).toBe(baseline);
		image.dispose();
	});
});
