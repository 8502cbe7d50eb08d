#!/usr/bin/env node
/**
 * `node scripts/bench-imbalance-page.mjs [--cwd=dir] [--runs=1] [--build]`: issue 26's budget as a
 * learner meets it — /imbalance's default run (four remedies, TRAIN_STEPS steps, ρ = 10) in
 * headless Chromium on the backend the app picks, from the Train press to the last evaluation's
 * metrics drawn (the page's observed step reaching the run's end). Beside the wall time: the CPU
 * seconds Chromium's threads took meanwhile, summed by thread name (the training workers are
 * "DedicatedWorker"s; the page is "CrRendererMain"; raster and GPU threads draw it), read from
 * /proc, so a run that is slow because the page or the compositor competes with the workers for
 * the cores says so; and the figures the page shows at the end (the same as
 * scripts/bench-imbalance.mjs's seed 1); then the logit-adjustment toggle and the threshold slider,
 * input → the frame that shows them (issue 26: within one frame). `--cwd`: another checkout's build (a worktree of the
 * previous commit), for before/after figures in one run.
 * Writes bench-results/bench-imbalance-page.json.
 */
import { chromium } from '@playwright/test';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { servePreview } from './benchServer.mjs';
import { CHROMIUM_ARGS, chromiumPath } from './chromium.js';

const arg = (name, fallback) =>
	process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const PORT = Number(process.env.BENCH_PORT ?? 4193);
const ORIGIN = `http://127.0.0.1:${PORT}`;
const CWD = arg('cwd', '.');
const RUNS = Number(arg('runs', 1));
const BUDGET_S = 90;
const TICK = 100; // clock ticks per second of /proc's utime and stime (Linux's USER_HZ)

/**
 * A /proc stat file: the name in parentheses (which may hold spaces) and the fields after it
 * (fields[1] the parent pid, fields[11] and fields[12] user and system ticks); null when gone.
 */
function procStat(path) {
	try {
		const stat = readFileSync(path, 'utf8');
		const close = stat.lastIndexOf(')');
		return {
			name: stat.slice(stat.indexOf('(') + 1, close),
			fields: stat.slice(close + 2).split(' ')
		};
	} catch {
		return null;
	}
}

/** Every process under `root` (its pid included). */
function descendants(root) {
	const parent = new Map();
	for (const name of readdirSync('/proc')) {
		if (!/^\d+$/.test(name)) continue;
		const stat = procStat(`/proc/${name}/stat`);
		if (stat) parent.set(Number(name), Number(stat.fields[1]));
	}
	const found = new Set([root]);
	for (let grew = true; grew;) {
		grew = false;
		for (const [pid, ppid] of parent)
			if (!found.has(pid) && found.has(ppid)) {
				found.add(pid);
				grew = true;
			}
	}
	return [...found];
}

/** CPU seconds by thread name over every thread of the processes under `root`, by thread id. */
function threadTimes(root) {
	const times = new Map();
	for (const pid of descendants(root)) {
		let tasks = [];
		try {
			if (/^(node|npm|sh|esbuild)$/.test(readFileSync(`/proc/${pid}/comm`, 'utf8').trim()))
				continue;
		} catch {
			continue;
		}
		try {
			tasks = readdirSync(`/proc/${pid}/task`);
		} catch {
			continue;
		}
		for (const tid of tasks) {
			const stat = procStat(`/proc/${pid}/task/${tid}/stat`);
			if (stat)
				times.set(`${pid}/${tid}`, {
					name: stat.name,
					seconds: (Number(stat.fields[11]) + Number(stat.fields[12])) / TICK
				});
		}
	}
	return times;
}

/** CPU seconds by thread name between two snapshots, largest first. */
function cpuBetween(before, after) {
	const byName = new Map();
	for (const [key, { name, seconds }] of after) {
		const spent = seconds - (before.get(key)?.seconds ?? 0);
		if (spent > 0) byName.set(name, (byName.get(name) ?? 0) + spent);
	}
	return Object.fromEntries(
		[...byName].sort((a, b) => b[1] - a[1]).map(([name, s]) => [name, Number(s.toFixed(1))])
	);
}

/**
 * Issue 26: "logit adjustment and threshold changes redraw within one frame". After the run, the
 * logit-adjustment checkbox toggled and the threshold slider moved, each change measured in the
 * page from the input event to the start of the first animation frame whose DOM shows it (the
 * summary table gains or loses the logit-adjustment row; the threshold readout changes): ≤ one
 * frame (16.7 ms) means the change is painted in the next frame.
 */
