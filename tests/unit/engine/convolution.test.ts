import * as tf from '@tensorflow/tfjs-core';
// Registers the 'wasm' backend, which runs in Node too: the browser's usual backend is tested here.
import { beforeAll, describe, expect, it } from 'vitest';
import { outputSize, type ConvGeometry, type Padding } from '$lib/engine/convArithmetic';
import {
	convolutionPlan,
	convolve,
	convolveTensor,
	type ConvMode,
	type FeatureMaps
} from '$lib/engine/convolution';
import { presetKernel, type KernelPreset } from '$lib/engine/kernelPresets';
import { naiveConvolution } from '$lib/engine/naiveConvolution';
import { prepareImage } from '$lib/engine/preparedImage';
import { seededRandom } from '$lib/engine/seededRandom';
import { useBackend } from '../tfBackend';

/** full: random weights (full rank); rank1 / rank2: sums of random outer products; or a preset. */
type KernelKind = 'full' | 'rank1' | 'rank2' | KernelPreset;

interface Case {
	height: number;
	width: number;
	g: ConvGeometry;
	mode: ConvMode;
	kernel: KernelKind;
	/** convolve() gets a PreparedImage (and convolveTensor the bare tensor), or the other way round */
	prepared: boolean;
	seed: number;
}

const PRESETS: KernelPreset[] = ['gaussian', 'box', 'sobel-x', 'laplacian', 'sharpen', 'log'];

/**
 * Seeded random cases: shapes from 1×1 to 40×40 (1×N, N×1, non-square, widths on and off the
 * 8-column blocks), every k, s, d, padding, and kernels of every rank so both the direct and the
 * separable path run.
 */
function randomCases(count: number, seed: number): Case[] {
	const random = seededRandom(seed);
	const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
	const sides = [1, 1, 2, 3, 4, 5, 7, 8, 11, 13, 16, 19, 24, 33, 40];
	const kinds: KernelKind[] = ['full', 'full', 'rank1', 'rank1', 'rank2', ...PRESETS];
	const paddings: Padding[] = ['valid', 'same', 'same', 0, 1, 2, 3, 4, 5];
	const cases: Case[] = [];
	while (cases.length < count) {
		const c: Case = {
			height: pick(sides),
			width: pick(sides),
			g: {
				kernelSize: 1 + Math.floor(random() * 11),
				stride: 1 + Math.floor(random() * 4),
				padding: pick(paddings),
				dilation: 1 + Math.floor(random() * 4)
			},
			mode: pick(['gray', 'rgb'] as const),
			kernel: pick(kinds),
			prepared: random() < 0.5,
			seed: Math.floor(random() * 1e9)
		};
		const out = outputSize(c.height, c.width, c.g);
		// Empty maps have their own test; keep the random cases about values.
		if (out.height > 0 && out.width > 0) cases.push(c);
	}
	return cases;
}

/** [H, W, 3] values in [0, 1] and a k×k kernel (weights about [−1, 1]), from the case's seed. */
function caseData({ height, width, g, kernel: kind, seed }: Case) {
	const random = seededRandom(seed);
	const pixels = Float32Array.from({ length: height * width * 3 }, () => random());
	const k = g.kernelSize;
	const uniform = () => Float32Array.from({ length: k }, () => random() * 2 - 1);
	let kernel: Float32Array;
	if (kind === 'full') {
		kernel = Float32Array.from({ length: k * k }, () => random() * 2 - 1);
	} else if (kind === 'rank1' || kind === 'rank2') {
		kernel = new Float32Array(k * k);
		for (let term = 0; term < (kind === 'rank1' ? 1 : 2); term++) {
			const [u, v] = [uniform(), uniform()];
			kernel.forEach((_, i) => (kernel[i] += u[Math.floor(i / k)] * v[i % k]));
		}
	} else {
		kernel = presetKernel(kind, k);
	}
	return { pixels, kernel };
}

/** Channel c of an interleaved [H, W, 3] array. */
const channel = (pixels: Float32Array, c: number) =>
	Float32Array.from({ length: pixels.length / 3 }, (_, i) => pixels[i * 3 + c]);
