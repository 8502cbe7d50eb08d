#!/usr/bin/env node
/**
 * `node scripts/gradient-parity.mjs [--images=200]`: WASM against the CPU backend, with TF.js
 * 4.22's own WASM max-pool gradient ("before") and with ConvLab's (registerWasmKernels, "after"):
 *  - Grad-CAM of the shipped classifier on test images 0…n−1, at the layer /network shows (the
 *    last conv/activation map wider than 3×3), predicted class, normalised to its maximum:
 *    images over 1e-4, over 0.25, hottest cell moved, largest difference;
 *  - the effective receptive field of the centre unit at up to 12 depths of the four TF-Slim presets
 *    and a custom stack with pools (seeded random weights, linear and ReLU, 2 channels, a 96²
 *    image in [−1, 1]): maps over 1e-6 relative, largest relative difference.
 * Writes bench-results/gradient-parity.json. The unit tests (tests/unit/engine/gradientsOnWasm
 * .test.ts) check a subset of the same on every run.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pngjs from 'pngjs';
import { importTs } from './tsModules.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const IMAGES = Number(process.argv.find((a) => a.startsWith('--images='))?.slice(9) ?? 200);
const ERF_SIDE = 96;

const m = await importTs(root, {
	cam: 'src/lib/engine/gradCam.ts',
	layers: 'src/lib/engine/classifierLayers.ts',
	data: 'src/lib/engine/fashionMnistData.ts',
	kernels: 'src/lib/engine/wasmKernels.ts',
	pool: 'src/lib/engine/maxPoolGradient.ts',
	erf: 'src/lib/engine/effectiveReceptiveField.ts',
	rf: 'src/lib/engine/receptiveField.ts',
	catalogue: 'src/lib/engine/architectures/catalogue.ts',
	arch: 'src/lib/engine/architectures/architecture.ts'
});
const quiet = console.warn;
console.warn = () => {};
const tf = await import('@tensorflow/tfjs');
await import('@tensorflow/tfjs-backend-wasm');
console.warn = quiet;

await tf.setBackend('wasm');
await tf.ready();
const builtIn = tf.getKernel('MaxPoolGrad', 'wasm');
m.kernels.registerWasmKernels('wasm');
/** Which max-pool gradient WASM uses: TF.js's own ('before') or ConvLab's ('after'). */
function useMaxPoolGradient(which) {
	tf.unregisterKernel('MaxPoolGrad', 'wasm');
	if (which === 'before') tf.registerKernel(builtIn);
	else m.pool.registerMaxPoolGradient('wasm');
}

async function loadClassifier() {
	const dir = `${root}/static/models/fashion-cnn/`;
	const json = JSON.parse(readFileSync(`${dir}model.json`, 'utf8'));
	const bytes = readFileSync(`${dir}weights.bin`);
	return tf.loadLayersModel(
		tf.io.fromMemory({
			modelTopology: json.modelTopology,
			weightSpecs: json.weightsManifest[0].weights,
			weightData: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)
		})
	);
}

const png = pngjs.PNG.sync.read(readFileSync(`${root}/static/data/fashion-mnist/test-images.png`));
const images = m.data.spriteToImages(png.data, png.width, png.height, IMAGES, 100);

/** The normalised Grad-CAM of every image on the current backend. */
async function cams() {
	const model = await loadClassifier();
	const layers = m.layers.classifierLayers(model);
	let layer = -1;
	for (let i = layers.length - 1; i >= 0 && layer < 0; i--) {
		const l = layers[i];
		if (l.shape.length === 3 && l.shape[0] > 3 && (l.kind === 'activation' || l.kind === 'conv'))
			layer = i;
	}
	const out = [];
	for (let n = 0; n < IMAGES; n++) {
		const x = tf.tensor3d(images.subarray(n * 784, (n + 1) * 784), [28, 28, 1]);
		const cls = tf.tidy(() => model.predict(tf.expandDims(x, 0)).argMax(-1).dataSync()[0]);
		const { cam, weights } = m.cam.gradCam(model, x, layer, cls);
		const values = cam.dataSync();
		const top = values.reduce((a, b) => Math.max(a, b), 0);
		out.push(top > 0 ? values.map((v) => v / top) : values);
		tf.dispose([x, cam, weights]);
	}
	model.dispose();
	return { layer: layers[layer].name, maps: out };
}

