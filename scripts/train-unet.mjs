#!/usr/bin/env node
/**
 * `node scripts/train-unet.mjs [--seconds=480]`: pretrains the Segmentation lab's own U-Net on
 * procedurally generated scenes (shapes on textured backgrounds, exact masks; a fresh batch
 * every step, so it never sees a scene twice), in Node on TF.js's WASM backend with the conv
 * gradients of src/lib/engine (the same code the lab trains with), then measures its IoU on
 * held-out scenes (seeds it never trained on) and writes static/models/unet-scenes/:
 * unet.json (config, shapes, how it was made, the held-out IoU), unet.bin (float32), README.md.
 * Deterministic for a given step count; the wall-clock budget decides the count.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { register } from 'node:module';
import { cpus } from 'node:os';

register('./engineLoader.mjs', import.meta.url);
const tf = await import('@tensorflow/tfjs');
await import('@tensorflow/tfjs-backend-wasm');
const { switchBackend } = await import('../src/lib/engine/wasmKernels.ts');
const { createUNet, parameterCount, unetProbabilities, disposeUNet } =
	await import('../src/lib/engine/segmentation/unet.ts');
const { trainOnBatch } = await import('../src/lib/engine/segmentation/trainingStep.ts');
const { adam } = await import('../src/lib/engine/adam.ts');
const { encodeScribbles } = await import('../src/lib/engine/segmentation/scribbleLabels.ts');
const { proceduralScene } = await import('../src/lib/engine/segmentation/proceduralScene.ts');
const { intersectionOverUnion, boundaryFScore, argmaxClasses } =
	await import('../src/lib/engine/segmentation/segmentationMetrics.ts');
const { serializeUNet } = await import('../src/lib/engine/segmentation/unetWeights.ts');

const arg = (name, def) =>
	Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? def);
const SECONDS = arg('seconds', 480);
const SIZE = 64;
const BATCH = 8;
const HELD_OUT = arg('heldout', 100);
const HELD_OUT_SEED = 1_000_000;
const LEARNING_RATE = 0.005;
const CONFIG = {
	depth: 3,
	base: 8,
	skips: true,
	upsampling: 'resize',
	upKernel: 3,
	batchNorm: true,
	classes: 2
};
const OUT = 'static/models/unet-scenes';

if (!(await switchBackend('wasm'))) throw new Error('WASM did not start');

/** Scene → label plane: Foreground (mask 1) is class 0 → label 1; background class 1 → label 2. */
const labelsOf = (mask) => Uint8Array.from(mask, (m) => (m ? 1 : 2));

function batchOf(step) {
	const images = new Float32Array(BATCH * SIZE * SIZE * 3);
	const oneHot = new Float32Array(BATCH * SIZE * SIZE * 2);
	const mask = new Float32Array(BATCH * SIZE * SIZE);
	for (let b = 0; b < BATCH; b++) {
		const scene = proceduralScene(SIZE, SIZE, step * BATCH + b + 1);
		const encoded = encodeScribbles(labelsOf(scene.mask), 2);
		images.set(scene.rgb, b * SIZE * SIZE * 3);
		oneHot.set(encoded.oneHot, b * SIZE * SIZE * 2);
		mask.set(encoded.mask, b * SIZE * SIZE);
	}
	return {
		images: tf.tensor4d(images, [BATCH, SIZE, SIZE, 3]),
		oneHot: tf.tensor4d(oneHot, [BATCH, SIZE, SIZE, 2]),
		mask: tf.tensor3d(mask, [BATCH, SIZE, SIZE])
	};
}

async function heldOut(net, count = HELD_OUT) {
	let iou = 0;
	let bf = 0;
	for (let i = 0; i < count; i++) {
		const scene = proceduralScene(SIZE, SIZE, HELD_OUT_SEED + i);
		const x = tf.tensor3d(scene.rgb, [SIZE, SIZE, 3]);
		const p = unetProbabilities(net, x);
		const classes = argmaxClasses(await p.data(), 2);
		tf.dispose([x, p]);
		const fg = Uint8Array.from(classes, (c) => (c === 0 ? 1 : 0));
		iou += intersectionOverUnion(fg, scene.mask, 1);
		bf += boundaryFScore(fg, scene.mask, SIZE, SIZE, 2, 1).f;
	}
	return { iou: iou / count, boundaryF: bf / count };
}

