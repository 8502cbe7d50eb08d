import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { INPUT, layer, type Architecture } from '$lib/engine/architectures/architecture';
import { PRESET_IDS, presetArchitecture } from '$lib/engine/architectures/catalogue';
import { customArchitecture, parseLayerCode } from '$lib/engine/architectures/layerCode';
import { effectiveReceptiveField, type ErfOptions } from '$lib/engine/effectiveReceptiveField';
import { erfWindows } from '$lib/engine/erfWindows';
import { receptiveField } from '$lib/engine/receptiveField';
import { maxDiff } from './gradientCheck';
import { wholeImageErf } from './wholeImageErf';
import { useBackend } from '../tfBackend';

beforeAll(async () => {
	await useBackend('cpu');
});

const custom = (code: string): Architecture => customArchitecture(parseLayerCode(code) ?? [], code);

describe('erfWindows', () => {
	it.each([
		// one c31d2 on 512²: span 61 around pixel 256 → 226…286
		['c31d2', 512, 0, 256, { lo: 226, hi: 286 }],
		// c3,c3 'same' on 10: unit 0 of the second reads rows −2…2, clipped to 0…2
		['c3,c3', 10, 1, 0, { lo: 0, hi: 2 }],
		// p2 (stride 2, valid) then c3: unit 4 reads pool rows 3…5 → input rows 6…11
		['p2,c3', 16, 1, 4, { lo: 6, hi: 11 }],
		// c3s2 'same' on 9 (out 5, total padding 2, before 1): unit 4 reads rows 7…9 → 7…8
		['c3s2', 9, 0, 4, { lo: 7, hi: 8 }]
	])('%s on %i px, node %i unit %i reads input rows %o', (code, size, node, u, rows) => {
		const plan = erfWindows(custom(code), size, size, node, u, u);
		expect(plan.input.rows).toEqual(rows);
		expect(plan.input.cols).toEqual(rows);
	});

	it('a residual join needs the union of its two paths', () => {
		const arch: Architecture = {
			id: 'r',
			title: 'r',
			inputChannels: 1,
			nodes: [
				{ name: 'conv', op: layer('conv', 5, { channels: 1 }), inputs: [INPUT] },
				{ name: 'add', op: { kind: 'add', relu: false }, inputs: [INPUT, 0] }
			]
		};
		const plan = erfWindows(arch, 20, 20, 1, 10, 3);
		expect(plan.nodes[0]).toEqual({ rows: { lo: 10, hi: 10 }, cols: { lo: 3, hi: 3 } });
		expect(plan.input).toEqual({ rows: { lo: 8, hi: 12 }, cols: { lo: 1, hi: 5 } });
	});

	it('refuses a unit outside the layer', () => {
		expect(() => erfWindows(custom('c3s2'), 9, 9, 0, 5, 0)).toThrow(/outside/);
	});
});

