#!/usr/bin/env node
/**
 * `npm run train:classifier`: trains ConvLab's Fashion-MNIST classifier
 * (src/lib/engine/architectures/fashionClassifier.ts) with TF.js in Node on the WASM backend
 * (plus the conv filter-gradient kernel that backend lacks, src/lib/engine/wasmKernels.ts;
 * the Node CPU backend does ~8 images/s, see ../shared/STACK-NOTES.md), evaluates it on all
 * 10,000 test images after every epoch, and writes, after every epoch so a cut-short run
 * still leaves a usable model:
 *   static/models/fashion-cnn/model.json + weights.bin   (TF.js layers model)
 *   static/models/fashion-cnn/README.md                  (how it was made, test accuracy)
 * and, unless --no-data, the data the app ships for live training (scripts/fashionData.mjs).
 *
 * Options:
 *   --epochs=N       most epochs (default 12)
 *   --until=HH:MM    UTC time (or +MINUTES from now) by which the run must end: an epoch that would not finish by then
 *                    is not started, and the learning-rate schedule is fitted to the epochs left
 *   --limit=N        train on the first N training images only (smoke runs)
 *   --test-limit=N   evaluate on the first N test images only (smoke runs; the README says so)
 *   --batch=N        batch size (default 64)
 *   --lr=X           initial Adam learning rate (default 0.002), decayed exponentially to lr/20
 *   --shift=N        augmentation: shift each training image by up to ±N px per epoch (default 1)
 *   --no-batchnorm   build the network without batch norm
 *   --out=DIR        model folder (default static/models/fashion-cnn)
 *   --no-data        do not write static/data/fashion-mnist/
 *   --data-only      only write static/data/fashion-mnist/ (no training)
 *   --train-count=N  training images shipped in static/data (default 6000)
 *   --backend=wasm|cpu
 *   --resume         continue from the model and training-log.json in --out (fresh Adam state):
 *                    for a run that was cut short or had to be restarted
 * With --until the learning rate decays by wall-clock time (the machine's speed is not known in
 * advance) and the run stops mid-epoch when only the time to evaluate and save is left.
 * Smoke run: node scripts/train-classifier.mjs --epochs=1 --limit=256 --test-limit=200 --out=/tmp/m --no-data
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { importTs } from './tsModules.mjs';
import { writeShippedData } from './fashionData.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DATA_DIR = '/usr/share/datasets/fashion-mnist';
const FILES = {
	trainImages: 'train-images-idx3-ubyte.gz',
	trainLabels: 'train-labels-idx1-ubyte.gz',
	testImages: 't10k-images-idx3-ubyte.gz',
	testLabels: 't10k-labels-idx1-ubyte.gz'
};

const argv = process.argv.slice(2);
const opt = (name, fallback) => {
	const hit = argv.find((a) => a.startsWith(`--${name}=`));
	return hit ? hit.slice(name.length + 3) : fallback;
};
const flag = (name) => argv.includes(`--${name}`);
const options = {
	epochs: Number(opt('epochs', 12)),
	until: opt('until', null),
	limit: opt('limit', null) === null ? null : Number(opt('limit')),
	testLimit: opt('test-limit', null) === null ? null : Number(opt('test-limit')),
	batch: Number(opt('batch', 64)),
	lr: Number(opt('lr', 0.002)),
	shift: Number(opt('shift', 1)),
	batchNorm: !flag('no-batchnorm'),
	out: resolve(root, opt('out', 'static/models/fashion-cnn')),
	data: !flag('no-data'),
	dataOnly: flag('data-only'),
	trainCount: Number(opt('train-count', 6000)),
	backend: opt('backend', 'wasm'),
	seed: Number(opt('seed', 1)),
	resume: flag('resume')
};
/** Time kept free at the end of a --until run to evaluate on 10,000 images and save. */
const RESERVE_MS = 4 * 60e3;
const LR_FLOOR = 1 / 20;