async function redraws(page) {
	const measure = (kind, value) =>
		page.evaluate(
			async ({ kind, value }) => {
				const $ = (id) => document.querySelector(`[data-testid="${id}"]`);
				const before =
					kind === 'adjust' ? $('summary-table').textContent : $('threshold-readout').textContent;
				const shown = () =>
					kind === 'adjust'
						? $('summary-table').textContent !== before
						: $('threshold-readout').textContent !== before;
				const t0 = performance.now();
				if (kind === 'adjust') $('remedy-adjust').click();
				else {
					const input = $('threshold');
					input.value = String(value);
					input.dispatchEvent(new Event('input', { bubbles: true }));
				}
				for (let frame = 0; frame < 60; frame++) {
					// performance.now() in the callback, not rAF's own timestamp (the frame's begin time,
					// which can precede the input when the frame began while the input's task ran)
					await new Promise((r) => requestAnimationFrame(r));
					if (shown()) return performance.now() - t0;
				}
				return NaN;
			},
			{ kind, value }
		);
	const adjust = [];
	for (let i = 0; i < 8; i++) {
		adjust.push(await measure('adjust'));
		await page.waitForTimeout(300);
	}
	const threshold = [];
	for (let i = 0; i < 12; i++) {
		threshold.push(await measure('threshold', [0.3, 0.5, 0.7][i % 3]));
		await page.waitForTimeout(150);
	}
	const summary = (v) => {
		const s = [...v].sort((a, b) => a - b);
		return { medianMs: Number(s[s.length >> 1].toFixed(1)), maxMs: Number(s.at(-1).toFixed(1)) };
	};
	return { adjust: summary(adjust), threshold: summary(threshold) };
}

const observed = (page) =>
	page.evaluate(() => /** @type {any} */ (window).convlab?.observed('/imbalance/') ?? null);

const stopServer = await servePreview({ port: PORT, route: '/imbalance/', cwd: CWD });
const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
// Playwright starts the browser as this process's child (the preview server, node, is left out)
const pid = process.pid;
const rows = [];
try {
	for (let run = 0; run < RUNS; run++) {
		const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
		const errors = [];
		page.on('pageerror', (e) => errors.push(e.message));
		await page.goto(`${ORIGIN}/imbalance/?img=cat`);
		await page.getByTestId('summary-table').waitFor({ timeout: 180_000 });
		await page.waitForFunction(
			() => !document.querySelector('[data-testid="train-toggle"]')?.hasAttribute('disabled'),
			undefined,
			{ timeout: 180_000 }
		);
		const load0 = loadavg()[0];
		const before = threadTimes(pid);
		const t0 = Date.now();
		await page.getByTestId('train-toggle').click();
		// running (the button says Pause) before waiting for it to stop
		await page.waitForFunction(
			() => document.querySelector('[data-testid="train-toggle"]')?.textContent?.trim() === 'Pause',
			undefined,
			{ timeout: 60_000, polling: 50 }
		);
		// the run stops on its own at its last step; its evaluation is drawn after
		await page.waitForFunction(
			() => document.querySelector('[data-testid="train-toggle"]')?.textContent?.trim() === 'Train',
			undefined,
			{ timeout: 600_000, polling: 250 }
		);
		const end = Number(await page.getByTestId('train-step-count').textContent());
		await page.waitForFunction(
			(n) => /** @type {any} */ (window).convlab?.observed('/imbalance/')?.step === n,
			end,
			{ timeout: 60_000, polling: 100 }
		);
		const seconds = (Date.now() - t0) / 1000;
		const cpu = cpuBetween(before, threadTimes(pid));
		const o = await observed(page);
		const pct = (v) => (v == null ? null : Number((100 * v).toFixed(1)));
		rows.push({
			build: CWD,
			steps: end,
			seconds: Number(seconds.toFixed(1)),
			cpuSeconds: cpu,
			recall: {
				baseline: pct(o?.rareRecall),
				'logit-adjustment': pct(o?.adjustedRareRecall),
				'class-weights': pct(o?.weightsRareRecall),
				oversampling: pct(o?.oversamplingRareRecall),
				undersampling: pct(o?.undersamplingRareRecall)
			},
			accuracy: pct(o?.accuracy),
			errors,
			load1: [Number(load0.toFixed(2)), Number(loadavg()[0].toFixed(2))]
		});
		rows.at(-1).redraw = await redraws(page);
		console.log(JSON.stringify(rows.at(-1)));
		await page.close();
	}
} finally {
	await browser.close();
	stopServer();
}
const worst = Math.max(...rows.map((r) => r.seconds));
const slowest = (kind) => Math.max(...rows.map((r) => r.redraw[kind].maxMs));
for (const kind of ['adjust', 'threshold'])
	console.log(
		`${slowest(kind) <= 16.7 ? 'PASS' : 'FAIL'} ${kind === 'adjust' ? 'logit adjustment toggled' : 'threshold moved'} → painted within one frame: ` +
			`${rows.map((r) => `median ${r.redraw[kind].medianMs}, max ${r.redraw[kind].maxMs} ms`).join('; ')} (input → start of the frame that shows it)`
	);
console.log(
	`${worst <= BUDGET_S ? 'PASS' : 'FAIL'} the default run in Chromium on ${cpus().length} cores: ` +
		`${rows.map((r) => r.seconds).join(', ')} s (budget ${BUDGET_S} s)`
);
mkdirSync('bench-results', { recursive: true });
writeFileSync(
	'bench-results/bench-imbalance-page.json',
	JSON.stringify({ date: new Date().toISOString(), cores: cpus().length, rows }, null, 2)
);
process.exit(
	worst <= BUDGET_S && slowest('adjust') <= 16.7 && slowest('threshold') <= 16.7 ? 0 : 1
);