const luma = (pixels: Float32Array) =>
	Float32Array.from(
		{ length: pixels.length / 3 },
		(_, i) => 0.299 * pixels[i * 3] + 0.587 * pixels[i * 3 + 1] + 0.114 * pixels[i * 3 + 2]
	);

/** Naive reference maps in the engine's channel order, [C][outH·outW]. */
function referenceMaps(c: Case, pixels: Float32Array, kernel: Float32Array): Float32Array[] {
	const naive = (plane: Float32Array) =>
		naiveConvolution(plane, c.height, c.width, kernel, c.g).data;
	if (c.mode === 'gray') return [naive(luma(pixels))];
	const [r, g, b] = [0, 1, 2].map((i) => naive(channel(pixels, i)));
	return [r, g, b, r.map((v, i) => v + g[i] + b[i])];
}

function expectMapsClose(maps: FeatureMaps, reference: Float32Array[]) {
	expect(maps.channels).toBe(reference.length);
	for (let ch = 0; ch < maps.channels; ch++) {
		for (let i = 0; i < maps.height * maps.width; i++) {
			const expected = reference[ch][i];
			const got = maps.data[i * maps.channels + ch];
			if (Math.abs(got - expected) > 1e-4 * Math.max(1, Math.abs(expected))) {
				throw new Error(`channel ${ch}, pixel ${i}: got ${got}, naive loop says ${expected}`);
			}
		}
	}
}

/**
 * convolve() and convolveTensor() on the case, one given a PreparedImage and the other the bare
 * tensor (which one is the case's choice), plus the naive reference maps.
 */
async function run(
	c: Case
): Promise<{ maps: FeatureMaps; fromTensor: FeatureMaps; reference: Float32Array[] }> {
	const { pixels, kernel } = caseData(c);
	const image = tf.tensor3d(pixels, [c.height, c.width, 3]);
	const prepared = prepareImage(image);
	try {
		const maps = await convolve(c.prepared ? prepared : image, kernel, c.g, c.mode);
		const tensor = convolveTensor(c.prepared ? image : prepared, kernel, c.g, c.mode);
		const [height, width, channels] = tensor.shape;
		const data = await tensor.data<'float32'>();
		tensor.dispose();
		return {
			maps,
			fromTensor: { ...maps, height, width, channels, data },
			reference: referenceMaps(c, pixels, kernel)
		};
	} finally {
		prepared.dispose();
		image.dispose();
	}
}

