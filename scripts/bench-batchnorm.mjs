#!/usr/bin/env node
/**
 * `node scripts/bench-batchnorm.mjs [--quick] [--steps=1500] [--lr=0.5]`: the batch-norm lab's
 * experiment (issue 22) in Node on TF.js's WASM backend with the app's own code — the worker's
 * training task (src/lib/workers/batchNormTraining.ts) in the shared loop (VariantTrainer, plain
 * SGD, batch 60, seed 1) on the 6,000 shipped training images, test accuracy of the three variants
 * on all 10,000 test images (and the smoothness probe) every 50 steps, as the page's worker runs it. Prints the time of the
 * whole run (target ≤ 60 s for 1,500 steps; wall and process CPU time, the machine is shared),
 * test accuracy per variant at steps 100–1,500 — BN's two ways: on its running averages (PyTorch's
 * model.eval(), what the issue measured) and on Ioffe & Szegedy's Algorithm 2 population statistics
 * of the training images — and the followed unit's median sigmoid input (hidden layer 3, unit 0),
 * then PASS/MISS checks of the issue's orderings and ranges. Writes
 * bench-results/bench-batchnorm.json. The 1-minute load average is printed with every figure.
 * Why BN's running-average accuracy is not the issue's 81 % at step 1,500: at lr 0.5 the weights move
 * between steps and the averages (momentum 0.9: the last ~10 batches, taken with older weights)
 * lag, so that accuracy swings by several points from one evaluation to the next (72.7 % at 1,000,
 * 81.6 % at 1,400, 76.2 % at 1,500 with seed 1). PyTorch 1.13 with these very initial weights and
 * batch order gives the same numbers to 0.1 % (scripts/batchnorm-reference/); other seeds land
 * elsewhere in the swing. The population statistics (Algorithm 2) do not lag.
 * Then "BN in a CNN" (`--cnn-steps=300`, 0 to skip; skipped with --quick): ConvLab's classifier
 * with and without BN at Adam 0.002 and 5× (src/lib/workers/bnCnnTraining.ts), batch 32, test
 * accuracy on 1,000 test images every 50 steps, and whether any variant diverged (a NaN loss, or
 * a training loss above chance's ln 10 ≈ 2.30 over the last 50 steps).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readFashionSplit } from './benchSamples.mjs';
import { importTs } from './tsModules.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, def) => {
	const a = process.argv.find((x) => x.startsWith(`--${name}=`));
	return a ? Number(a.slice(name.length + 3)) : def;
};
const QUICK = process.argv.includes('--quick');
const STEPS = arg('steps', QUICK ? 300 : 1500);
const LRS = process.argv.some((a) => a.startsWith('--lr='))
	? [arg('lr', 0.5)]
	: QUICK
		? [0.5]
		: [0.5, 3];
const CNN_STEPS = QUICK ? 0 : arg('cnn-steps', 300);
const CHECKPOINTS = [100, 500, 1000, 1500].filter((s) => s <= STEPS);

const m = await importTs(root, {
	training: 'src/lib/workers/batchNormTraining.ts',
	trainer: 'src/lib/training/variantTrainer.ts',
	data: 'src/lib/engine/fashionMnistData.ts',
	kernels: 'src/lib/engine/wasmKernels.ts',
	cnn: 'src/lib/workers/bnCnnTraining.ts'
});
await import('@tensorflow/tfjs');
await import('@tensorflow/tfjs-backend-wasm');
// the app's start: WASM with ConvLab's kernels (wasmKernels.ts), as the worker's trainingBackend
if (!(await m.kernels.switchBackend('wasm'))) throw new Error('WASM did not start');

const train = readFashionSplit(root, m.data, 'train', Infinity);
const test = readFashionSplit(root, m.data, 'test', Infinity);
const load = () => Number(loadavg()[0].toFixed(1));

const report = { date: new Date().toISOString(), steps: STEPS, trainCount: train.count, runs: [] };
for (const lr of LRS) report.runs.push(await run(lr));
if (CNN_STEPS > 0) report.cnn = await runCnn(CNN_STEPS);
mkdirSync('bench-results', { recursive: true });
writeFileSync('bench-results/bench-batchnorm.json', JSON.stringify(report, null, 2));
printReport();

async function run(lr) {
	const training = new m.training.BatchNormTraining(async () => ({ train, test }));
	training.setData(train, test);
	const trainer = new m.trainer.VariantTrainer(training.task, {
		seed: 1,
		variants: ['plain', 'bn', 'noisy-bn'].map((v) => ({ id: v, config: { variant: v } })),
		learningRate: lr,
		batchSize: 60,
		optimizer: training.task.optimizer
	});
	// the worker host's part: after each step the task logs the bands and, every 50 steps, tests
	const accuracy = {};
	const population = {};
	const host = {
		trainer,
		postMetrics: (points) => {
			for (const p of points) {
				if (p.series !== 'test') continue;
				(accuracy[p.variant] ??= {})[p.step] = p.values.accuracy;
				if (p.values.populationAccuracy !== undefined)
					(population[p.variant] ??= {})[p.step] = p.values.populationAccuracy;
			}
		},
		postTask: () => {}
	};
	training.task.afterFresh(host);
	const loadBefore = load();
	const cpu = process.cpuUsage();
	const started = performance.now();
	let testMs = 0;
	let testCpu = 0;
	for (let step = 1; step <= STEPS; step++) {
		await trainer.trainStep();
		const t = performance.now();
		const c = process.cpuUsage();
		training.task.afterStep(host, false);
		if (step % 50 === 0) {
			testMs += performance.now() - t;
			const u = process.cpuUsage(c);
			testCpu += (u.user + u.system) / 1e6;
		}
	}
	const seconds = (performance.now() - started) / 1000;
	const used = process.cpuUsage(cpu);
	const cpuSeconds = (used.user + used.system) / 1e6;
	const medians = Object.fromEntries(
		['plain', 'bn', 'noisy-bn'].map((v) => {
			const band = training.history.band(v, 2, 0);
			return [v, band.p50.at(-1)];
		})
	);
	const result = {
		lr,
		seconds,
		cpuSeconds,
		testSeconds: testMs / 1000,
		testCpuSeconds: testCpu,
		load: [loadBefore, load()],
		accuracy,
		populationAccuracy: population,
		medianLastLayerUnit0: medians
	};
	trainer.dispose();
	training.dispose();
	return result;
}

async function runCnn(steps) {
	const training = new m.cnn.CnnTraining(async () => ({ train, test }));
	training.setData(train, test);
	const trainer = new m.trainer.VariantTrainer(training.task, {
		seed: 1,
		variants: m.cnn.cnnVariants(5),
		learningRate: m.cnn.CNN_BASE_RATE,
		batchSize: m.cnn.CNN_BATCH
	});
	const accuracy = {};
	const losses = {};
	const host = {
		trainer,
		postMetrics: (points) => {
			for (const p of points) (accuracy[p.variant] ??= {})[p.step] = p.values.accuracy;
		},
		postTask: () => {}
	};
	training.task.afterFresh(host);
	const cpu = process.cpuUsage();
	const started = performance.now();
	for (let step = 1; step <= steps; step++) {
		const result = await trainer.trainStep();
		for (const [id, values] of Object.entries(result.metrics))
			(losses[id] ??= []).push(values.loss);
		training.task.afterStep(host, false);
	}
	const used = process.cpuUsage(cpu);
	const lastLoss = Object.fromEntries(
		Object.entries(losses).map(([id, l]) => [
			id,
			l.slice(-50).reduce((a, b) => a + b, 0) / Math.min(50, l.length)
		])
	);
	const diverged = Object.fromEntries(
		Object.entries(losses).map(([id, l]) => [
			id,
			l.some((x) => !Number.isFinite(x)) || lastLoss[id] > Math.log(10)
		])
	);
	trainer.dispose();
	return {
		steps,
		seconds: (performance.now() - started) / 1000,
		cpuSeconds: (used.user + used.system) / 1e6,
		accuracy,
		meanLossLast50: lastLoss,
		diverged
	};
}

/** The issue's orderings and ranges (PyTorch, one seed), PASS or MISS. */
function printChecks() {
	const at = (lr) => report.runs.find((r) => r.lr === lr);
	const checks = [];
	const check = (ok, text) => checks.push(`  ${ok ? 'PASS' : 'MISS'}  ${text}`);
	const p = (x) => (x === undefined ? '–' : `${(100 * x).toFixed(1)} %`);
	const slow = at(0.5);
	if (slow) {
		const { accuracy: a, populationAccuracy: pop, medianLastLayerUnit0: med } = slow;
		if (STEPS >= 100) {
			check(a.bn[100] >= 0.7, `lr 0.5, step 100: BN ≥ 70 % (running averages): ${p(a.bn[100])}`);
			check(
				a.plain[100] <= 0.15,
				`lr 0.5, step 100: plain still near chance (≤ 15 %): ${p(a.plain[100])}`
			);
		}
		if (STEPS >= 1000) {
			const first = Object.entries(a.plain).find(([, x]) => x > 0.6)?.[0];
			check(
				first !== undefined && Number(first) >= 700 && Number(first) <= 1300,
				`lr 0.5: plain passes 60 % around step 1,000 (700–1,300): step ${first ?? 'never'}`
			);
		}
		if (STEPS >= 1500) {
			check(
				pop.bn[1500] >= 0.78 && pop.bn[1500] <= 0.85,
				`lr 0.5, step 1,500: BN within 78–85 % (issue ≈ 81 %), population statistics: ${p(pop.bn[1500])}`
			);
			check(
				a.bn[1500] >= 0.72 && a.bn[1500] <= 0.85,
				`lr 0.5, step 1,500: BN within 72–85 % on its running averages (they swing between evaluations): ${p(a.bn[1500])}`
			);
			check(
				a.plain[1500] >= 0.66 && a.plain[1500] <= 0.75,
				`lr 0.5, step 1,500: plain within 66–75 % (issue 70.5 %): ${p(a.plain[1500])}`
			);
			check(
				pop.bn[1500] > a.plain[1500],
				`lr 0.5, step 1,500: BN ahead of plain: ${p(pop.bn[1500])} > ${p(a.plain[1500])}`
			);
			const gap = Math.abs(pop['noisy-bn'][1500] - pop.bn[1500]);
			check(
				gap <= 0.03,
				`lr 0.5, step 1,500: noisy BN within 3 points of BN (issue: about 1), population statistics: ${(100 * gap).toFixed(1)} points`
			);
		}
		check(
			Math.abs(med.bn) <= 0.4,
			`lr 0.5: BN's median last-layer sigmoid input (unit 0) within ±0.4: ${med.bn?.toFixed(2)}`
		);
		check(
			med.plain < -1.8,
			`lr 0.5: plain's median last-layer sigmoid input (unit 0) below −1.8: ${med.plain?.toFixed(2)}`
		);
	}
	const fast = at(3);
	if (fast && STEPS >= 1500)
		check(
			fast.accuracy.plain[1500] >= 0.72 && fast.accuracy.plain[1500] <= 0.81,
			`lr 3, step 1,500: plain within 72–81 % (issue 76.4 %): ${p(fast.accuracy.plain[1500])}`
		);
	for (const r of report.runs)
		if (STEPS >= 1500)
			check(
				r.seconds <= 60,
				`lr ${r.lr}: 1,500 steps × 3 variants with tests in ≤ 60 s wall: ${r.seconds.toFixed(1)} s (load ${r.load.join(' → ')} on ${cpus().length} cores)`
			);
	// one thread: on an idle core its wall time is its CPU time (the shared machine's wall is not)
	for (const r of report.runs)
		if (STEPS >= 1500)
			check(
				r.cpuSeconds <= 60,
				`lr ${r.lr}: the same in ≤ 60 s of process CPU time: ${r.cpuSeconds.toFixed(1)} s`
			);
	console.log(`\nChecks against issue 22:\n${checks.join('\n')}`);
}

