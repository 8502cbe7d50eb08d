/**
 * Lets a Node script import the app's TypeScript engine files (src/lib/engine/**.ts) directly:
 * Node 20 cannot strip types, so this module-loader hook transpiles .ts with the TypeScript
 * compiler, and maps the one deep tfjs-core import Node's ESM resolver cannot follow
 * ('@tensorflow/tfjs-core/dist/…', extensionless) to nothing — the script imports
 * '@tensorflow/tfjs', which registers every gradient itself.
 *
 *   import { register } from 'node:module';
 *   register('./engineLoader.mjs', import.meta.url);
 *   const { createUNet } = await import('../src/lib/engine/segmentation/unet.ts');
 */
import { readFile } from 'node:fs/promises';
import ts from 'typescript';

export async function resolve(specifier, context, next) {
	if (specifier.startsWith('@tensorflow/tfjs-core/dist/')) {
		return { url: 'data:text/javascript,export{}', shortCircuit: true };
	}
	if (
		specifier.startsWith('.') &&
		context.parentURL?.endsWith('.ts') &&
		!/\.\w+$/.test(specifier)
	) {
		return next(`${specifier}.ts`, context);
	}
	return next(specifier, context);
}

export async function load(url, context, next) {
	if (!url.endsWith('.ts')) return next(url, context);
	const source = await readFile(new URL(url), 'utf8');
	const { outputText } = ts.transpileModule(source, {
		compilerOptions: {
			module: ts.ModuleKind.ESNext,
			target: ts.ScriptTarget.ES2022,
			verbatimModuleSyntax: false
		},
		fileName: url
	});
	return { format: 'module', source: outputText, shortCircuit: true };
}