describe('effectiveReceptiveField on the cone equals the whole-image computation', () => {
	const options: ErfOptions[] = [
		{ weights: 'random', activation: 'relu', channels: 2, seed: 3 },
		{ weights: 'ones', activation: 'linear', channels: 1 }
	];
	// odd, non-square sizes so 'same' padding is uneven and strides leave remainders
	const H = 37;
	const W = 30;
	let image: tf.Tensor3D;
	beforeAll(() => {
		image = tf.randomUniform([H, W, 3], -1, 1, 'float32', 11) as tf.Tensor3D;
	});

	async function expectSame(arch: Architecture, target: number, option: ErfOptions) {
		const plan = erfWindows(arch, H, W, target, 0, 0);
		const size = plan.sizes[target];
		let reached = 0;
		const units = [
			[Math.floor(size.height / 2), Math.floor(size.width / 2)],
			[0, 0],
			[size.height - 1, size.width - 1],
			[0, size.width - 1]
		];
		for (const [uy, ux] of units) {
			const whole = await wholeImageErf(arch, image, target, uy, ux, option);
			const cone = await effectiveReceptiveField(arch, image, target, uy, ux, option);
			const scale = Math.max(...whole.data, 1e-30);
			let worst = 0;
			whole.data.forEach((v, i) => (worst = Math.max(worst, Math.abs(v - cone.data[i]))));
			expect(worst / scale, `${arch.id} unit (${uy}, ${ux})`).toBeLessThan(1e-5);
			reached += whole.data.reduce((a, b) => a + b, 0);
		}
		// (random weights with ReLU can switch a deep, 2-channel stack off everywhere: MobileNet)
		if (option.weights === 'ones') expect(reached).toBeGreaterThan(0);
	}

	it.each([
		'c3,c3,c3',
		'c7s2,p3s2ps,c3',
		'c5s2p1,p3s2ps,c3d2',
		'c3d3,c3s2d2,a2,c3',
		'dw5s2,p3s1ps,c3,a3s2',
		'c3s3,p2s1,c2pv,p3s1p1',
		'c31d2'
	])('custom %s', async (code) => {
		const arch = custom(code);
		for (const option of options) await expectSame(arch, arch.nodes.length - 1, option);
	});

	it.each(PRESET_IDS.filter((id) => id !== 'resnet50' && id !== 'vgg16'))(
		'preset %s, last layer and a middle one',
		async (id) => {
			const arch = presetArchitecture(id);
			const last = arch.nodes.length - 1;
			const rows = receptiveField(arch, H, W).rows;
			let target = last;
			while (rows[target].y.size === 0 || rows[target].x.size === 0) target--;
			await expectSame(arch, target, options[0]);
			await expectSame(arch, Math.floor(target / 2), options[1]);
		}
	);

	it('ResNet-50 through its shortcuts (a unit of block 1)', async () => {
		const arch = presetArchitecture('resnet50');
		const target = arch.nodes.findIndex((n) => n.op.kind === 'add');
		await expectSame(arch, target + 4, options[0]);
	});

	it('a padded average pool divides by the real pixels, in the gradient too', async () => {
		// a3s2ps on 5×5: unit (0, 0) averages rows and columns −1…1, of which 0…1 are real: each of
		// those 4 pixels moves it by 1/4 (TF.js's own AvgPoolGrad spreads 1/9, although its
		// forward pass divides by 4)
		const arch = { ...custom('a3s2ps'), inputChannels: 1 };
		const ones = tf.ones([5, 5, 1]) as tf.Tensor3D;
		const g = await effectiveReceptiveField(arch, ones, 0, 0, 0, options[1]);
		ones.dispose();
		const expected = Array.from({ length: 25 }, (_, i) => (i % 5 < 2 && i < 10 ? 0.25 : 0));
		expect(Array.from(g.data)).toEqual(expected);
	});

	it('leaves no tensors behind', async () => {
		const arch = custom('c5s2p1,a3s2ps,c3d2');
		await effectiveReceptiveField(arch, image, 2, 2, 2, options[0]);
		const before = tf.memory().numTensors;
		await effectiveReceptiveField(arch, image, 2, 3, 1, options[0]);
		expect(tf.memory().numTensors).toBe(before);
	});
});

describe('the cone computation on WASM (the worker backend) matches the CPU backend', () => {
	it('convs, dilation, strides, padded average and max pools, ReLU', async () => {
		// A [0.1, 1] image keeps every max-pool window's maximum positive: TF.js 4.22's WASM
		// MaxPoolGrad is wrong for windows whose maximum is ≤ 0 (STACK-NOTES.md), a separate fix.
		const arch = custom('c5s2,a3s2ps,c3d2,p3s1ps,c3');
		const options: ErfOptions = { weights: 'ones', activation: 'relu', channels: 2 };
		const run = async () => {
			const image = tf.randomUniform([29, 33, 3], 0.1, 1, 'float32', 4) as tf.Tensor3D;
			const g = await effectiveReceptiveField(arch, image, 4, 3, 4, options);
			image.dispose();
			return g.data;
		};
		await useBackend('cpu');
		const cpu = await run();
		await useBackend('wasm');
		const before = tf.memory().numTensors;
		const wasm = await run();
		expect(tf.memory().numTensors).toBe(before);
		await useBackend('cpu');
		const scale = Math.max(...cpu);
		expect(scale).toBeGreaterThan(0);
		expect(maxDiff(cpu, wasm) / scale).toBeLessThan(1e-5);
	});
});