function printReport() {
	const pct = (x) => (x === undefined ? '   –  ' : `${(100 * x).toFixed(1).padStart(5)} %`);
	console.log(
		`\nBatch norm, Ioffe's §4.1 network on ${train.count} training images, batch 60, WASM (Node, one thread)`
	);
	for (const r of report.runs) {
		console.log(
			`\nlr ${r.lr}: ${STEPS} steps × 3 variants with test accuracy (10,000 images) every 50 steps: ` +
				`${r.seconds.toFixed(1)} s wall, ${r.cpuSeconds.toFixed(1)} s CPU (tests ${r.testSeconds.toFixed(1)} s wall, ${r.testCpuSeconds.toFixed(1)} s CPU; ` +
				`target ≤ 60 s for 1,500) ` +
				`load ${r.load.join(' → ')}`
		);
		console.log(
			`  test accuracy   ${CHECKPOINTS.map((s) => `step ${s}`.padStart(9)).join(' ')}   median input, layer 3 unit 0`
		);
		for (const v of ['plain', 'bn', 'noisy-bn']) {
			const name = v === 'plain' ? v : `${v} running`;
			console.log(
				`  ${name.padEnd(18)}  ${CHECKPOINTS.map((s) => pct(r.accuracy[v]?.[s]).padStart(9)).join(' ')}   ${r.medianLastLayerUnit0[v]?.toFixed(2)}`
			);
			if (r.populationAccuracy[v])
				console.log(
					`  ${`${v} population`.padEnd(18)}  ${CHECKPOINTS.map((s) => pct(r.populationAccuracy[v][s]).padStart(9)).join(' ')}`
				);
		}
		const swing = (v) => {
			const last = Object.entries(r.accuracy[v] ?? {})
				.filter(([s]) => Number(s) > STEPS - 500)
				.map(([, a]) => a);
			return last.length ? `${pct(Math.min(...last))} – ${pct(Math.max(...last))}` : '–';
		};
		console.log(
			`  running-average accuracy over the last 500 steps: BN ${swing('bn')}, noisy BN ${swing('noisy-bn')}, plain ${swing('plain')}`
		);
	}
	const c = report.cnn;
	if (c) {
		const at = Object.keys(c.accuracy.cnn ?? {})
			.map(Number)
			.filter((s) => s > 0);
		console.log(
			`\nBN in a CNN: ConvLab's classifier, Adam ${m.cnn.CNN_BASE_RATE} and 5×, batch ${m.cnn.CNN_BATCH}, ${c.steps} steps × 4 variants: ` +
				`${c.seconds.toFixed(1)} s wall, ${c.cpuSeconds.toFixed(1)} s CPU; test accuracy on ${m.cnn.CNN_TEST_COUNT} test images`
		);
		console.log(
			`  ${''.padEnd(10)}  ${at.map((s) => `step ${s}`.padStart(9)).join(' ')}   loss (last 50)  diverged`
		);
		for (const v of Object.keys(c.accuracy))
			console.log(
				`  ${v.padEnd(10)}  ${at.map((s) => pct(c.accuracy[v][s]).padStart(9)).join(' ')}   ${c.meanLossLast50[v].toFixed(3).padStart(8)}        ${c.diverged[v] ? 'yes' : 'no'}`
			);
	}
	console.log(
		'\nIssue 22 (PyTorch, same images, one seed): lr 0.5 — BN ≥ 70 % by step 100, plain ≈ 10 %; plain passes 60 % ' +
			'around step 1,000; step 1,500: BN ≈ 81 %, plain 70.5 % (lr 0.5) / 76.4 % (lr 3); noisy BN within ~1 point of BN; ' +
			'BN median last-layer input within ±0.4, plain below −1.8.'
	);
	printChecks();
}
