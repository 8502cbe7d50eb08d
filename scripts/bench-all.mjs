#!/usr/bin/env node
/**
 * `npm run bench`: every lab's figures, one benchmark script after another, each printing its
 * own report (and writing bench-results/*.json). Arguments (--quick, --build) go to each; the
 * build, when asked for or missing, is made once, by the first.
 *   npm run bench -- --quick          fewer samples
 *   npm run bench -- --only=pooling   one lab's script (convolution, pooling, invariance, receptive-field, network)
 */
import { spawnSync } from 'node:child_process';

const SCRIPTS = {
	convolution: 'scripts/bench.mjs',
	pooling: 'scripts/bench-pooling.mjs',
	invariance: 'scripts/bench-invariance.mjs',
	'receptive-field': 'scripts/bench-receptive-field.mjs',
	network: 'scripts/bench-network.mjs'
};
const args = process.argv.slice(2);
const only = args.find((a) => a.startsWith('--only='))?.slice('--only='.length);
const names = only ? [only] : Object.keys(SCRIPTS);
let failed = 0;
names.forEach((name, i) => {
	const script = SCRIPTS[name];
	if (!script) {
		console.error(`unknown lab "${name}": one of ${Object.keys(SCRIPTS).join(', ')}`);
		process.exit(2);
	}
	const own = args.filter((a) => !a.startsWith('--only=') && (i === 0 || a !== '--build'));
	console.log(`\n######## ${name} (${script})\n`);
	const run = spawnSync(process.execPath, [script, ...own], { stdio: 'inherit' });
	if (run.status !== 0) failed++;
});
process.exit(failed ? 1 : 0);