describe.each(['cpu', 'wasm'] as const)('on the %s backend', (backend) => {
	beforeAll(async () => {
		await useBackend(backend);
	});

	describe('convolve and convolveTensor match the naive loop on 200 seeded random cases', () => {
		const cases = randomCases(200, 1234);

		it('the cases cover the space (odd/even k, stride with dilation, 1-wide images, both modes, both paths)', () => {
			const has = (f: (c: Case) => boolean) => cases.filter(f).length;
			const path = (c: Case) => convolutionPlan(caseData(c).kernel, c.g).path;
			expect(has((c) => path(c) === 'separable')).toBeGreaterThanOrEqual(30);
			expect(has((c) => path(c) === 'separable' && c.g.stride > 1)).toBeGreaterThanOrEqual(10);
			expect(has((c) => path(c) === 'separable' && c.g.dilation > 1)).toBeGreaterThanOrEqual(10);
			expect(has((c) => path(c) === 'separable' && c.mode === 'rgb')).toBeGreaterThanOrEqual(10);
			expect(
				has(
					(c) =>
						path(c) === 'separable' && convolutionPlan(caseData(c).kernel, c.g).terms.length > 1
				)
			).toBeGreaterThanOrEqual(3);
			// even-k centred presets are (k − 1)×(k − 1) kernels now, so a few went separable
			expect(has((c) => path(c) === 'direct' && c.g.kernelSize >= 5)).toBeGreaterThanOrEqual(35);
			expect(has((c) => c.width > 8 && c.width % 8 !== 0)).toBeGreaterThanOrEqual(40);
			expect(has((c) => c.prepared)).toBeGreaterThanOrEqual(60);
			expect(has((c) => !c.prepared)).toBeGreaterThanOrEqual(60);
			expect(has((c) => c.g.stride > 1 && c.g.dilation > 1)).toBeGreaterThanOrEqual(20);
			expect(has((c) => c.g.kernelSize % 2 === 0)).toBeGreaterThanOrEqual(20);
			expect(has((c) => c.g.kernelSize >= 9)).toBeGreaterThanOrEqual(10);
			expect(has((c) => c.height === 1 || c.width === 1)).toBeGreaterThanOrEqual(10);
			expect(has((c) => c.height === 1 && c.width === 1)).toBeGreaterThanOrEqual(1);
			expect(has((c) => c.height !== c.width)).toBeGreaterThanOrEqual(100);
			expect(has((c) => c.g.padding === 'same')).toBeGreaterThanOrEqual(20);
			expect(has((c) => typeof c.g.padding === 'number' && c.g.padding > 0)).toBeGreaterThanOrEqual(
				20
			);
			expect(has((c) => c.mode === 'rgb')).toBeGreaterThanOrEqual(50);
			expect(has((c) => c.mode === 'gray')).toBeGreaterThanOrEqual(50);
		});

		it.each(cases)('%o', async (c) => {
			const { maps, fromTensor, reference } = await run(c);
			const size = outputSize(c.height, c.width, c.g);
			expect({ height: maps.height, width: maps.width }).toEqual(size);
			expect({ height: fromTensor.height, width: fromTensor.width }).toEqual(size);
			expect(maps.data).toHaveLength(maps.height * maps.width * maps.channels);
			expectMapsClose(maps, reference);
			expectMapsClose(fromTensor, reference);
			const values = Array.from(maps.data);
			expect(maps.min).toBe(Math.min(...values));
			expect(maps.max).toBe(Math.max(...values));
		});
	});

	describe('stride together with dilation (TF.js refuses both > 1 in one conv2d)', () => {
		it.each<[number, number, number, number, Padding, ConvMode, KernelKind]>([
			[9, 9, 3, 2, 'valid', 'gray', 'full'],
			[10, 7, 3, 2, 'same', 'rgb', 'full'],
			[17, 12, 2, 3, 1, 'gray', 'full'],
			[24, 24, 5, 4, 'same', 'rgb', 'full'],
			[13, 20, 4, 2, 3, 'rgb', 'full'],
			[6, 6, 3, 4, 'same', 'gray', 'full'],
			[30, 35, 5, 2, 'same', 'gray', 'rank1'],
			[41, 29, 7, 3, 2, 'rgb', 'gaussian'],
			[40, 40, 11, 2, 'same', 'rgb', 'rank2'],
			[26, 50, 9, 4, 'valid', 'gray', 'sobel-x']
		])(
			'%i×%i k=%i s=d=%i padding %s %s, %s kernel',
			async (height, width, kernelSize, sd, padding, mode, kernel) => {
				const c: Case = {
					height,
					width,
					g: { kernelSize, stride: sd, padding, dilation: sd },
					mode,
					kernel,
					prepared: true,
					seed: 99
				};
				const { maps, fromTensor, reference } = await run(c);
				expect({ height: maps.height, width: maps.width }).toEqual(outputSize(height, width, c.g));
				expectMapsClose(maps, reference);
				expectMapsClose(fromTensor, reference);
			}
		);
	});

	describe('wide images: many blocks, every column shift', () => {
		it.each<[number, number, ConvGeometry, ConvMode, KernelKind]>([
			[5, 67, { kernelSize: 3, stride: 1, padding: 'same', dilation: 1 }, 'gray', 'full'],
			[6, 70, { kernelSize: 7, stride: 1, padding: 'same', dilation: 1 }, 'rgb', 'gaussian'],
			[7, 101, { kernelSize: 11, stride: 3, padding: 5, dilation: 1 }, 'gray', 'rank1'],
			[4, 96, { kernelSize: 6, stride: 2, padding: 'same', dilation: 3 }, 'rgb', 'full'],
			[9, 64, { kernelSize: 11, stride: 1, padding: 32, dilation: 4 }, 'gray', 'box'],
			[3, 129, { kernelSize: 8, stride: 4, padding: 'valid', dilation: 2 }, 'gray', 'rank2']
		])('%i×%i %o %s, %s kernel', async (height, width, g, mode, kernel) => {
			const c: Case = { height, width, g, mode, kernel, prepared: false, seed: 5 };
			const { maps, fromTensor, reference } = await run(c);
			expect({ height: maps.height, width: maps.width }).toEqual(outputSize(height, width, g));
			expectMapsClose(maps, reference);
			expectMapsClose(fromTensor, reference);
		});
	});

	describe('hand-checked results', () => {
		it('3×3 box blur of a white 3×3 image, same padding: 4/9 corners, 6/9 edges, 1 centre', async () => {
			const image = tf.ones([3, 3, 3]) as tf.Tensor3D;
			const g: ConvGeometry = { kernelSize: 3, stride: 1, padding: 'same', dilation: 1 };
			const maps = await convolve(image, new Float32Array(9).fill(1 / 9), g, 'gray');
			image.dispose();
			expect(maps).toMatchObject({ height: 3, width: 3, channels: 1, channelNames: ['luma'] });
			[4, 6, 4, 6, 9, 6, 4, 6, 4].forEach((n, i) => expect(maps.data[i]).toBeCloseTo(n / 9, 5));
			expect(maps.min).toBeCloseTo(4 / 9, 5);
			expect(maps.max).toBeCloseTo(1, 5);
		});

		it('rgb mode: channels R, G, B and their sum, shared min / max over all four', async () => {
			// One pixel (R, G, B) = (0.2, 0.5, 1), identity kernel.
			const image = tf.tensor3d([[[0.2, 0.5, 1]]]);
			const g: ConvGeometry = { kernelSize: 1, stride: 1, padding: 'valid', dilation: 1 };
			const maps = await convolve(image, new Float32Array([-2]), g, 'rgb');
			image.dispose();
			expect(maps.channelNames).toEqual(['R', 'G', 'B', 'sum']);
			expect(maps.channels).toBe(4);
			[-0.4, -1, -2, -3.4].forEach((v, i) => expect(maps.data[i]).toBeCloseTo(v, 5));
			expect(maps.min).toBeCloseTo(-3.4, 5);
			expect(maps.max).toBeCloseTo(-0.4, 5);
		});

		it('is cross-correlation, not convolution: a top-left tap reads up-left', async () => {
			// 3×3 gray ramp 1..9 (same value in R, G, B so luma equals it).
			const values = [1, 2, 3, 4, 5, 6, 7, 8, 9];
			const image = tf.tensor3d(
				values.flatMap((v) => [v, v, v]),
				[3, 3, 3]
			);
			const kernel = new Float32Array([1, 0, 0, 0, 0, 0, 0, 0, 0]);
			const g: ConvGeometry = { kernelSize: 3, stride: 1, padding: 1, dilation: 1 };
			const maps = await convolve(image, kernel, g, 'gray');
			image.dispose();
			[0, 0, 0, 0, 1, 2, 0, 4, 5].forEach((v, i) => expect(maps.data[i]).toBeCloseTo(v, 5));
		});
	});

	describe('empty output: the dilated kernel is wider than the padded input', () => {
		it.each<[number, number, ConvGeometry, ConvMode, number, number]>([
			[3, 3, { kernelSize: 5, stride: 1, padding: 'valid', dilation: 1 }, 'gray', 0, 0],
			[2, 30, { kernelSize: 3, stride: 2, padding: 0, dilation: 2 }, 'rgb', 0, 13],
			[18, 4, { kernelSize: 11, stride: 1, padding: 1, dilation: 2 }, 'gray', 0, 0],
			[24, 1, { kernelSize: 3, stride: 1, padding: 'valid', dilation: 1 }, 'rgb', 22, 0]
		])('%i×%i %o %s → %i×%i, no error', async (h, w, g, mode, outH, outW) => {
			const image = tf.zeros([h, w, 3]) as tf.Tensor3D;
			const before = tf.memory().numTensors;
			const maps = await convolve(image, new Float32Array(g.kernelSize ** 2).fill(1), g, mode);
			expect(tf.memory().numTensors).toBe(before);
			image.dispose();
			expect(maps).toMatchObject({
				height: outH,
				width: outW,
				channels: mode === 'gray' ? 1 : 4,
				min: 0,
				max: 0
			});
			expect(maps.data).toHaveLength(0);
		});
	});

	describe('tensor memory', () => {
		const geometries: [ConvMode, ConvGeometry][] = [
			['gray', { kernelSize: 3, stride: 1, padding: 'same', dilation: 1 }],
			['rgb', { kernelSize: 3, stride: 1, padding: 'same', dilation: 1 }],
			['gray', { kernelSize: 9, stride: 2, padding: 2, dilation: 3 }],
			['rgb', { kernelSize: 9, stride: 2, padding: 2, dilation: 3 }],
			['rgb', { kernelSize: 7, stride: 1, padding: 'valid', dilation: 1 }]
		];
		it.each(
			geometries.flatMap(([mode, g]) =>
				(['rank1', 'full'] as const).flatMap((kernel) =>
					(['tensor', 'prepared'] as const).map((input) => ({ mode, g, kernel, input }))
				)
			)
		)(
			'$mode $g.kernelSize×$g.kernelSize s=$g.stride d=$g.dilation, $kernel kernel, $input input: the count returns to its baseline',
			async ({ mode, g, kernel: kind, input }) => {
				const c: Case = { height: 12, width: 10, g, mode, kernel: kind, prepared: true, seed: 3 };
				const { pixels, kernel } = caseData(c);
				const image = tf.tensor3d(pixels, [c.height, c.width, 3]);
				const source = input === 'prepared' ? prepareImage(image) : image;
				await convolve(source, kernel, g, mode); // warm-up: a PreparedImage makes its planes here
				const baseline = tf.memory().numTensors;

				await convolve(source, kernel, g, mode);
				expect(tf.memory().numTensors).toBe(baseline);

				tf.tidy(() => {
					convolveTensor(source, kernel, g, mode);
				});
				expect(tf.memory().numTensors).toBe(baseline);

				const out = convolveTensor(source, kernel, g, mode);
				expect(tf.memory().numTensors).toBe(baseline + 1);
				out.dispose();
				expect(tf.memory().numTensors).toBe(baseline);
				if (source !== image) source.dispose();
				image.dispose();
			}
		);

		it('both paths are exercised by the table above', () => {
			const paths = geometries.flatMap(([mode, g]) =>
				(['rank1', 'full'] as const).map(
					(kernel) =>
						convolutionPlan(
							caseData({ height: 12, width: 10, g, mode, kernel, prepared: true, seed: 3 }).kernel,
							g
						).path
				)
			);
			expect(paths).toContain('separable');
			expect(paths).toContain('direct');
		});
	});
});

