/**
 * Where python3 exists, generated listings are byte-compiled (`python3 -m py_compile`, one
 * interpreter start per test file); neither PyTorch nor Keras needs to be installed.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const hasPython = (() => {
	try {
		execFileSync('python3', ['--version'], { stdio: 'ignore' });
		return true;
	} catch {
		return false;
	}
})();

/** Collects snippets into files, then byte-compiles them all at once. */
export function snippetFolder(prefix: string) {
	const folder = mkdtempSync(join(tmpdir(), `convlab-${prefix}-`));
	const files: string[] = [];
	return {
		files,
		add(name: string, code: string): string {
			const file = join(folder, `${name}.py`);
			writeFileSync(file, code);
			files.push(file);
			return file;
		},
		compileAll() {
			execFileSync('python3', ['-m', 'py_compile', ...files]);
		}
	};
}
