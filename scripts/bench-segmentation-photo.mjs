#!/usr/bin/env node
/**
 * `node scripts/bench-segmentation-photo.mjs [--steps=200] [--res=128] [--crops=random,strokes] [--lr=0.01]`:
 * how long the Segmentation lab's live U-Net (the lab's default architecture, its training step)
 * takes to give a useful mask on a real photo, in Node on TF.js's WASM backend (what the lab's
 * worker trains on). The photo is skimage's astronaut (static/samples/astronaut.jpg, decoded by
 * headless Chromium at the lab's working size); the reference is an independent network's
 * mask of the same photo — MediaPipe Selfie (static/models/selfie), a person segmenter trained on
 * real photos. The strokes are what a learner paints: three horizontal strokes across the
 * picture, kept ≥ 6 px inside the person (Foreground) or ≥ 6 px outside it (Background).
 *
 * Reports, for each crop sampling (`random`: anywhere in the picture, as before; `strokes`:
 * every crop holds a painted pixel, the classes in turn), the IoU of the mask against the
 * reference every 10 steps over `--steps` steps, and the first step (and seconds of training)
 * from which it stays at or above 0.65, 0.7 and 0.75 for three checks in a row. Steps are
 * comparable across machines; seconds depend on the machine and its load.
 * Writes bench-results/bench-segmentation-photo.json.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { register } from 'node:module';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumPath } from './chromium.js';

register('./engineLoader.mjs', import.meta.url);
const tf = await import('@tensorflow/tfjs');
await import('@tensorflow/tfjs-backend-wasm');
const { switchBackend } = await import('../src/lib/engine/wasmKernels.ts');
const { createUNet, disposeUNet, unetProbabilities } =
	await import('../src/lib/engine/segmentation/unet.ts');
const { DEFAULT_STEP, trainingStep } =
	await import('../src/lib/engine/segmentation/trainingStep.ts');
const { adam } = await import('../src/lib/engine/adam.ts');
const { objectMask } = await import('../src/lib/engine/segmentation/sceneScore.ts');
const { intersectionOverUnion } =
	await import('../src/lib/engine/segmentation/segmentationMetrics.ts');
const { seededRandom } = await import('../src/lib/engine/seededRandom.ts');
const { segmentationSchema } = await import('../src/lib/state/segmentationState.ts');
const { deserializeUNet } = await import('../src/lib/engine/segmentation/unetWeights.ts');

const arg = (name, def) =>
	process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? def;
const STEPS = Number(arg('steps', 200));
const RES = Number(arg('res', 128));
const CROPS = arg('crops', 'random,strokes').split(',');
/** "useful": IoU at least this, on three checks in a row (10 steps apart) */
const THRESHOLDS = [0.65, 0.7, 0.75];
const LEARNING_RATE = Number(arg('lr', 0.01)); // the worker's: 0.01
/**
 * `fresh`: the lab's default architecture, random weights (what the lab does). `pretrained`:
 * the pretrained U-Net's architecture with its encoder (trained on scenes) and a fresh decoder;
 * `fresh-like-pretrained`: that architecture with random weights, for a fair comparison.
 */
const INIT = arg('init', 'fresh');

// 1. The photo at the lab's working size, decoded by Chromium (Node has no JPEG decoder here).
const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
const page = await browser.newPage();
const jpeg = readFileSync('static/samples/astronaut.jpg').toString('base64');
const { width, height, rgba } = await page.evaluate(
	async ({ data, res }) => {
		const img = new Image();
		img.src = `data:image/jpeg;base64,${data}`;
		await img.decode();
		const scale = res / Math.max(img.naturalWidth, img.naturalHeight);
		const w = Math.round(img.naturalWidth * scale);
		const h = Math.round(img.naturalHeight * scale);
		const canvas = document.createElement('canvas');
		canvas.width = w;
		canvas.height = h;
		const c = canvas.getContext('2d');
		c.imageSmoothingQuality = 'high';
		c.drawImage(img, 0, 0, w, h);
		return { width: w, height: h, rgba: Array.from(c.getImageData(0, 0, w, h).data) };
	},
	{ data: jpeg, res: RES }
);
await browser.close();
const rgb = new Float32Array(width * height * 3);
for (let i = 0; i < width * height; i++)
	for (let c = 0; c < 3; c++) rgb[i * 3 + c] = rgba[i * 4 + c] / 255;

// As the app's training worker starts it: ConvLab's WASM kernels, registered in one place.
if (!(await switchBackend('wasm'))) throw new Error('WASM did not start');

// 2. The reference: MediaPipe Selfie's person mask, at the working size.
const json = JSON.parse(readFileSync('static/models/selfie/selfie.json', 'utf8'));
const bin = readFileSync('static/models/selfie/selfie.bin');
const selfie = await tf.loadGraphModel(
	tf.io.fromMemory({
		modelTopology: json.modelTopology,
		weightSpecs: json.weightsManifest.flatMap((g) => g.weights),
		weightData: bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength)
	})
);
const reference = tf.tidy(() => {
	const x = tf.image.resizeBilinear(tf.tensor3d(rgb, [height, width, 3]), [256, 256], true);
	const y = selfie.execute(tf.expandDims(x, 0));
	const m = tf.image.resizeBilinear(tf.squeeze(y, [0]), [height, width], true);
	return Uint8Array.from(m.dataSync(), (v) => (v > 0.5 ? 1 : 0));
});
selfie.dispose();