function ensureDataset() {
	if (Object.values(FILES).every((f) => existsSync(join(DATA_DIR, f)))) return;
	console.log('Fashion-MNIST missing: apt-get install -y dataset-fashion-mnist');
	execFileSync('apt-get', ['install', '-y', 'dataset-fashion-mnist'], { stdio: 'inherit' });
}

function log(message) {
	console.log(`[${new Date().toISOString().slice(11, 19)}] ${message}`);
}

ensureDataset();
const { idx, arch, grads } = await importTs(root, {
	idx: 'src/lib/engine/idx.ts',
	arch: 'src/lib/engine/architectures/fashionClassifier.ts',
	grads: 'src/lib/engine/wasmKernels.ts'
});
const read = (file) => idx.readIdx(new Uint8Array(gunzipSync(readFileSync(join(DATA_DIR, file)))));
const data = {
	trainImages: read(FILES.trainImages),
	trainLabels: read(FILES.trainLabels),
	testImages: read(FILES.testImages),
	testLabels: read(FILES.testLabels)
};
log(
	`read ${data.trainImages.shape.join('×')} training and ${data.testImages.shape.join('×')} test images`
);

if (options.data || options.dataOnly) {
	const written = writeShippedData(resolve(root, 'static/data/fashion-mnist'), data, {
		trainCount: options.trainCount
	});
	log(`wrote ${written.join(', ')}`);
}
if (options.dataOnly) process.exit(0);

// Silence the "install tfjs-node" banner: this script trains on WASM on purpose.
const quiet = console.warn;
console.warn = () => {};
const tf = await import('@tensorflow/tfjs');
await import('@tensorflow/tfjs-backend-wasm');
console.warn = quiet;
if (!(await tf.setBackend(options.backend)))
	throw new Error(`backend ${options.backend} did not start`);
await tf.ready();
if (options.backend === 'wasm') grads.registerWasmKernels('wasm');
log(`backend ${tf.getBackend()}`);

const PIXELS = 28 * 28;
const trainCount = Math.min(options.limit ?? Infinity, data.trainLabels.shape[0]);
const testCount = Math.min(options.testLimit ?? Infinity, data.testLabels.shape[0]);
const trainPixels = data.trainImages.values.subarray(0, trainCount * PIXELS);
const trainLabels = data.trainLabels.values.subarray(0, trainCount);
const testPixels = data.testImages.values.subarray(0, testCount * PIXELS);
const testLabels = data.testLabels.values.subarray(0, testCount);

/** Images as [n, 28, 28, 1] floats in [0, 1], each shifted by a random (dy, dx) in ±shift. */
function imagesTensor(pixels, n, shift, random) {
	const out = new Float32Array(n * PIXELS);
	for (let i = 0; i < n; i++) {
		const dy = shift ? Math.floor(random() * (2 * shift + 1)) - shift : 0;
		const dx = shift ? Math.floor(random() * (2 * shift + 1)) - shift : 0;
		const base = i * PIXELS;
		for (let y = 0; y < 28; y++) {
			const sy = y - dy;
			if (sy < 0 || sy >= 28) continue; // the background is 0 (black)
			for (let x = 0; x < 28; x++) {
				const sx = x - dx;
				if (sx >= 0 && sx < 28) out[base + y * 28 + x] = pixels[base + sy * 28 + sx] / 255;
			}
		}
	}
	return tf.tensor4d(out, [n, 28, 28, 1]);
}

