#!/usr/bin/env node
/**
 * `node scripts/bench-normalization.mjs [--quick] [--grid=none|coarse|full]`: the compute of the
 * data-normalization lab (issue 21), in Node with the app's own engine code (the page itself:
 * bench-normalization-page.mjs):
 *  1. image change → patch moments, the five preprocessings' eigenvalues and κ, and 64×64 loss
 *     contours, on each shipped sample (512² where the sample is; target ≤ 100 ms); plus κ with
 *     patches subsampled at stride 2, to show how much subsampling would move it;
 *  2. the five gradient-descent fits of a 3×3 filter to Sobel x, to convergence or 20,000
 *     steps (target ≤ 2 s), with the iterations each needed;
 *  3. Fashion-MNIST softmax regression, five preprocessings × 100 full-batch steps on the first
 *     2,000 shipped training images, on TF.js's WASM backend in Node (target ≤ 10 s), test
 *     accuracy on all 10,000 test images; per-pixel statistics and the 784×784 eigen-
 *     decomposition for ZCA timed apart. `--grid=coarse` (4 rates) or `full` (the issue's
 *     31-point grid, slow) picks each preprocessing's best learning rate first and prints the
 *     steps-to-loss-0.6 / accuracy table; `none` (default) uses 20/λmax. Then the lab's live path
 *     (the worker's: VariantTrainer, SGD, softmaxVariant) timed for the five runs × 100 steps,
 *     with its steps to loss < 0.6 and test accuracies printed beside the issue's figures.
 * Prints a report and writes bench-results/bench-normalization.json. The machine is shared:
 * the 1-minute load average is printed with every figure, and each time is given twice, wall
 * clock and this process's CPU time (all of it single-threaded: on an idle core the two agree).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readFashionSplit, sampleLuma } from './benchSamples.mjs';
import { importTs } from './tsModules.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const QUICK = process.argv.includes('--quick');
const GRID = process.argv.find((a) => a.startsWith('--grid='))?.slice(7) ?? 'none';
const REPEATS = QUICK ? 3 : 9;
const FASHION_TRAIN = 2000;
const SOBEL_X = [-1, 0, 1, -2, 0, 2, -1, 0, 1];
const SAMPLES = [
	'astronaut.jpg',
	'brick.jpg',
	'camera.jpg',
	'cat.jpg',
	'coffee.jpg',
	'hubble.jpg',
	'rocket.jpg',
	'horse.png'
];
const GRIDS = {
	none: [0],
	coarse: [-10, -5, 0, 5],
	full: Array.from({ length: 31 }, (_, i) => i - 20)
};
if (!GRIDS[GRID]) throw new Error(`--grid=${GRID}: one of none, coarse, full`);

const m = await importTs(root, {
	pixels: 'src/lib/image/pixelsToFloat.ts',
	moments: 'src/lib/engine/normalization/patchMoments.ts',
	conditioning: 'src/lib/engine/normalization/patchConditioning.ts',
	fit: 'src/lib/engine/normalization/filterFit.ts',
	plane: 'src/lib/engine/normalization/lossPlane.ts',
	pre: 'src/lib/engine/normalization/preprocessing.ts',
	fashionPre: 'src/lib/engine/normalization/fashionPreprocessing.ts',
	fashionRun: 'src/lib/engine/normalization/fashionNormalization.ts',
	fashionData: 'src/lib/engine/fashionMnistData.ts',
	softmax: 'src/lib/engine/normalization/softmaxRegression.ts',
	variant: 'src/lib/engine/normalization/softmaxVariant.ts',
	sgd: 'src/lib/engine/sgd.ts',
	trainer: 'src/lib/training/variantTrainer.ts',
	tridiagonal: 'src/lib/engine/normalization/tridiagonalEigen.ts'
});
const PREPROCESSINGS = m.pre.PREPROCESSINGS;
const load = () => Number(loadavg()[0].toFixed(1));
/** Wall-clock and CPU milliseconds of fn(). */
function timed(fn) {
	const cpu = process.cpuUsage();
	const t = performance.now();
	const value = fn();
	const used = process.cpuUsage(cpu);
	return { value, ms: performance.now() - t, cpuMs: (used.user + used.system) / 1000 };
}
/**
 * The 784×784 pixel covariance of a set of two kinds of image (left half bright or right half
 * bright, equally often), as the training workers' unit tests use: rank 1. Its round-off sank to
 * subnormal numbers in the Householder reduction, ~100× slower arithmetic, until
 * tridiagonalEigen took a row below 2⁻⁶⁰⁰ of the largest entry as already reduced.
 */
