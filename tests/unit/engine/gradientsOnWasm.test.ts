// Every gradient the app computes, on WASM started as the app starts it, against the CPU
// backend's own kernels: Grad-CAM and the input gradient of the shipped classifier, the
// effective receptive field (the four TF-Slim presets and a custom stack with pools, linear, so
// their max pools see negative and tied windows), ERF by depth, the selfie network's unit fields
// and saliency, and one training step of the classifier and of the U-Net. Only the packages the
// app ships (tfjs-core, the backends, layers, converter): a kernel or gradient the app forgets
// to register fails here. scripts/gradient-parity.mjs runs the Grad-CAM check on 200 images.
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import type { GraphModel } from '@tensorflow/tfjs-converter';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { chain, layer, type Architecture } from '$lib/engine/architectures/architecture';
import { presetArchitecture, type PresetId } from '$lib/engine/architectures/catalogue';
import { buildFashionClassifier } from '$lib/engine/architectures/fashionClassifier';
import { classifierLayers } from '$lib/engine/classifierLayers';
import { trainStep } from '$lib/engine/classifierTraining';
import { effectiveReceptiveField, type ErfOptions } from '$lib/engine/effectiveReceptiveField';
import { erfByDepth } from '$lib/engine/erfByDepth';
import { gradCam } from '$lib/engine/gradCam';
import { inputGradient } from '$lib/engine/inputGradient';
import { receptiveField } from '$lib/engine/receptiveField';
import { seededRandom } from '$lib/engine/seededRandom';
import { selfieSaliency, selfieUnitGradient } from '$lib/engine/selfieUnits';
import type { Adam } from '$lib/engine/adam';
import { trainOnBatch } from '$lib/engine/segmentation/trainingStep';
import { createUNet, disposeUNet, trainableVariables } from '$lib/engine/segmentation/unet';
import { onCpuThenWasm, relativeDiff } from './gradientCheck';
import { fashionTestImages, loadShippedClassifier, loadShippedSelfie } from './modelFiles';
import { TEST_BACKENDS, useBackend, type TestBackend } from '../tfBackend';

// The CPU backend is slow on whole models and this machine is shared: room, not a speed limit.
vi.setConfig({ testTimeout: 300_000 });

/** cam / max(cam): the map the lab draws. */
function normalised(values: Float32Array): Float32Array {
	const top = values.reduce((a, b) => Math.max(a, b), 0);
	return top > 0 ? values.map((v) => v / top) : values;
}

/**
 * The worst difference of any of a set of arrays (a model's gradients, one per weight) relative
 * to the largest value among all of them: a bias that feeds batch norm has a gradient of zero up
 * to round-off, which no comparison relative to its own size could pass.
 */
function setDiff(wasm: Float32Array[], cpu: Float32Array[]): number {
	const scale = Math.max(...cpu.map((c) => c.reduce((m, v) => Math.max(m, Math.abs(v)), 0)));
	return Math.max(...cpu.map((c, i) => maxAbs(wasm[i], c))) / scale;
}

const maxAbs = (a: ArrayLike<number>, b: ArrayLike<number>) => {
	let worst = 0;
	for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
	return worst;
};

describe('the shipped classifier', () => {
	const IMAGES = 2;
	const images = fashionTestImages(IMAGES);
	const models: Partial<Record<TestBackend, tfl.LayersModel>> = {};
	const modelOn = async (backend: 'cpu' | 'wasm') => {
		if (!models[backend]) {
			await useBackend(backend);
			models[backend] = await loadShippedClassifier();
		}
		return models[backend]!;
	};
	beforeAll(async () => {
		await modelOn('cpu');
		await modelOn('wasm');
	});
	afterAll(async () => {
		for (const backend of TEST_BACKENDS) {
			await useBackend(backend);
			models[backend]?.dispose();
		}
	});

	/**
	 * Grad-CAM of the predicted class, normalised, per image, at the layer /network shows (the
	 * last conv or activation map wider than 3×3, SaliencyPanel's rule) and at the first
	 * activation (its max pool sees all-zero windows).
	 */
	const cams = (model: tfl.LayersModel) => {
		const layers = classifierLayers(model);
		const shown = layers.findLastIndex(
			(l) =>
				l.shape.length === 3 && l.shape[0] > 3 && (l.kind === 'activation' || l.kind === 'conv')
		);
		const first = layers.findIndex((l) => l.kind === 'activation' && l.shape.length === 3);
		expect(shown).toBeGreaterThan(first);
		const out: Float32Array[] = [];
		for (let n = 0; n < IMAGES; n++) {
			const x = tf.tensor3d(images.subarray(n * 784, (n + 1) * 784), [28, 28, 1]);
			const predicted = tf.tidy(
				() => tf.argMax(model.predict(tf.expandDims(x, 0)) as tf.Tensor, -1).dataSync()[0]
			);
			for (const layerIndex of [first, shown]) {
				const { cam, weights } = gradCam(model, x, layerIndex, predicted);
				out.push(normalised(cam.dataSync() as Float32Array));
				tf.dispose([cam, weights]);
			}
			x.dispose();
		}
		return out;
	};

	it('Grad-CAM at the shown layer and the first equals the CPU backend’s within 1e-4 (normalised)', async () => {
		await modelOn('cpu');
		const { cpu, wasm } = await onCpuThenWasm(async () =>
			cams(await modelOn(tf.getBackend() as 'cpu'))
		);
		expect(cpu.length).toBe(2 * IMAGES);
		const worst = Math.max(...cpu.map((c, i) => maxAbs(wasm[i], c)));
		expect(worst).toBeLessThan(1e-4);
	});

	it('the input gradient equals the CPU backend’s within 1e-4 of its largest value', async () => {
		const grads = async () => {
			const model = await modelOn(tf.getBackend() as 'cpu');
			return Array.from({ length: IMAGES }, (_, n) =>
				tf.tidy(() => {
					const x = tf.tensor3d(images.subarray(n * 784, (n + 1) * 784), [28, 28, 1]);
					return inputGradient(model, x, n % 10).dataSync() as Float32Array;
				})
			);
		};
		const { cpu, wasm } = await onCpuThenWasm(grads);
		cpu.forEach((c, i) => expect(relativeDiff(wasm[i], c)).toBeLessThan(1e-4));
	});
});