/** Mulberry32: a seeded stream, so a run's augmentation is reproducible. */
function seeded(seed) {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

function evaluate(model, xs) {
	const correct = new Array(10).fill(0);
	const total = new Array(10).fill(0);
	let lossSum = 0;
	const chunk = 500;
	for (let start = 0; start < testCount; start += chunk) {
		const n = Math.min(chunk, testCount - start);
		const labels = testLabels.subarray(start, start + n);
		const [predicted, loss] = tf.tidy(() => {
			const p = model.predict(xs.slice([start, 0, 0, 0], [n, 28, 28, 1]));
			const y = tf.oneHot(tf.tensor1d(labels, 'int32'), 10);
			const l = tf.sum(
				tf.losses.softmaxCrossEntropy(
					y,
					tf.log(tf.add(p, 1e-7)),
					undefined,
					undefined,
					tf.Reduction.NONE
				)
			);
			return [p.argMax(-1).dataSync(), l.dataSync()[0]];
		});
		lossSum += loss;
		for (let i = 0; i < n; i++) {
			total[labels[i]]++;
			if (predicted[i] === labels[i]) correct[labels[i]]++;
		}
	}
	const right = correct.reduce((a, b) => a + b, 0);
	return {
		accuracy: right / testCount,
		loss: lossSum / testCount,
		perClass: correct.map((c, k) => (total[k] ? c / total[k] : NaN))
	};
}

async function saveModel(model, dir) {
	mkdirSync(dir, { recursive: true });
	await model.save(
		tf.io.withSaveHandler(async (artifacts) => {
			const json = {
				format: 'layers-model',
				generatedBy: `TensorFlow.js tfjs-layers v${tf.version.layers}`,
				convertedBy: null,
				modelTopology: artifacts.modelTopology,
				weightsManifest: [{ paths: ['weights.bin'], weights: artifacts.weightSpecs }]
			};
			// Write then rename, so a reader never sees half a file.
			writeFileSync(join(dir, 'weights.bin.tmp'), Buffer.from(artifacts.weightData));
			writeFileSync(join(dir, 'model.json.tmp'), JSON.stringify(json));
			renameSync(join(dir, 'weights.bin.tmp'), join(dir, 'weights.bin'));
			renameSync(join(dir, 'model.json.tmp'), join(dir, 'model.json'));
			return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
		})
	);
}

function pct(x) {
	return `${(100 * x).toFixed(2)} %`;
}

function imagesSeenText(n) {
	return n.toLocaleString('en');
}

function writeReadme(dir, facts) {
	const { history, params, seconds, imagesPerSecond, finished } = facts;
	const last = history[history.length - 1];
	const rows = history
		.map(
			(h) =>
				`| ${h.epoch} | ${h.lr.toExponential(2)} | ${h.trainLoss.toFixed(4)} | ${pct(h.trainAccuracy)} | ${h.test.loss.toFixed(4)} | ${pct(h.test.accuracy)} | ${h.seconds.toFixed(0)} |`
		)
		.join('\n');
	const perClass = arch.FASHION_CLASSES.map(
		(name, k) => `| ${k} | ${name} | ${pct(last.test.perClass[k])} |`
	).join('\n');
	const command = commands.join('\n');
	const layerRows = facts.model.layers
		.map((l) => {
			const n = l.countParams();
			return `| ${l.name} | ${l.getClassName()} | ${JSON.stringify(l.outputShape).replace(/null/g, 'N')} | ${n} |`;
		})
		.join('\n');
	const text = `# fashion-cnn: ConvLab's Fashion-MNIST classifier

A small VGG-style CNN trained from scratch by \`scripts/train-classifier.mjs\` with TensorFlow.js
${tf.version.tfjs} in Node on the **${tf.getBackend()}** backend. TF.js layers model: \`model.json\` +
\`weights.bin\` (float32). Input \`[null, 28, 28, 1]\` in [0, 1], white garment on black, as the
dataset stores it; output: 10 softmax probabilities (the \`logits\` layer holds the scores before
the softmax). Architecture in \`src/lib/engine/architectures/fashionClassifier.ts\`.
${finished ? '' : '\n**This run is still in progress or was cut short: the figures are those after the last finished epoch.**\n'}
## Result

**Test accuracy: ${pct(last.test.accuracy)}** on ${testCount === 10000 ? 'all 10,000' : `the first ${testCount}`} test images
(test loss ${last.test.loss.toFixed(4)}), after ${last.epoch} epoch${last.epoch === 1 ? '' : 's'} (${imagesSeenText(facts.images)} training images seen).
The test set was only ever used for this report: no choice of the run was made on it.

| label | class | test accuracy |
|---|---|---|
${perClass}

## Architecture (${params.toLocaleString('en')} parameters${options.batchNorm ? ', of which the batch-norm moving statistics are not trained' : ''})

| layer | kind | output shape | parameters |
|---|---|---|---|
${layerRows}

## Training

- Data: Fashion-MNIST (Zalando Research, MIT), ${trainCount.toLocaleString('en')} training images from Debian's \`dataset-fashion-mnist\`.
- Batch ${options.batch}, Adam (β₁ 0.9, β₂ 0.999), learning rate ${options.lr} decayed exponentially per batch to ${(options.lr * LR_FLOOR).toExponential(1)} ${options.until ? 'at the deadline (by wall-clock time, --until)' : 'at the end of the last planned epoch'}; categorical cross-entropy; dropout 0.25 before the logits.
- Augmentation: each epoch every training image is shifted by a random whole-pixel offset in ±${options.shift} px (rows and columns; the uncovered border is black).
- Seed ${options.seed} (initial weights and augmentation).
- Time: ${(seconds / 60).toFixed(1)} min for ${last.epoch} epoch${last.epoch === 1 ? '' : 's'} on one core of a 2-core machine shared with five other engineers' builds and tests, **${imagesPerSecond.toFixed(0)} training images/s** on average (evaluation not counted; the same code did ~120 images/s when the machine was quieter).
${commands.length > 1 ? '- The run was resumed (`--resume`) from the model saved after the previous segment; the Adam moments restarted from zero, the learning-rate schedule restarted as given.\n' : ''}- A row is one pass over the training set or, where the run had to stop at its deadline, the part of one (fractional epoch).

| epochs done | learning rate at the end | train loss | train accuracy (dropout on) | test loss | test accuracy | seconds |
|---|---|---|---|---|---|---|
${rows}

## Reproduce

\`\`\`sh
${command}
\`\`\`
`;
	writeFileSync(join(dir, 'README.md'), text);
}

const logPath = join(options.out, 'training-log.json');
const previous = options.resume
	? JSON.parse(readFileSync(logPath, 'utf8'))
	: { history: [], seconds: 0, images: 0, commands: [] };
const model = options.resume
	? await (async () => {
			const json = JSON.parse(readFileSync(join(options.out, 'model.json'), 'utf8'));
			const bytes = readFileSync(join(options.out, 'weights.bin'));
			return tf.loadLayersModel(
				tf.io.fromMemory({
					modelTopology: json.modelTopology,
					weightSpecs: json.weightsManifest[0].weights,
					weightData: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)
				})
			);
		})()
	: arch.buildFashionClassifier({ batchNorm: options.batchNorm, seed: options.seed });