function twoKindsCovariance() {
	const n = 784;
	const v = Array.from({ length: n }, (_, j) => (j % 28 < 14 ? 1 : -1));
	const variance = (210 / 255) ** 2 / 4;
	const c = new Float64Array(n * n);
	for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) c[a * n + b] = variance * v[a] * v[b];
	return c;
}
const median = (v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];

const report = { date: new Date().toISOString(), repeats: REPEATS, images: [], fashion: null };
for (const file of SAMPLES) report.images.push(measureImage(file));
report.fashion = await measureFashion();
mkdirSync('bench-results', { recursive: true });
writeFileSync('bench-results/bench-normalization.json', JSON.stringify(report, null, 2));
printReport();

function kappas(lab) {
	return Object.fromEntries(
		PREPROCESSINGS.map((p) => {
			const c = lab[p].conditioning;
			return [p, c.ok ? c.kappa : c.reason];
		})
	);
}

function measureImage(file) {
	const image = sampleLuma(root, m.pixels, file);
	/** what the page does on an image change: moments → five spectra and κ → five contour grids */
	const analyse = (sampling) => {
		const lab = m.conditioning.patchConditioning(m.moments.patchMoments(image, sampling));
		for (const p of PREPROCESSINGS) {
			const { eigen } = lab[p];
			if (!lab[p].conditioning.ok) continue;
			const wStar = m.fit.solveByEigen(
				eigen,
				m.pre.crossMoment(lab[p].source, lab[p].transform, SOBEL_X)
			);
			m.plane.lossPlane(eigen, wStar, Float64Array.from([...new Array(9).fill(0), ...wStar]));
		}
		return lab;
	};
	const repeat = (n, fn) => {
		const runs = Array.from({ length: n + 1 }, () => timed(fn)).slice(1);
		return {
			value: runs[0].value,
			ms: median(runs.map((r) => r.ms)),
			cpuMs: median(runs.map((r) => r.cpuMs))
		};
	};
	const change = repeat(REPEATS, () => analyse({}));
	const changeStrided = repeat(REPEATS, () => analyse({ stride: 2, offset: [1, 0] }));
	const lab = change.value;
	const labStrided = changeStrided.value;
	// The five fits to convergence, as the page runs them (drawn every 50 steps).
	const fitRuns = repeat(Math.min(REPEATS, 3), () =>
		PREPROCESSINGS.map((p) => m.fit.fitFilter(lab[p], SOBEL_X, { every: 50 }))
	);
	const fits = fitRuns.value;
	return {
		file,
		width: image.width,
		height: image.height,
		patches: lab.raw01.source.count,
		imageChangeMs: change.ms,
		imageChangeCpuMs: change.cpuMs,
		imageChangeStride2Ms: changeStrided.ms,
		imageChangeStride2CpuMs: changeStrided.cpuMs,
		kappa: kappas(lab),
		kappaStride2: kappas(labStrided),
		fitsMs: fitRuns.ms,
		fitsCpuMs: fitRuns.cpuMs,
		iterations: Object.fromEntries(
			fits.map((f) => [f.preprocessing, f.ok ? f.descent.steps : f.reason])
		),
		converged: Object.fromEntries(fits.map((f) => [f.preprocessing, f.ok && f.descent.converged])),
		predicted: Object.fromEntries(
			fits.map((f) => [f.preprocessing, f.ok ? Math.round(f.predictedSteps) : null])
		),
		load: load()
	};
}

