import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { SAMPLES } from '$lib/image/sampleCatalogue';
import { DATASETS, LIBRARIES, MODELS, SAMPLE_SOURCES } from '../../../src/routes/credits/credits';

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as {
	dependencies: Record<string, string>;
};
const CREDITS_MD = readFileSync('static/samples/CREDITS.md', 'utf8');

describe('credits page data', () => {
	it('credits every sample in the catalogue, and nothing else', () => {
		expect(Object.keys(SAMPLE_SOURCES).sort()).toEqual(SAMPLES.map((s) => s.id).sort());
	});

	it.each(SAMPLES.map((s) => [s.id, s.file] as const))(
		'%s: quotes the same licence words and source as static/samples/CREDITS.md',
		(id, file) => {
			const source = SAMPLE_SOURCES[id];
			const row = CREDITS_MD.split('\n').find((line) =>
				line.startsWith(`| \`${file.split('/')[1]}\``)
			);
			expect(row, `CREDITS.md has a row for ${file}`).toBeDefined();
			expect(row).toContain(source.statement);
			expect(row).toContain(source.loader.replace('skimage.data.', ''));
			if (source.url) expect(row).toContain(source.url);
			if (source.evidence) expect(row).toContain(source.evidence);
		}
	);

	it('names every runtime dependency in package.json, with a licence', () => {
		const credited = LIBRARIES.flatMap((library) => library.packages);
		for (const name of Object.keys(pkg.dependencies)) expect(credited).toContain(name);
		for (const library of LIBRARIES) expect(library.licence).not.toBe('');
	});

	it('credits every model folder in static/models with a licence', () => {
		const folders = readdirSync('static/models', { withFileTypes: true })
			.filter((entry) => entry.isDirectory())
			.map((entry) => entry.name)
			.sort();
		expect(MODELS.map((model) => model.folder).sort()).toEqual(folders);
		for (const model of MODELS) expect(model.licence).not.toBe('');
	});

	it('credits every dataset folder in static/data with a licence', () => {
		const folders = readdirSync('static/data', { withFileTypes: true })
			.filter((entry) => entry.isDirectory())
			.map((entry) => entry.name)
			.sort();
		expect(DATASETS.map((dataset) => dataset.folder).sort()).toEqual(folders);
		for (const dataset of DATASETS) expect(dataset.licence).not.toBe('');
	});
});
