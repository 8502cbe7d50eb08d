// Custom WASM kernels are registered in one place (wasmKernels.ts, through switchBackend), in
// the page and in every worker alike: a source scan, so a new worker or module that starts TF.js
// its own way, or swaps a built-in kernel (as Tile once was swapped globally), fails here.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(__dirname, '../../../src');

function sources(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return sources(path);
		return /\.(ts|svelte)$/.test(name) ? [path] : [];
	});
}

const files = sources(SRC).map((path) => ({
	path: relative(SRC, path),
	text: readFileSync(path, 'utf8')
}));

/** Whether `path` (relative to src/) reaches TF.js through its imports of src/lib modules. */
function usesTfjs(path: string, seen = new Set<string>()): boolean {
	if (seen.has(path)) return false;
	seen.add(path);
	const file = files.find((f) => f.path === path);
	if (!file) return false;
	if (/from '@tensorflow\//.test(file.text)) return true;
	// `import type` brings no code into the bundle (a worker of plain numbers may name a TF.js type)
	const imports = [
		...file.text.matchAll(
			/^(?:import|export)\s+(?!type\b)[^;]*?from '(\$lib\/[^']+|\.{1,2}\/[^']+)'/gm
		)
	].map((m) => m[1]);
	return imports.some((spec) => {
		const target = spec.startsWith('$lib/') ? join('lib', spec.slice(5)) : join(path, '..', spec);
		return ['', '.ts', '.svelte.ts'].some((ext) => usesTfjs(target + ext, seen));
	});
}

/** The kernel files wasmKernels.ts registers, and wasmKernels.ts itself. */
const KERNEL_FILES = [
	'lib/engine/wasmKernels.ts',
	'lib/engine/wasmGradients.ts',
	'lib/engine/depthwiseGradients.ts',
	'lib/engine/maxPoolGradient.ts',
	'lib/engine/resizeNearestGradient.ts',
	'lib/engine/wasmMatMul.ts',
	'lib/engine/sharedIdentity.ts',
	'lib/engine/fusedBatchNorm.ts',
	'lib/engine/sgdKernel.ts',
	'lib/engine/convInputGradient.ts',
	'lib/engine/kernelReplacement.ts'
];

describe('kernel registration', () => {
	it('registers or swaps kernels only in the files wasmKernels.ts calls', () => {
		const registering = files
			// replaceKernel (kernelReplacement.ts) swaps a built-in kernel: its callers count too
			.filter((f) => /\b(registerKernel|unregisterKernel|replaceKernel)\s*\(/.test(f.text))
			.map((f) => f.path);
		expect(registering.sort()).toEqual(
			KERNEL_FILES.filter((f) => f !== 'lib/engine/wasmKernels.ts').sort()
		);
		const tile = files.filter((f) => /['"]Tile['"]/.test(f.text)).map((f) => f.path);
		expect(tile).toEqual(['lib/engine/wasmGradients.ts']);
	});

	it('switches backends only through switchBackend, which registers the kernels', () => {
		const setting = files.filter((f) => /\bsetBackend\s*\(/.test(f.text)).map((f) => f.path);
		expect(setting).toEqual(['lib/engine/wasmKernels.ts']);
		const wasmKernels = files.find((f) => f.path === 'lib/engine/wasmKernels.ts')!.text;
		expect(wasmKernels).toMatch(/if \(name === 'wasm'\) registerWasmKernels\(name\)/);
	});

	it('starts every worker that runs TF.js through startTrainingBackend (switchBackend)', () => {
		const workers = files.filter((f) => f.path.endsWith('.worker.ts'));
		expect(workers.length).toBeGreaterThanOrEqual(3);
		for (const worker of workers) {
			if (!usesTfjs(worker.path)) continue;
			expect(worker.text, worker.path).toMatch(/startTrainingBackend/);
		}
		// a worker of plain numbers (UMAP, FastICA) starts no backend
		expect(usesTfjs('lib/workers/umap.worker.ts')).toBe(false);
		expect(usesTfjs('lib/workers/ica.worker.ts')).toBe(false);
		expect(usesTfjs('lib/workers/classifierTrainer.worker.ts')).toBe(true);
		const backend = files.find((f) => f.path === 'lib/engine/trainingBackend.ts')!.text;
		expect(backend).toMatch(/switchBackend\('wasm'\)/);
		expect(backend).toMatch(/switchBackend\('cpu'\)/);
	});
});