async function measureFashion() {
	const quiet = console.warn;
	console.warn = () => {};
	const tf = await import('@tensorflow/tfjs');
	await import('@tensorflow/tfjs-backend-wasm');
	console.warn = quiet;
	if (!(await tf.setBackend('wasm'))) throw new Error('WASM did not start');
	const train = readFashionSplit(root, m.fashionData, 'train', FASHION_TRAIN);
	const test = readFashionSplit(root, m.fashionData, 'test', 10_000);
	const statsRun = timed(() => m.fashionPre.pixelStatistics(train.images, train.count));
	const stats = statsRun.value;
	const eigenRun = timed(() => m.fashionPre.covarianceEigen(stats));
	const eigen = eigenRun.value;
	const twoKinds = twoKindsCovariance();
	const lowRankRun = timed(() => m.tridiagonal.tridiagonalEigen(twoKinds, 784));
	const transforms = PREPROCESSINGS.map((p) => m.fashionPre.fashionTransform(p, stats, eigen));
	// Timed: the five runs at one learning rate each (20/λmax), 100 steps.
	let stepMs = 0;
	let stepCpuMs = 0;
	const five = timed(() =>
		transforms.map((transform) => {
			const start = { at: 0, cpu: process.cpuUsage() };
			return m.fashionRun.runFashionPreprocessing(train, test, transform, {
				gridExponents: [0],
				onStep: (s) => {
					if (s === 0) Object.assign(start, { at: performance.now(), cpu: process.cpuUsage() });
					if (s === 99) {
						stepMs += performance.now() - start.at;
						const used = process.cpuUsage(start.cpu);
						stepCpuMs += (used.user + used.system) / 1000;
					}
				}
			});
		})
	);
	const live = await measureLive(tf, train, test, transforms);
	const table = [];
	const grid = GRIDS[GRID];
	const runs =
		GRID === 'none'
			? five.value
			: transforms.map((transform) =>
					m.fashionRun.runFashionPreprocessing(train, test, transform, { gridExponents: grid })
				);
	for (const run of runs)
		table.push({
			preprocessing: run.preprocessing,
			lambdaMax: run.lambdaMax,
			bestExponent: grid.length > 1 ? grid[run.best] : 0,
			bestLearningRate: run.learningRates[run.best],
			stepsToLoss06: run.stepsToThreshold[run.best],
			finalLoss: run.losses[run.losses.length - 1],
			testAccuracy: run.testAccuracy
		});
	// λ1/λ2 of the inputs' second moment, raw vs centred (the mean-image direction)
	const top = eigen.values;
	return {
		backend: 'wasm (Node, one thread)',
		train: train.count,
		test: test.count,
		grid: GRID,
		statsMs: statsRun.ms,
		statsCpuMs: statsRun.cpuMs,
		eigenMs: eigenRun.ms,
		eigenCpuMs: eigenRun.cpuMs,
		lowRankEigenMs: lowRankRun.ms,
		lowRankEigenCpuMs: lowRankRun.cpuMs,
		fiveRunsMs: five.ms,
		fiveRunsCpuMs: five.cpuMs,
		stepsOnlyMs: stepMs,
		stepsOnlyCpuMs: stepCpuMs,
		covarianceTop: [top[0], top[1], top[2]],
		positiveEigenvalues: top.filter((v) => v > 1e-8 * top[0]).length,
		tensorsLeft: tf.memory().numTensors,
		live,
		table,
		load: load()
	};
}

/**
 * The lab's live path, as normalizationTrainer.worker.ts runs it: the five preprocessed input sets
 * and their λ1, λ2 (power iteration), then the training stack — one VariantTrainer, the five runs
 * as variants, plain SGD, each run at η = 20/λmax (clf_lr = 1) — for 100 full-batch steps, then
 * each run scored on every test image with its weights folded back onto raw pixels.
 */
