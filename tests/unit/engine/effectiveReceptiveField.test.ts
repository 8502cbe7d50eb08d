import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { chain, INPUT, layer, type Architecture } from '$lib/engine/architectures/architecture';
import { presetArchitecture } from '$lib/engine/architectures/catalogue';
import { effectiveReceptiveField } from '$lib/engine/effectiveReceptiveField';
import { erfByDepth } from '$lib/engine/erfByDepth';
import { receptiveField } from '$lib/engine/receptiveField';
import { useBackend } from '../tfBackend';

beforeAll(async () => {
	await useBackend('cpu');
});

/** [1, 1, 1] convolved with itself n times: the binomial-like trinomial coefficients. */
function boxPower(n: number): number[] {
	let row = [1];
	for (let i = 0; i < n; i++) {
		const next = new Array(row.length + 2).fill(0);
		row.forEach((v, j) => {
			next[j] += v;
			next[j + 1] += v;
			next[j + 2] += v;
		});
		row = next;
	}
	return row;
}

const ONES_LINEAR = { weights: 'ones', activation: 'linear', channels: 1 } as const;

function stack3x3(n: number): Architecture {
	const arch = chain(
		'box',
		'box',
		Array.from({ length: n }, (_, i) => ({ name: `c${i}`, op: layer('conv', 3, { channels: 1 }) }))
	);
	return { ...arch, inputChannels: 1 };
}