describe('errors', () => {
	beforeAll(async () => {
		await useBackend('cpu');
	});

	const g: ConvGeometry = { kernelSize: 3, stride: 1, padding: 'same', dilation: 1 };

	it.each<[string, () => tf.Tensor3D, Float32Array, ConvGeometry, RegExp]>([
		[
			'wrong kernel length',
			() => tf.zeros([4, 4, 3]),
			new Float32Array(4),
			g,
			/kernel must have 3×3 = 9 weights, got 4/
		],
		[
			'one-channel image',
			() => tf.zeros([4, 4, 1]),
			new Float32Array(9),
			g,
			/image must be \[height, width, 3\], got \[4, 4, 1\]/
		],
		[
			'kernel size 12',
			() => tf.zeros([4, 4, 3]),
			new Float32Array(144),
			{ ...g, kernelSize: 12 },
			/kernelSize must be an integer from 1 to 11/
		],
		['stride 0', () => tf.zeros([4, 4, 3]), new Float32Array(9), { ...g, stride: 0 }, /stride/],
		[
			'padding 40',
			() => tf.zeros([4, 4, 3]),
			new Float32Array(9),
			{ ...g, padding: 40 },
			/padding must be an integer from 0 to 32/
		]
	])('%s is a RangeError and leaks nothing', async (_name, makeImage, kernel, geom, message) => {
		const image = makeImage();
		const before = tf.memory().numTensors;
		expect(() => convolveTensor(image, kernel, geom, 'rgb')).toThrow(RangeError);
		await expect(convolve(image, kernel, geom, 'gray')).rejects.toThrow(message);
		expect(tf.memory().numTensors).toBe(before);
		image.dispose();
	});
});