/** A custom stack with pools (max and average, 'same' and 'valid', overlapping) as a learner builds. */
function customStack(): Architecture {
	return chain('custom', 'Custom', [
		{ name: 'c1', op: layer('conv', 3, { channels: 2 }) },
		{ name: 'p1', op: layer('maxpool', 2, { stride: 2 }) },
		{ name: 'c2', op: layer('conv', 3, { channels: 2 }) },
		{ name: 'p2', op: layer('maxpool', 3, { stride: 2, padding: 'same' }) },
		{ name: 'c3', op: layer('conv', 3, { channels: 2 }) },
		{ name: 'p3', op: layer('avgpool', 2, { stride: 2 }) },
		{ name: 'c4', op: layer('conv', 3, { channels: 2 }) }
	]);
}

describe('the effective receptive field', () => {
	const SIDE = 64;
	/** In [−1, 1], as the lab centres the picture. */
	const image = (seed: number): tf.Tensor3D =>
		tf.tidy(() => tf.sub(tf.mul(tf.randomUniform([SIDE, SIDE, 3], 0, 1, 'float32', seed), 2), 1));
	// The lab's defaults (seeded random weights, linear, 2 channels) and ReLU.
	const settings: ErfOptions[] = [
		{ weights: 'random', activation: 'linear', channels: 2 },
		{ weights: 'random', activation: 'relu', channels: 2 }
	];
	const archs: [string, () => Architecture][] = [
		...(['alexnet', 'vgg16', 'mobilenet', 'resnet50'] as PresetId[]).map(
			(id) => [id, () => presetArchitecture(id)] as [string, () => Architecture]
		),
		['custom stack with pools', customStack]
	];

	it.each(archs)(
		'%s: the centre unit of each depth equals the CPU backend within 1e-6 (relative)',
		async (_, build) => {
			const arch = build();
			const table = receptiveField(arch, SIDE, SIDE);
			// every node with a unit left at this size, deepest included, at most 6 of them
			const nodes = table.rows
				.map((row, i) => (row.y.size > 0 && row.x.size > 0 ? i : -1))
				.filter((i) => i >= 0);
			const picked = nodes.filter(
				(_, k) => k % Math.ceil(nodes.length / 6) === 0 || k === nodes.length - 1
			);
			const fields = async () => {
				const x = image(3);
				try {
					const out: Float32Array[] = [];
					for (const options of settings)
						for (const index of picked) {
							const row = table.rows[index];
							const g = await effectiveReceptiveField(
								arch,
								x,
								index,
								Math.floor(row.y.size / 2),
								Math.floor(row.x.size / 2),
								options
							);
							out.push(g.data);
						}
					return out;
				} finally {
					x.dispose();
				}
			};
			const { cpu, wasm } = await onCpuThenWasm(fields);
			cpu.forEach((c, i) => expect(relativeDiff(wasm[i], c)).toBeLessThan(1e-6));
		}
	);

	it('ERF by depth (radius and σ) equals the CPU backend on VGG-16', async () => {
		const arch = presetArchitecture('vgg16');
		const points = async () => {
			const x = image(5);
			try {
				return await erfByDepth(arch, receptiveField(arch, SIDE, SIDE), x, settings[0], 6);
			} finally {
				x.dispose();
			}
		};
		const { cpu, wasm } = await onCpuThenWasm(points);
		expect(wasm.map((p) => p.radius95)).toEqual(cpu.map((p) => p.radius95));
		wasm.forEach((p, i) =>
			expect(Math.abs(p.sigma - cpu[i].sigma)).toBeLessThan(1e-4 * cpu[i].sigma)
		);
	});
});

