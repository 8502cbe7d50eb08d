#!/usr/bin/env node
/**
 * Initial JavaScript of each prerendered page, gzip -9, from the build: the page's
 * <link rel="modulepreload"> files and the entry scripts its inline start-up imports, plus
 * everything those import statically (dynamic import() chunks load later, so they are not counted).
 *   npm run build && node scripts/bundleSize.mjs [build-dir]
 * Prints one line per page; with --json prints the numbers as JSON.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const args = process.argv.slice(2);
const json = args.includes('--json');
const root = resolve(args.find((a) => !a.startsWith('--')) ?? 'build');
if (!existsSync(root)) {
	console.error(`${root} does not exist: run npm run build first`);
	process.exit(1);
}

/** Every index.html under the build: one per prerendered page. */
function pages(dir) {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return pages(path);
		return name === 'index.html' ? [path] : [];
	});
}

// Static imports only: `import "x"`, `import {a} from "x"`, `export * from "x"`; never `import("x")`.
const STATIC_IMPORT =
	/(?:^|[;}\s])(?:import|export)\s*(?:[\w*${}\s,]+?\s*from\s*)?["']([^"']+\.js)["']/g;

function staticClosure(start) {
	const seen = new Set();
	const stack = [...start];
	while (stack.length) {
		const file = stack.pop();
		if (seen.has(file) || !existsSync(file)) continue;
		seen.add(file);
		const text = readFileSync(file, 'utf8');
		for (const match of text.matchAll(STATIC_IMPORT)) {
			if (match[1].startsWith('.')) stack.push(resolve(dirname(file), match[1]));
		}
	}
	return seen;
}

const rows = [];
for (const html of pages(root).sort()) {
	const text = readFileSync(html, 'utf8');
	const refs = [
		...[...text.matchAll(/<link\b[^>]*>/g)]
			.filter((m) => /rel="modulepreload"/.test(m[0]))
			.map((m) => /href="([^"]+)"/.exec(m[0])?.[1] ?? ''),
		...[...text.matchAll(/import\(["']([^"']+\.js)["']\)/g)].map((m) => m[1])
	];
	const files = staticClosure(refs.map((ref) => resolve(dirname(html), ref)));
	let raw = 0;
	let gzip = 0;
	for (const file of files) {
		const bytes = readFileSync(file);
		raw += bytes.length;
		gzip += gzipSync(bytes, { level: 9 }).length;
	}
	const route = '/' + relative(root, dirname(html)).replaceAll('\\', '/');
	rows.push({ route: route === '/' ? '/' : `${route}/`, files: files.size, raw, gzip });
}

if (json) console.log(JSON.stringify(rows, null, 2));
else {
	for (const row of rows)
		console.log(
			`${row.route.padEnd(20)} ${String(row.files).padStart(3)} files  ` +
				`${(row.raw / 1024).toFixed(1).padStart(8)} KB raw  ${(row.gzip / 1024).toFixed(1).padStart(7)} KB gzip`
		);
}
