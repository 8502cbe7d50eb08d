/**
 * Node 20 cannot import TypeScript, and the training and benchmark scripts must run the app's
 * own engine code (the architecture, the WASM gradient kernel, the IDX reader), not a copy.
 * rolldown (already here as Vite's bundler) compiles the named src/ files into one temporary
 * ES module. TF.js stays external so the bundle and the script share one TF.js instance:
 * the packages resolve to their Node (CommonJS) builds, the ones `@tensorflow/tfjs` uses.
 * The two deep side-effect imports of tfjs-core's ESM files (register every gradient, the
 * chained ops) are dropped: the Node build of `@tensorflow/tfjs` registers both already.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'rolldown';

/** Import `entries` ({ name: 'src/…ts' }) from `root`; resolves to { name: module }. */
export async function importTs(root, entries) {
	// The project's tsconfig extends SvelteKit's generated one, which a fresh clone lacks.
	if (!existsSync(join(root, '.svelte-kit', 'tsconfig.json')))
		execFileSync(join(root, 'node_modules', '.bin', 'svelte-kit'), ['sync'], {
			cwd: root,
			stdio: 'inherit'
		});
	// Inside node_modules so the bundle's bare imports find the project's packages.
	const cache = join(root, 'node_modules', '.cache');
	mkdirSync(cache, { recursive: true });
	const dir = mkdtempSync(join(cache, 'convlab-ts-'));
	const source = Object.entries(entries)
		.map(([name, file]) => `export * as ${name} from ${JSON.stringify(resolve(root, file))};`)
		.join('\n');
	const entry = join(dir, 'entry.js');
	writeFileSync(entry, source);
	const out = join(dir, 'bundle.mjs');
	await build({
		input: entry,
		cwd: root,
		logLevel: 'warn',
		// SvelteKit's alias, for modules that import each other through it (the training stack)
		resolve: { alias: { $lib: join(root, 'src', 'lib') } },
		external: (id) => id.startsWith('@tensorflow/') && !id.includes('/dist/'),
		plugins: [
			{
				name: 'drop-tfjs-core-side-effects',
				resolveId: (id) => (id.startsWith('@tensorflow/tfjs-core/dist/') ? '\0empty' : null),
				load: (id) => (id === '\0empty' ? 'export {};' : null)
			}
		],
		output: { file: out, format: 'esm' }
	});
	return import(pathToFileURL(out).href);
}