const argmax = (a) => a.reduce((best, v, i) => (v > a[best] ? i : best), 0);

function compareCams(cpu, wasm) {
	let over = 0;
	let overQuarter = 0;
	let moved = 0;
	let worst = 0;
	cpu.forEach((c, n) => {
		let d = 0;
		for (let i = 0; i < c.length; i++) d = Math.max(d, Math.abs(c[i] - wasm[n][i]));
		if (d > 1e-4) over++;
		if (d > 0.25) overQuarter++;
		if (argmax(c) !== argmax(wasm[n])) moved++;
		worst = Math.max(worst, d);
	});
	return {
		images: cpu.length,
		over1e4: over,
		over025: overQuarter,
		hottestMoved: moved,
		maxDiff: worst
	};
}

function customStack() {
	const { chain, layer } = m.arch;
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
const ARCHS = [
	...['alexnet', 'vgg16', 'mobilenet', 'resnet50'].map((id) => [
		id,
		() => m.catalogue.presetArchitecture(id)
	]),
	['custom', customStack]
];

/** Every ERF map (arch × depth × activation) on the current backend. */
async function erfs() {
	const image = tf.tidy(() =>
		tf.sub(tf.mul(tf.randomUniform([ERF_SIDE, ERF_SIDE, 3], 0, 1, 'float32', 3), 2), 1)
	);
	const out = {};
	for (const [id, build] of ARCHS) {
		const arch = build();
		const table = m.rf.receptiveField(arch, ERF_SIDE, ERF_SIDE);
		out[id] = [];
		const nodes = table.rows
			.map((row, i) => (row.y.size > 0 && row.x.size > 0 ? i : -1))
			.filter((i) => i >= 0);
		// up to 12 depths, spread evenly, the deepest included
		const picked = nodes.filter(
			(_, k) => k % Math.ceil(nodes.length / 12) === 0 || k === nodes.length - 1
		);
		for (const activation of ['linear', 'relu'])
			for (const index of picked) {
				const row = table.rows[index];
				const g = await m.erf.effectiveReceptiveField(
					arch,
					image,
					index,
					Math.floor(row.y.size / 2),
					Math.floor(row.x.size / 2),
					{ weights: 'random', activation, channels: 2 }
				);
				out[id].push(g.data);
			}
	}
	image.dispose();
	return out;
}

function compareErfs(cpu, wasm) {
	const result = {};
	for (const id of Object.keys(cpu)) {
		let over = 0;
		let worst = 0;
		cpu[id].forEach((c, k) => {
			let d = 0;
			let scale = 0;
			for (let i = 0; i < c.length; i++) {
				d = Math.max(d, Math.abs(c[i] - wasm[id][k][i]));
				scale = Math.max(scale, Math.abs(c[i]));
			}
			const rel = scale > 0 ? d / scale : d;
			if (rel > 1e-6) over++;
			worst = Math.max(worst, rel);
		});
		result[id] = { maps: cpu[id].length, over1e6: over, maxRelDiff: worst };
	}
	return result;
}

await tf.setBackend('cpu');
const cpuCams = await cams();
const cpuErfs = await erfs();
const report = { date: new Date().toISOString(), images: IMAGES, camLayer: cpuCams.layer };
for (const which of ['before', 'after']) {
	await tf.setBackend('wasm');
	useMaxPoolGradient(which);
	const wasmCams = await cams();
	const wasmErfs = await erfs();
	report[which] = {
		gradCam: compareCams(cpuCams.maps, wasmCams.maps),
		erf: compareErfs(cpuErfs, wasmErfs)
	};
	console.log(which, JSON.stringify(report[which], null, 1));
}
mkdirSync(`${root}/bench-results`, { recursive: true });
writeFileSync(`${root}/bench-results/gradient-parity.json`, JSON.stringify(report, null, 2));