describe('effectiveReceptiveField', () => {
	it.each([1, 2, 3, 4])(
		'an all-ones linear stack of %i 3×3 convs gives the n-fold box filter, cell by cell',
		async (n) => {
			const size = 2 * n + 5;
			const c = Math.floor(size / 2);
			const image = tf.fill([size, size, 1], 0.5) as tf.Tensor3D;
			const g = await effectiveReceptiveField(stack3x3(n), image, n - 1, c, c, ONES_LINEAR);
			image.dispose();
			const line = boxPower(n);
			for (let y = 0; y < size; y++)
				for (let x = 0; x < size; x++) {
					const dy = y - c + n;
					const dx = x - c + n;
					const inside = dy >= 0 && dy <= 2 * n && dx >= 0 && dx <= 2 * n;
					expect(g.data[y * size + x]).toBe(inside ? line[dy] * line[dx] : 0);
				}
		}
	);

	it('a dilated 3×3 (d = 2) reaches nine taps two pixels apart', async () => {
		const arch = {
			...chain('d', 'd', [{ name: 'c', op: layer('conv', 3, { dilation: 2, channels: 1 }) }]),
			inputChannels: 1
		};
		const image = tf.ones([9, 9, 1]) as tf.Tensor3D;
		const g = await effectiveReceptiveField(arch, image, 0, 4, 4, ONES_LINEAR);
		image.dispose();
		const expected = Array.from({ length: 81 }, (_, i) => {
			const y = Math.floor(i / 9) - 4;
			const x = (i % 9) - 4;
			return [-2, 0, 2].includes(y) && [-2, 0, 2].includes(x) ? 1 : 0;
		});
		expect(Array.from(g.data)).toEqual(expected);
	});

	it('sums over input channels; a depthwise conv keeps channels apart', async () => {
		const arch = chain('dw', 'dw', [{ name: 'dw', op: layer('dwconv', 3) }]);
		const image = tf.ones([5, 5, 3]) as tf.Tensor3D;
		const g = await effectiveReceptiveField(arch, image, 0, 2, 2, ONES_LINEAR);
		image.dispose();
		// the unit sums its 3 channels, each reading only its own input channel: 3 per tap
		expect(Array.from(g.data)).toEqual(
			Array.from({ length: 25 }, (_, i) =>
				Math.abs(Math.floor(i / 5) - 2) <= 1 && Math.abs((i % 5) - 2) <= 1 ? 3 : 0
			)
		);
	});

	it('a residual join adds the shortcut path: box + identity at the centre', async () => {
		const arch: Architecture = {
			id: 'r',
			title: 'r',
			inputChannels: 1,
			nodes: [
				{ name: 'conv', op: layer('conv', 3, { channels: 1 }), inputs: [INPUT] },
				{ name: 'add', op: { kind: 'add', relu: false }, inputs: [INPUT, 0] }
			]
		};
		const image = tf.ones([5, 5, 1]) as tf.Tensor3D;
		const g = await effectiveReceptiveField(arch, image, 1, 2, 2, ONES_LINEAR);
		image.dispose();
		expect(g.data[12]).toBe(2);
		expect(g.data[6]).toBe(1);
		expect(g.data[0]).toBe(0);
	});

	it('max pooling routes the gradient to the winner of each window', async () => {
		const arch = {
			...chain('p', 'p', [{ name: 'p', op: layer('maxpool', 2, { stride: 2 }) }]),
			inputChannels: 1
		};
		const image = tf.tensor3d([1, 5, 2, 0, 3, 4, 9, 8, 0, 0, 0, 7, 0, 6, 0, 0], [4, 4, 1]);
		const g = await effectiveReceptiveField(arch, image, 0, 0, 1, ONES_LINEAR);
		image.dispose();
		expect(Array.from(g.data)).toEqual([0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
	});

	it('seeded random weights repeat exactly; ReLU changes the map', async () => {
		const arch = presetArchitecture('pooled');
		const image = tf.randomUniform([32, 32, 3], 0, 1, 'float32', 3) as tf.Tensor3D;
		const options = { weights: 'random', activation: 'linear', channels: 2 } as const;
		const a = await effectiveReceptiveField(arch, image, 6, 3, 3, options);
		const b = await effectiveReceptiveField(arch, image, 6, 3, 3, options);
		const relu = await effectiveReceptiveField(arch, image, 6, 3, 3, {
			...options,
			activation: 'relu'
		});
		image.dispose();
		expect(Array.from(a.data)).toEqual(Array.from(b.data));
		expect(Array.from(a.data)).not.toEqual(Array.from(relu.data));
		expect(a.data.some((v) => v > 0)).toBe(true);
	});

	it('reads the unit before its own ReLU, so one layer gives the same map either way', async () => {
		const arch = chain('one', 'one', [{ name: 'c', op: layer('conv', 3, { channels: 4 }) }]);
		const image = tf.randomUniform([7, 7, 3], -1, 1, 'float32', 9) as tf.Tensor3D;
		const options = { weights: 'random', activation: 'linear', channels: 4 } as const;
		const linear = await effectiveReceptiveField(arch, image, 0, 3, 3, options);
		const relu = await effectiveReceptiveField(arch, image, 0, 3, 3, {
			...options,
			activation: 'relu'
		});
		image.dispose();
		expect(Array.from(relu.data)).toEqual(Array.from(linear.data));
		expect(linear.data.filter((v) => v > 0)).toHaveLength(9);
	});

	it('leaves no tensors behind (ERF and ERF-by-depth on ResNet-50)', async () => {
		const arch = presetArchitecture('resnet50');
		const image = tf.randomUniform([64, 64, 3], 0, 1, 'float32', 5) as tf.Tensor3D;
		const options = { weights: 'random', activation: 'relu', channels: 1 } as const;
		await effectiveReceptiveField(arch, image, 4, 2, 2, options);
		const baseline = tf.memory().numTensors;
		await effectiveReceptiveField(arch, image, 9, 3, 3, options);
		const points = await erfByDepth(arch, receptiveField(arch, 64, 64), image, options, 3);
		expect(tf.memory().numTensors).toBe(baseline);
		expect(points.length).toBe(3);
		image.dispose();
	});

	it('all-ones linear: σ after n layers is √(2n/3), the n-fold box filter’s — √depth, while r − 1 = 2n', async () => {
		const arch = stack3x3(5);
		const image = tf.ones([24, 24, 1]) as tf.Tensor3D;
		const points = await erfByDepth(arch, receptiveField(arch, 24, 24), image, ONES_LINEAR);
		image.dispose();
		expect(points.map((p) => p.depth)).toEqual([1, 2, 3, 4, 5]);
		points.forEach((p, i) => {
			expect(p.sigma).toBeCloseTo(Math.sqrt((2 * (i + 1)) / 3), 5);
			expect(p.theoreticalRadius).toBe(i + 1);
		});
	});

	it('refuses a unit outside the layer', async () => {
		const image = tf.ones([5, 5, 1]) as tf.Tensor3D;
		await expect(effectiveReceptiveField(stack3x3(1), image, 0, 5, 0, ONES_LINEAR)).rejects.toThrow(
			/outside/
		);
		image.dispose();
	});
});