describe('errors with a PreparedImage', () => {
	beforeAll(async () => {
		await useBackend('cpu');
	});

	const g: ConvGeometry = { kernelSize: 3, stride: 1, padding: 'same', dilation: 1 };

	it('a disposed PreparedImage is an Error, not a crash, and leaks nothing', async () => {
		const image = tf.zeros([4, 4, 3]) as tf.Tensor3D;
		const prepared = prepareImage(image);
		prepared.dispose();
		const before = tf.memory().numTensors;
		expect(() => convolveTensor(prepared, new Float32Array(9), g, 'rgb')).toThrow(/disposed/);
		await expect(convolve(prepared, new Float32Array(9), g, 'gray')).rejects.toThrow(/disposed/);
		expect(tf.memory().numTensors).toBe(before);
		image.dispose();
	});

	it('the geometry and kernel are checked first, as for a tensor', async () => {
		const image = tf.zeros([4, 4, 3]) as tf.Tensor3D;
		const prepared = prepareImage(image);
		await expect(convolve(prepared, new Float32Array(4), g, 'gray')).rejects.toThrow(
			/kernel must have 3×3 = 9 weights, got 4/
		);
		expect(() =>
			convolveTensor(prepared, new Float32Array(9), { ...g, dilation: 5 }, 'rgb')
		).toThrow(RangeError);
		prepared.dispose();
		image.dispose();
	});
});

