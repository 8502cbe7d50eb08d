#!/usr/bin/env node
/**
 * `npm run bench`: every lab's figures, one benchmark script after another, each printing its
 * own report (and writing bench-results/*.json), then one line per lab: its control change →
 * `convlab:rendered` latency at 512² against the one-frame target. Arguments (--quick,
 * --build, --latency) go to each script; the build, when asked for or missing, is made once,
 * by the first.
 *   npm run bench -- --quick            fewer samples
 *   npm run bench -- --latency          only the control-to-screen latencies (no cold start,
 *                                       memory, webcam or similarity-curve runs)
 *   npm run bench -- --only=pooling     one lab (convolution, pooling, invariance, fc-vs-conv,
 *                                       receptive-field, erf-responsiveness, network,
 *                                       segmentation, training, normalization, residual, batch-norm, pca, imbalance,
 *                                       imbalance-page: /imbalance's default run in Chromium,
 *                                       frames: frame times while the labs train, soak: DOM
 *                                       nodes, listeners and heap over a workshop in one tab)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

/** script and its own arguments; invariance and fc-vs-conv share one script */
const LABS = {
	convolution: ['scripts/bench.mjs'],
	pooling: ['scripts/bench-pooling.mjs'],
	invariance: ['scripts/bench-invariance.mjs', '--lab=invariance'],
	'fc-vs-conv': ['scripts/bench-invariance.mjs', '--lab=fc-vs-conv'],
	'receptive-field': ['scripts/bench-receptive-field.mjs'],
	'erf-responsiveness': ['scripts/bench-erf-responsiveness.mjs'],
	network: ['scripts/bench-network.mjs'],
	segmentation: ['scripts/bench-segmentation.mjs'],
	training: ['scripts/bench-training.mjs'],
	normalization: ['scripts/bench-normalization.mjs'],
	residual: ['scripts/bench-residual.mjs'],
	'batch-norm': ['scripts/bench-batchnorm.mjs'],
	pca: ['scripts/bench-pca.mjs'],
	imbalance: ['scripts/bench-imbalance.mjs'],
	'imbalance-page': ['scripts/bench-imbalance-page.mjs'],
	frames: ['scripts/bench-frames.mjs'],
	soak: ['scripts/soak-labs.mjs']
};
const args = process.argv.slice(2);
const only = args.find((a) => a.startsWith('--only='))?.slice('--only='.length);
if (only && !LABS[only]) {
	console.error(`unknown lab "${only}": one of ${Object.keys(LABS).join(', ')}`);
	process.exit(2);
}
// A full run measures invariance and fc-vs-conv in one go of their shared script.
const runs = only
	? [[only, LABS[only]]]
	: [
			['convolution', LABS.convolution],
			['pooling', LABS.pooling],
			['invariance, fc-vs-conv', ['scripts/bench-invariance.mjs']],
			['receptive-field', LABS['receptive-field']],
			['erf-responsiveness', LABS['erf-responsiveness']],
			['network', LABS.network],
			['segmentation', LABS.segmentation],
			['training', LABS.training],
			['normalization', LABS.normalization],
			['residual', LABS.residual],
			['batch-norm', LABS['batch-norm']],
			['pca', LABS.pca],
			['imbalance', LABS.imbalance],
			['imbalance-page', LABS['imbalance-page']],
			['frames', LABS.frames],
			['soak', LABS.soak]
		];
const started = new Date().toISOString();
let failed = 0;
runs.forEach(([name, [script, ...own]], i) => {
	const pass = args.filter((a) => !a.startsWith('--only=') && (i === 0 || a !== '--build'));
	console.log(`\n######## ${name} (${script})\n`);
	const run = spawnSync(process.execPath, [script, ...own, ...pass], { stdio: 'inherit' });
	if (run.status !== 0) failed++;
});
printLatencySummary();
process.exit(failed ? 1 : 0);

/** This run's results (a file left from an earlier run is not reported). */
function results(file) {
	const path = `bench-results/${file}`;
	if (!existsSync(path)) return null;
	const data = JSON.parse(readFileSync(path, 'utf8'));
	return data.date >= started ? data : null;
}

function printLatencySummary() {
	const f = (v) => (Number.isFinite(v) ? `${v.toFixed(1)} ms` : '—');
	const lines = [];
	const line = (lab, what, drawn, compute) =>
		lines.push(
			`  ${drawn <= 16.7 ? 'PASS' : 'MISS'}  ${lab.padEnd(16)} ${what.padEnd(34)} ${f(drawn).padStart(9)}  (compute ${f(compute)})`
		);
	const conv = results('bench.json');
	for (const row of conv?.latency ?? [])
		if (row.size === 512 && row.pace === 'isolated' && row.k === 3)
			line(
				'convolution',
				`kernel change, k = 3, ${row.family}`,
				row.drawnMedianMs,
				row.computeMedianMs
			);
	for (const row of results('bench-pooling.json')?.rows ?? [])
		if (row.size === 512) line('pooling', row.control, row.drawnMedianMs, row.computeMedianMs);
	for (const row of results('bench-invariance.json')?.results ?? [])
		if (row.size === 512) line(row.lab, row.control, row.drawnMedianMs, row.computeMedianMs);
	const rf = results('bench-receptive-field.json');
	const erf = rf?.runs?.find((r) => r.layers === 6 && r.size === 128 && r.channels === 1);
	if (!lines.length && !erf) return;
	console.log(
		'\n######## latency: control change → convlab:rendered, 512², median (target ≤ 16.7 ms)\n'
	);
	lines.forEach((l) => console.log(l));
	if (erf)
		console.log(
			`  ${erf.median < 100 ? 'PASS' : 'MISS'}  receptive-field  unit moved → ERF computed (6 layers, 128²) ${f(erf.median)} (target < 100 ms)`
		);
}