async function measureLive(tf, train, test, transforms) {
	const prep = timed(() => {
		const raw = tf.tensor2d(train.images, [train.count, 784]);
		const runs = new Map(
			transforms.map((transform) => {
				const inputs = tf.tidy(() => m.fashionPre.applyFashionTransform(raw, transform));
				const [lambdaMax, lambda2] = m.softmax.inputSecondMomentTopTwo(inputs, 50);
				const transposed = tf.transpose(inputs);
				return [transform.preprocessing, { transform, inputs, transposed, lambdaMax, lambda2 }];
			})
		);
		raw.dispose();
		return runs;
	});
	const runs = prep.value;
	const targets = tf.tidy(() => tf.oneHot(tf.tensor1d(train.labels, 'int32'), 10));
	const task = {
		build: (config) => {
			const run = runs.get(config.preprocessing);
			const rate = (config.rate * 20) / run.lambdaMax;
			return m.variant.buildSoftmaxModel(run.inputs, run.transposed, targets, rate);
		},
		dispose: m.variant.disposeSoftmaxModel,
		variables: (model) => [model.weights, model.bias],
		weights: () => [],
		batches: () => ({ epoch: 0, next: () => true }),
		update: async (model, optimizer) => ({
			loss: await m.variant.softmaxUpdate(model, optimizer)
		})
	};
	const trainer = new m.trainer.VariantTrainer(task, {
		seed: 1,
		variants: PREPROCESSINGS.map((p) => ({ id: p, config: { preprocessing: p, rate: 1 } })),
		learningRate: 0.01,
		batchSize: train.count,
		optimizer: (rate) => m.sgd.sgd(rate)
	});
	const curves = Object.fromEntries(PREPROCESSINGS.map((p) => [p, []]));
	const cpu = process.cpuUsage();
	const t0 = performance.now();
	for (let s = 0; s < 100; s++) {
		const result = await trainer.trainStep();
		for (const [id, values] of Object.entries(result.metrics)) curves[id].push(values.loss);
	}
	const stepsMs = performance.now() - t0;
	const used = process.cpuUsage(cpu);
	const testX = tf.tensor2d(test.images, [test.count, 784]);
	const rows = trainer.variants.map(({ id, model }) => {
		const run = runs.get(id);
		// the loss after the 100th step, as the table's last column
		const after = tf.tidy(() => m.variant.crossEntropy(model));
		const loss = after.dataSync()[0];
		after.dispose();
		const raw = m.fashionPre.rawClassifier(
			run.transform,
			Float32Array.from(model.weights.dataSync()),
			Float32Array.from(model.bias.dataSync())
		);
		return {
			preprocessing: id,
			lambdaMax: run.lambdaMax,
			ratio: run.lambdaMax / run.lambda2,
			stepsToLoss06: m.variant.stepsToThreshold([...curves[id], loss], 0.6),
			finalLoss: loss,
			testAccuracy: m.variant.linearAccuracy(testX, test.labels, raw.weights, raw.bias)
		};
	});
	trainer.dispose();
	for (const run of runs.values()) tf.dispose([run.inputs, run.transposed]);
	tf.dispose([targets, testX]);
	return {
		prepMs: prep.ms,
		prepCpuMs: prep.cpuMs,
		stepsMs,
		stepsCpuMs: (used.user + used.system) / 1000,
		rows
	};
}

