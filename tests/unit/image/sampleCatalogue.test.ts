import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readImageHeader } from '$lib/image/imageHeader';
import { DEFAULT_SAMPLE_ID, sampleById, SAMPLES } from '$lib/image/sampleCatalogue';
import { validateImageBytes } from '$lib/image/validateImageFile';

const credits = readFileSync('static/samples/CREDITS.md', 'utf8');

describe('sample catalogue', () => {
	it('has the agreed ids, each once', () => {
		expect(SAMPLES.map((s) => s.id).sort()).toEqual(
			['astronaut', 'brick', 'camera', 'cat', 'coffee', 'hubble', 'horse', 'rocket'].sort()
		);
	});

	it.each(SAMPLES.map((s) => [s.id, s] as const))(
		'%s: file exists, passes validation, size matches',
		(_id, sample) => {
			const path = `static/${sample.file}`;
			expect(existsSync(path)).toBe(true);
			const bytes = new Uint8Array(readFileSync(path));
			const info = validateImageBytes(bytes);
			// Shipped files must not need rotating: the catalogue sizes are the displayed sizes.
			expect(info.orientation).toBe(1);
			expect(readImageHeader(bytes, info.kind)).toEqual({
				width: sample.width,
				height: sample.height
			});
			expect(Math.max(sample.width, sample.height)).toBeLessThanOrEqual(512);
		}
	);

	it.each(SAMPLES.map((s) => [s.id, s] as const))(
		'%s: credited with its licence',
		(_id, sample) => {
			const fileName = sample.file.replace('samples/', '');
			const row = credits.split('\n').find((line) => line.includes(`\`${fileName}\``));
			expect(row, `CREDITS.md has no row for ${fileName}`).toBeDefined();
			expect(row).toContain(sample.credit.split(' (')[0].split(',')[0]);
			expect(row).toContain(sample.licence === 'CC0' ? 'CC0' : 'Public domain');
			expect(sample.title.length).toBeGreaterThan(0);
		}
	);

	it.each(SAMPLES.map((s) => [s.id, s] as const))(
		'%s: its thumbnail is a small 128×128 image of the same kind',
		(id, sample) => {
			expect(sample.thumb).toMatch(new RegExp(`^samples/thumbs/${id}\\.(jpg|png)$`));
			const bytes = new Uint8Array(readFileSync(`static/${sample.thumb}`));
			const info = validateImageBytes(bytes);
			expect(info.orientation).toBe(1);
			expect(readImageHeader(bytes, info.kind)).toEqual({ width: 128, height: 128 });
			// the point of it: a few KB, not the sample
			expect(bytes.length).toBeLessThan(Math.min(8 * 1024, statSync(`static/${sample.file}`).size));
		}
	);

	it('ships no thumbnail without a sample', () => {
		expect(readdirSync('static/samples/thumbs').sort()).toEqual(
			SAMPLES.map((s) => s.thumb.replace('samples/thumbs/', '')).sort()
		);
	});

	it('ships nothing uncatalogued and stays under 1 MB', () => {
		const images = readdirSync('static/samples').filter(
			(f) => f !== 'CREDITS.md' && f !== 'thumbs'
		);
		expect(images.sort()).toEqual(SAMPLES.map((s) => s.file.replace('samples/', '')).sort());
		const total = images.reduce((sum, f) => sum + statSync(`static/samples/${f}`).size, 0);
		expect(total).toBeLessThan(1024 * 1024);
	});

	it('finds samples by id, and the default exists', () => {
		expect(sampleById(DEFAULT_SAMPLE_ID)?.file).toBe('samples/cat.jpg');
		expect(sampleById('horse')?.width).toBe(400);
		expect(sampleById('dog')).toBeUndefined();
		expect(sampleById('')).toBeUndefined();
	});
});