// 3. The strokes: three rows across the picture, painted where the reference is clear.
const clear = (y, x, want, margin) => {
	for (let dy = -margin; dy <= margin; dy++)
		for (let dx = -margin; dx <= margin; dx++) {
			const yy = Math.min(height - 1, Math.max(0, y + dy));
			const xx = Math.min(width - 1, Math.max(0, x + dx));
			if (reference[yy * width + xx] !== want) return false;
		}
	return true;
};
const labels = new Uint8Array(width * height);
for (const fy of [0.3, 0.55, 0.8]) {
	for (let dy = -2; dy <= 2; dy++) {
		const y = Math.round(fy * height) + dy;
		for (let x = 0; x < width; x++) {
			if (clear(y, x, 1, 6)) labels[y * width + x] = 1;
			else if (clear(y, x, 0, 6)) labels[y * width + x] = 2;
		}
	}
}
const painted = [1, 2].map((v) => labels.filter((l) => l === v).length);
const personShare = reference.reduce((a, b) => a + b, 0) / reference.length;
console.log(
	`astronaut at ${height}×${width}: person ${(100 * personShare).toFixed(0)} % of the picture (selfie model); painted ${painted[0]} Foreground + ${painted[1]} Background pixels`
);

// 4. Train as the lab does (its default U-Net, its step), checking the mask every 10 steps.
const defaults = Object.fromEntries(
	Object.entries(segmentationSchema()).map(([k, f]) => [k, f.default])
);
const pretrainedManifest = JSON.parse(readFileSync('static/models/unet-scenes/unet.json', 'utf8'));
const config =
	INIT === 'fresh'
		? {
				depth: defaults.depth,
				base: defaults.base,
				skips: defaults.skips,
				upsampling: defaults.up,
				upKernel: defaults.upk,
				batchNorm: defaults.bn,
				classes: 2
			}
		: pretrainedManifest.config;
/** A network of `config`, seed 1; with INIT=pretrained its encoder holds the pretrained weights. */
function startingNetwork() {
	const net = createUNet(config, 1);
	if (INIT !== 'pretrained') return net;
	const raw = readFileSync('static/models/unet-scenes/unet.bin');
	const pre = deserializeUNet(
		pretrainedManifest,
		new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength))
	);
	net.encoder.forEach((level, l) =>
		level.forEach((layer, j) => {
			for (const key of ['filter', 'bias', 'gamma', 'beta', 'mean', 'variance'])
				if (layer[key]) layer[key].assign(pre.encoder[l][j][key]);
		})
	);
	disposeUNet(pre);
	return net;
}
const image = { rgb, labels, height, width };
const runs = [];
for (const crops of CROPS) {
	const net = startingNetwork();
	const optimizer = adam(LEARNING_RATE);
	const random = seededRandom(1);
	const settings = { ...DEFAULT_STEP, aroundStrokes: crops === 'strokes' };
	const curve = [];
	let trainMs = 0;
	for (let step = 1; step <= STEPS; step++) {
		const t0 = performance.now();
		await trainingStep(net, optimizer, image, settings, random);
		trainMs += performance.now() - t0;
		if (step % 10) continue;
		const x = tf.tensor3d(rgb, [height, width, 3]);
		const p = unetProbabilities(net, x);
		const iou = intersectionOverUnion(objectMask(await p.data(), 2), reference, 1);
		tf.dispose([x, p]);
		curve.push({ step, seconds: +(trainMs / 1000).toFixed(1), iou: +iou.toFixed(3) });
	}
	const useful = Object.fromEntries(
		THRESHOLDS.map((t) => {
			const i = curve.findIndex(
				(_, k) => curve.slice(k, k + 3).filter((c) => c.iou >= t).length === 3
			);
			return [t, i < 0 ? null : { step: curve[i].step, seconds: curve[i].seconds }];
		})
	);
	disposeUNet(net);
	optimizer.dispose();
	const stepsPerSecond = curve.at(-1).step / curve.at(-1).seconds;
	const reached = THRESHOLDS.map(
		(t) =>
			`IoU ≥ ${t}: ${useful[t] ? `step ${useful[t].step} (${useful[t].seconds} s)` : 'not reached'}`
	).join('; ');
	console.log(
		`crops=${crops} lr=${LEARNING_RATE} init=${INIT}: ${reached}; ${stepsPerSecond.toFixed(1)} steps/s; IoU by step: ${curve.map((c) => `${c.step}:${c.iou}`).join(' ')}`
	);
	runs.push({ crops, useful, stepsPerSecond, curve });
}
mkdirSync('bench-results', { recursive: true });
writeFileSync(
	'bench-results/bench-segmentation-photo.json',
	JSON.stringify(
		{ date: new Date().toISOString(), res: RES, height, width, painted, init: INIT, config, runs },
		null,
		1
	)
);