describe('the selfie network', () => {
	const models: Partial<Record<TestBackend, GraphModel>> = {};
	beforeAll(async () => {
		for (const backend of TEST_BACKENDS) {
			await useBackend(backend);
			models[backend] = await loadShippedSelfie();
		}
	});
	afterAll(async () => {
		for (const backend of TEST_BACKENDS) {
			await useBackend(backend);
			models[backend]?.dispose();
		}
	});

	// The person score's plain input gradient runs the same kernels through the whole graph; it is
	// left out here for time (the CPU backend takes tens of seconds per pass on this graph).
	it('a unit’s field and Grad-CAM equal the CPU backend’s within 1e-4', async () => {
		const run = async () => {
			const model = models[tf.getBackend() as TestBackend]!;
			const x = tf.randomUniform([256, 256, 3], 0, 1, 'float32', 9) as tf.Tensor3D;
			try {
				const field = await selfieUnitGradient(model, x, 'conv2d_4_1', 3, 30, 33);
				const cam = await selfieSaliency(model, x, 'gradcam', 'add_4__xeno_compat__1');
				return [field, normalised(cam.values)];
			} finally {
				x.dispose();
			}
		};
		const { cpu, wasm } = await onCpuThenWasm(run);
		expect(relativeDiff(wasm[0], cpu[0])).toBeLessThan(1e-4);
		expect(maxAbs(wasm[1], cpu[1])).toBeLessThan(1e-4);
	}, 300_000);
});

describe('training steps', () => {
	it('one step of the classifier (batch norm, ReLU, max pools) moves every weight as on CPU', async () => {
		const batch = 2;
		const images = fashionTestImages(batch);
		const labels = Array.from({ length: batch }, (_, i) => (i * 3) % 10);
		const step = () => {
			const model = buildFashionClassifier({ seed: 4 });
			const before = model.getWeights().map((w) => w.dataSync() as Float32Array);
			// plain gradient descent at rate 1 (the Adam interface trainStep takes): delta = −gradient
			const optimizer: Adam = {
				learningRate: 1,
				minimize(f, vars) {
					const { value, grads } = tf.variableGrads(f, vars);
					tf.tidy(() => vars.forEach((v) => v.assign(tf.sub(v, grads[v.name]))));
					tf.dispose(Object.values(grads));
					return value;
				},
				dispose() {}
			};
			const x = tf.tensor4d(images, [batch, 28, 28, 1]);
			const { loss } = trainStep(model, optimizer, x, labels);
			const deltas = model.getWeights().map((w, i) => {
				const after = w.dataSync() as Float32Array;
				return after.map((v, k) => v - before[i][k]);
			});
			x.dispose();
			optimizer.dispose();
			model.dispose();
			return { loss, deltas };
		};
		const { cpu, wasm } = await onCpuThenWasm(step);
		expect(Math.abs(wasm.loss - cpu.loss)).toBeLessThan(1e-5);
		expect(setDiff(wasm.deltas, cpu.deltas)).toBeLessThan(1e-4);
	});

	// Batches of 2: the CPU reference needs ConvLab's ResizeNearestNeighborGrad for that
	// (resizeNearestGradient.ts), which switchBackend('cpu') registers.
	it.each([
		['resize', 2],
		['transposed', 2]
	] as const)(
		'the U-Net’s gradients for one batch equal the CPU backend’s (%s, batch %i)',
		async (upsampling, b) => {
			const random = seededRandom(8);
			const side = 16;
			const rgb = Float32Array.from({ length: b * side * side * 3 }, () => random());
			const classOf = Array.from({ length: b * side * side }, () => Math.floor(random() * 2));
			const oneHot = Float32Array.from({ length: b * side * side * 2 }, (_, i) =>
				classOf[i >> 1] === (i & 1) ? 1 : 0
			);
			const mask = Float32Array.from(classOf, (_, i) => (i % 3 === 0 ? 1 : 0));
			const gradients = async () => {
				const net = createUNet(
					{
						depth: 3,
						base: 4,
						skips: true,
						upsampling,
						upKernel: 3,
						batchNorm: true,
						classes: 2
					},
					6
				);
				const recorded: Float32Array[] = [];
				const recorder: Adam = {
					learningRate: 0,
					minimize(f, vars) {
						const { value, grads } = tf.variableGrads(f, vars);
						for (const v of vars) recorded.push(grads[v.name].dataSync() as Float32Array);
						tf.dispose(Object.values(grads));
						return value;
					},
					dispose() {}
				};
				const batch = {
					images: tf.tensor4d(rgb, [b, side, side, 3]),
					oneHot: tf.tensor4d(oneHot, [b, side, side, 2]),
					mask: tf.tensor3d(mask, [b, side, side])
				};
				const loss = await trainOnBatch(net, recorder, batch);
				expect(recorded.length).toBe(trainableVariables(net).length);
				tf.dispose([batch.images, batch.oneHot, batch.mask]);
				disposeUNet(net);
				return { loss, recorded };
			};
			const { cpu, wasm } = await onCpuThenWasm(gradients);
			expect(Math.abs(wasm.loss - cpu.loss)).toBeLessThan(1e-5);
			expect(setDiff(wasm.recorded, cpu.recorded)).toBeLessThan(1e-4);
		}
	);
});