describe('convolutionPlan: the cheaper path, by the measured cost model', () => {
	const same = (kernelSize: number, dilation = 1, stride = 1): ConvGeometry => ({
		kernelSize,
		stride,
		padding: 'same',
		dilation
	});

	it.each<[string, Float32Array, ConvGeometry, 'separable' | 'direct', number]>([
		['3×3 box (one pass is cheaper than two)', presetKernel('box', 3), same(3), 'direct', 1],
		['7×7 gaussian', presetKernel('gaussian', 7), same(7), 'separable', 1],
		['11×11 sobel-x', presetKernel('sobel-x', 11), same(11), 'separable', 1],
		['5×5 gaussian, dilation 3', presetKernel('gaussian', 5), same(5, 3), 'separable', 1],
		['3×3 laplacian (rank 2)', presetKernel('laplacian', 3), same(3), 'direct', 2],
		['11×11 random (full rank)', presetKernel('random', 11), same(11), 'direct', 11],
		['all zeros', new Float32Array(25), same(5), 'direct', 0]
	])('%s → %s, %i terms', (_name, kernel, g, path, terms) => {
		const plan = convolutionPlan(kernel, g);
		expect(plan.path).toBe(path);
		expect(plan.terms).toHaveLength(terms);
	});
});

describe('per-channel ranges', () => {
	beforeAll(async () => {
		await useBackend('cpu');
	});
	it.each(['gray', 'rgb'] as const)(
		'%s: each channel’s [min, max], read back in one pass',
		async (mode) => {
			const random = seededRandom(5);
			const image = tf.tensor3d(
				Float32Array.from({ length: 9 * 14 * 3 }, () => random()),
				[9, 14, 3]
			);
			const g: ConvGeometry = { kernelSize: 3, stride: 1, padding: 'same', dilation: 1 };
			const maps = await convolve(image, presetKernel('sobel-x', 3), g, mode);
			image.dispose();
			expect(maps.ranges).toHaveLength(maps.channels);
			for (let c = 0; c < maps.channels; c++) {
				const values = Array.from(
					{ length: maps.height * maps.width },
					(_, p) => maps.data[p * maps.channels + c]
				);
				expect(maps.ranges![c]).toEqual([Math.min(...values), Math.max(...values)]);
			}
		}
	);
});
