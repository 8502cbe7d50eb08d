import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

/** The TF.js imports forbidden outside scripts/ (see the rule's comment below). */
function tfImports({ startsBackends }) {
	const paths = [
		{
			name: '@tensorflow/tfjs',
			message:
				'Import what the app ships: @tensorflow/tfjs-core, a backend, tfjs-layers or tfjs-converter (tests: tests/unit/tfBackend.ts).'
		}
	];
	const patterns = [
		{
			group: ['@tensorflow/tfjs-core/dist/public/chained_ops/*'],
			message: 'Call ops as functions (tf.reshape(x, …)): no chained ops are registered.'
		}
	];
	if (!startsBackends)
		patterns.push({
			group: ['@tensorflow/tfjs-core/dist/register_all_gradients'],
			message: 'The gradients are registered where every backend starts: wasmKernels.ts.'
		});
	return { paths, patterns };
}

export default ts.config(
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	prettier,
	...svelte.configs.prettier,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } },
		rules: {
			'no-undef': 'off',
			// Prettier writes {' '} to keep significant whitespace across line breaks.
			'svelte/no-useless-mustaches': 'off',
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_' }
			]
		}
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: {
			// No projectService: a type-aware parse of every .svelte file cost ~60 of ESLint's 76 CPU s,
			// for no rule this config runs that needs types; svelte-check type-checks everything.
			parserOptions: {
				extraFileExtensions: ['.svelte'],
				parser: ts.parser,
				svelteConfig
			}
		}
	},
	{
		// The engine, image pipeline and URL state are the typed core: no escape hatches there.
		files: ['src/lib/engine/**', 'src/lib/image/**', 'src/lib/state/**'],
		rules: { '@typescript-eslint/no-explicit-any': 'error' }
	},
	// TF.js as the app ships it: tfjs-core, the backends, tfjs-layers and tfjs-converter. The union
	// bundle registers every chained op and gradient, so code or a test importing it would hide a
	// registration a page or a worker lacks. Ops are called as functions (tf.reshape(x, …)), so no
	// chained ops are registered; the gradients are registered once, where every backend starts
	// (wasmKernels.ts switchBackend, in the page and in each worker), the one place allowed to
	// import them or call setBackend. Scripts under scripts/ may use the union bundle.
	{
		files: ['src/**', 'tests/**'],
		rules: { 'no-restricted-imports': ['error', tfImports({ startsBackends: false })] }
	},
	{
		files: ['src/**'],
		ignores: ['src/lib/engine/wasmKernels.ts'],
		rules: {
			'no-restricted-syntax': [
				'error',
				{
					selector:
						"MemberExpression[property.name='setBackend'], ImportSpecifier[imported.name='setBackend']",
					message:
						'Start a backend with switchBackend (wasmKernels.ts): it registers the gradients and ConvLab’s kernels.'
				}
			]
		}
	},
	{
		files: ['src/lib/engine/wasmKernels.ts'],
		rules: { 'no-restricted-imports': ['error', tfImports({ startsBackends: true })] }
	},
	{
		ignores: [
			'build/',
			'.svelte-kit/',
			'node_modules/',
			'static/',
			'test-results/',
			'bench-results/',
			'screenshots/',
			'test-reports/'
		]
	}
);