if (options.resume)
	log(`resumed from ${options.out} after ${previous.history.at(-1)?.epoch} epochs`);
const params = arch.parameterCount(model);
log(`model: ${params} parameters`);
const optimizer = tf.train.adam(options.lr);
model.compile({ optimizer, loss: 'categoricalCrossentropy', metrics: ['accuracy'] });

const random = seeded(options.seed);
const ys = tf.tidy(() => tf.oneHot(tf.tensor1d(trainLabels, 'int32'), 10).toFloat());
const testXs = imagesTensor(testPixels, testCount, 0, random);
const deadline = options.until
	? (() => {
			if (options.until.startsWith('+')) return Date.now() + Number(options.until.slice(1)) * 60e3;
			const [h, m] = options.until.split(':').map(Number);
			const d = new Date();
			d.setUTCHours(h, m, 0, 0);
			if (d.getTime() < Date.now() - 12 * 3600e3) d.setUTCDate(d.getUTCDate() + 1);
			return d.getTime();
		})()
	: Infinity;

const history = previous.history;
const commands = [
	...previous.commands,
	`node scripts/train-classifier.mjs ${argv.join(' ')}`.trim()
];
const doneBefore = history.length ? history[history.length - 1].epoch : 0;
let plannedEpochs = options.epochs;
let trainSeconds = previous.seconds;
let imagesSeen = previous.images;
const started = Date.now();
const batchesPerEpoch = Math.ceil(trainCount / options.batch);
let stopped = false;
for (let epoch = 1; epoch <= plannedEpochs && !stopped; epoch++) {
	const epochStart = Date.now();
	let batchesDone = 0;
	let lossSum = 0;
	let accSum = 0;
	const xs = imagesTensor(trainPixels, trainCount, options.shift, random);
	let lr = options.lr;
	let windowStart = performance.now();
	const fitted = await model.fit(xs, ys, {
		batchSize: options.batch,
		epochs: 1,
		shuffle: true,
		verbose: 0,
		callbacks: {
			onBatchBegin: async (batch) => {
				const progress = Number.isFinite(deadline)
					? Math.min(1, (Date.now() - started) / (deadline - RESERVE_MS - started))
					: Math.min(1, (epoch - 1 + batch / batchesPerEpoch) / plannedEpochs);
				lr = options.lr * LR_FLOOR ** progress;
				optimizer.learningRate = lr;
			},
			onBatchEnd: async (batch, logs) => {
				batchesDone++;
				lossSum += logs.loss;
				accSum += logs.acc;
				if (Date.now() > deadline - RESERVE_MS) {
					model.stopTraining = true;
					stopped = true;
				}
				if ((batch + 1) % 100 === 0) {
					const now = performance.now();
					const rate = (100 * options.batch) / ((now - windowStart) / 1000);
					windowStart = now;
					log(
						`epoch ${epoch} batch ${batch + 1}/${batchesPerEpoch} loss ${logs.loss.toFixed(4)} acc ${logs.acc.toFixed(3)} lr ${lr.toExponential(2)} ${rate.toFixed(0)} images/s`
					);
				}
			}
		}
	});
	xs.dispose();
	void fitted;
	const seconds = (Date.now() - epochStart) / 1000;
	const images = Math.min(trainCount, batchesDone * options.batch);
	trainSeconds += seconds;
	imagesSeen += images;
	// Saved before the evaluation, so a run killed during it still leaves this model.
	await saveModel(model, options.out);
	const test = evaluate(model, testXs);
	const epochsSoFar = Math.round((doneBefore + (epoch - 1) + images / trainCount) * 100) / 100;
	history.push({
		epoch: epochsSoFar,
		lr,
		trainLoss: lossSum / batchesDone,
		trainAccuracy: accSum / batchesDone,
		test,
		seconds
	});
	writeFileSync(
		logPath,
		JSON.stringify({ history, seconds: trainSeconds, images: imagesSeen, commands }, null, '\t') +
			'\n'
	);
	log(
		`epoch ${epoch} done in ${seconds.toFixed(0)} s (${(trainCount / seconds).toFixed(0)} images/s): test accuracy ${pct(test.accuracy)}, loss ${test.loss.toFixed(4)}`
	);
	// Re-plan: how many epochs (of the measured length, plus evaluation) still fit before the deadline.
	const epochWall = (Date.now() - epochStart) / 1000;
	const left = Math.floor((deadline - Date.now()) / 1000 / (epochWall * 1.08));
	const fits = epoch + Math.max(0, left);
	// With a deadline the run stops mid-epoch on its own, so it always starts another epoch
	// while time is left; without one, it runs the epochs asked for.
	const nextPlan = Number.isFinite(deadline)
		? Date.now() < deadline - RESERVE_MS
			? Math.min(options.epochs, Math.max(fits, epoch + 1))
			: epoch
		: Math.min(options.epochs, fits);
	if (nextPlan !== plannedEpochs) log(`planning ${nextPlan} epochs (was ${plannedEpochs})`);
	plannedEpochs = Math.max(epoch, nextPlan);
	writeReadme(options.out, {
		history,
		params,
		seconds: trainSeconds,
		imagesPerSecond: imagesSeen / trainSeconds,
		images: imagesSeen,
		finished: stopped || epoch >= plannedEpochs,
		model
	});
}
log(`finished ${history.length} epochs in ${((Date.now() - started) / 60000).toFixed(1)} min`);