const net = createUNet(CONFIG, 7);
const optimizer = adam(LEARNING_RATE);
const started = Date.now();
let step = 0;
let recent = [];
const log = [];
while ((Date.now() - started) / 1000 < SECONDS) {
	const batch = batchOf(step);
	const loss = await trainOnBatch(net, optimizer, batch);
	tf.dispose([batch.images, batch.oneHot, batch.mask]);
	recent.push(loss);
	step++;
	if (step % 50 === 0) {
		const mean = recent.reduce((a, b) => a + b, 0) / recent.length;
		recent = [];
		log.push({ step, loss: Number(mean.toFixed(4)) });
		if (step % 300 === 0) {
			const probe = await heldOut(net, 20);
			console.log(`  held-out IoU on 20 scenes: ${probe.iou.toFixed(3)}`);
		}
		console.log(
			`step ${step}  loss ${mean.toFixed(4)}  ${((Date.now() - started) / 1000).toFixed(0)} s`
		);
	}
}
const trainSeconds = (Date.now() - started) / 1000;
const score = await heldOut(net);
console.log(
	`held-out IoU ${score.iou.toFixed(3)}, boundary F ${score.boundaryF.toFixed(3)} on ${HELD_OUT} scenes`
);

const training = {
	script: 'scripts/train-unet.mjs',
	date: new Date().toISOString().slice(0, 10),
	backend: 'TF.js 4.22 WASM (Node), conv gradients from src/lib/engine/segmentation/fastConv.ts',
	machine: `${cpus().length} CPU cores, shared`,
	size: SIZE,
	data: `procedural scenes ${SIZE}×${SIZE} (src/lib/engine/segmentation/proceduralScene.ts), seeds 1…${step * BATCH}, a fresh batch of ${BATCH} every step`,
	steps: step,
	batch: BATCH,
	optimizer: `Adam, learning rate ${LEARNING_RATE}`,
	loss: 'cross-entropy over every pixel (the masked loss with every pixel labelled)',
	seconds: Math.round(trainSeconds),
	parameters: parameterCount(net),
	heldOut: {
		scenes: HELD_OUT,
		seeds: `${HELD_OUT_SEED}…${HELD_OUT_SEED + HELD_OUT - 1}`,
		iou: Number(score.iou.toFixed(4)),
		boundaryF: Number(score.boundaryF.toFixed(4))
	},
	lossCurve: log
};
const { manifest, weights } = await serializeUNet(net, training);
mkdirSync(OUT, { recursive: true });
writeFileSync(`${OUT}/unet.json`, JSON.stringify(manifest, null, 1));
writeFileSync(
	`${OUT}/unet.bin`,
	Buffer.from(weights.buffer, weights.byteOffset, weights.byteLength)
);
writeFileSync(
	`${OUT}/README.md`,
	`# unet-scenes: ConvLab's own U-Net, pretrained on procedural scenes

Made by \`node scripts/train-unet.mjs --seconds=${SECONDS}\` on ${training.date} (${training.machine}), in Node on
TF.js's WASM backend, with the same U-Net and training code as the Segmentation lab
(src/lib/engine/segmentation/). No external data: every training image is a procedurally
generated scene (one to three discs, ellipses, rectangles or triangles with their own texture on
a textured background) whose mask is exact.

- Architecture: U-Net, depth ${CONFIG.depth} (${SIZE}² → ${SIZE / 2}² → ${SIZE / 4}²), ${CONFIG.base}·2^l channels, skip connections,
  upsampling by nearest-neighbour resize + 3×3 conv, batch norm, ${training.parameters} parameters;
  2 classes: Foreground (the shapes) first, Background second.
- Training: ${step} steps of ${BATCH} fresh ${SIZE}×${SIZE} scenes (${step * BATCH} scenes, none seen twice), Adam
  (learning rate ${LEARNING_RATE}), cross-entropy over every pixel, ${Math.round(trainSeconds)} s.
- Held out: ${HELD_OUT} scenes of seeds ${training.heldOut.seeds}, never trained on:
  **IoU ${score.iou.toFixed(3)}**, boundary F-score (2 px) ${score.boundaryF.toFixed(3)} for Foreground.
- Files: unet.json (config, variable shapes in the order of \`allVariables\`, these facts), unet.bin
  (float32, little-endian, the variables one after another). Loaded by
  \`deserializeUNet\` (src/lib/engine/segmentation/unetWeights.ts).
- Licence: made for ConvLab, under the project's own terms; no third-party weights or data.
`
);
disposeUNet(net);
optimizer.dispose();
console.log(`wrote ${OUT}/ (${weights.length} weights, ${step} steps)`);