function printReport() {
	const f = (v, d = 1) => (typeof v === 'number' ? v.toFixed(d) : String(v));
	const k = (v) => (typeof v === 'number' ? (v >= 100 ? v.toFixed(0) : v.toFixed(3)) : v);
	console.log('\nNormalization lab compute (Node; 3×3 patches of each sample, Sobel x target)');
	console.log(
		'  sample         size     patches  change ms wall/cpu (stride 2)  fits ms wall/cpu   κ raw01 / raw255 / centred / standardised / whitened    iterations (predicted (κ/2)ln(1e3))'
	);
	for (const r of report.images)
		console.log(
			`  ${r.file.padEnd(14)} ${`${r.width}×${r.height}`.padEnd(8)} ${String(r.patches).padStart(7)}  ${f(r.imageChangeMs).padStart(6)}/${f(r.imageChangeCpuMs)} (${f(r.imageChangeStride2Ms)}/${f(r.imageChangeStride2CpuMs)})` +
				`  ${f(r.fitsMs).padStart(8)}/${f(r.fitsCpuMs)}   ${PREPROCESSINGS.map((p) => k(r.kappa[p])).join(' / ')}` +
				`   ${PREPROCESSINGS.map((p) => `${r.iterations[p]}${r.converged[p] ? '' : '(cap)'}`).join(' / ')}` +
				`  (${PREPROCESSINGS.map((p) => r.predicted[p]).join(' / ')})  load ${r.load}`
		);
	console.log('  κ with stride-2 patches, relative to all patches (raw01, centred):');
	for (const r of report.images)
		console.log(
			`    ${r.file.padEnd(14)} ${f((r.kappaStride2.raw01 / r.kappa.raw01 - 1) * 100)} %, ${f((r.kappaStride2.centred / r.kappa.centred - 1) * 100)} %`
		);
	const big = report.images.filter((r) => r.width === 512 && r.height === 512);
	console.log(
		`  512² image change → eigenvalues, κ, contours: median ${f(median(big.map((r) => r.imageChangeMs)))} ms wall, ${f(median(big.map((r) => r.imageChangeCpuMs)))} ms CPU (target ≤ 100)`
	);
	console.log(
		`  five fits to convergence: worst ${f(Math.max(...report.images.map((r) => r.fitsMs)))} ms wall, ${f(Math.max(...report.images.map((r) => r.fitsCpuMs)))} ms CPU (target ≤ 2000)`
	);
	const fa = report.fashion;
	console.log(
		`\nFashion-MNIST softmax regression, ${fa.train} training / ${fa.test} test images, ${fa.backend}:`
	);
	console.log(
		`  per-pixel statistics ${f(fa.statsMs, 0)}/${f(fa.statsCpuMs, 0)} ms, 784×784 eigen-decomposition ${f(fa.eigenMs, 0)}/${f(fa.eigenCpuMs, 0)} ms wall/CPU (once per page)`
	);
	console.log(
		`  the same on a rank-1 covariance (a set of two kinds of image): ${f(fa.lowRankEigenMs, 0)}/${f(fa.lowRankEigenCpuMs, 0)} ms wall/CPU (12 s before the solver skipped negligible rows)`
	);
	console.log(
		`  five runs × 100 steps: ${f(fa.fiveRunsMs, 0)}/${f(fa.fiveRunsCpuMs, 0)} ms wall/CPU with setup and test accuracy, ${f(fa.stepsOnlyMs, 0)}/${f(fa.stepsOnlyCpuMs, 0)} ms of steps (target ≤ 10,000); tensors left ${fa.tensorsLeft}; load ${fa.load}`
	);
	console.log(
		`  covariance λ1, λ2, λ3 = ${fa.covarianceTop.map((v) => v.toFixed(2)).join(', ')}; ${fa.positiveEigenvalues} of 784 above 1e-8·λ1`
	);
	const lv = fa.live;
	console.log(
		`  the lab's live path (training stack, VariantTrainer + SGD, η = 20/λmax): inputs and λ1, λ2 ${f(lv.prepMs, 0)}/${f(lv.prepCpuMs, 0)} ms, five runs × 100 steps ${f(lv.stepsMs, 0)}/${f(lv.stepsCpuMs, 0)} ms wall/CPU (target ≤ 10,000)`
	);
	console.log(
		'    preprocessing  λ1 E[x̃x̃ᵀ]  λ1/λ2  steps to loss < 0.6  loss at 100  test accuracy'
	);
	for (const row of lv.rows)
		console.log(
			`    ${row.preprocessing.padEnd(13)} ${row.lambdaMax.toPrecision(4).padStart(10)}  ${f(row.ratio, 2).padStart(5)}  ${String(row.stepsToLoss06 ?? '>100').padStart(4)}  ${f(row.finalLoss, 3)}  ${f(row.testAccuracy * 100)} %`
		);
	console.log(
		'    issue 21 (NumPy, best of a 31-point grid): steps 82 / 66 / 17 / 15 / 1, test accuracy 75.9 / 76.2 / 81.1 / 81.1 / 74.2 % (raw01 / raw255 / centred / standardised / whitened)'
	);
	console.log(
		`  grid ${fa.grid}: preprocessing, λmax E[x̃x̃ᵀ], best 10^(k/10)·20/λmax, steps to loss < 0.6, loss at 100, test accuracy`
	);
	for (const row of fa.table)
		console.log(
			`    ${row.preprocessing.padEnd(13)} ${row.lambdaMax.toPrecision(4).padStart(10)}  k = ${String(row.bestExponent).padStart(3)} (η ${row.bestLearningRate.toPrecision(3)})  ${String(row.stepsToLoss06 ?? '>100').padStart(4)}  ${f(row.finalLoss, 3)}  ${f(row.testAccuracy * 100)} %`
		);
}
