import { describe, expect, it } from 'vitest';
import { chartExportItems } from '$lib/export/chartExports';
import { chartSize } from '$lib/viz/chartSize';

describe('chartExportItems', () => {
	it('offers .csv, .svg and .png 2× named after the figure, in that order', () => {
		const items = chartExportItems(() => undefined, ['pooling', 'Shift', 3], {
			table: () => ({ columns: ['x'], rows: [] })
		});
		expect(items.map((i) => [i.label, i.filename])).toEqual([
			['.csv', 'convlab-pooling-shift-3.csv'],
			['.svg', 'convlab-pooling-shift-3.svg'],
			['.png 2×', 'convlab-pooling-shift-3.png']
		]);
	});

	it('writes the table as CSV with a header row naming each column', async () => {
		const [csv] = chartExportItems(() => undefined, ['chart'], {
			table: () => ({
				columns: ['shift (px, image moves left)', 'max'],
				rows: [
					[0, 1],
					[1, 1 / 3]
				]
			})
		});
		const text = await (await csv.build()).text();
		expect(text).toBe('"shift (px, image moves left)",max\n0,1\n1,0.333333\n');
	});

	it('has no .csv without a table, takes another PNG name, and refuses an undrawn chart', () => {
		const items = chartExportItems(() => undefined, ['x'], { pngLabel: '.png' });
		expect(items.map((i) => i.label)).toEqual(['.svg', '.png']);
		expect(() => items[0].build()).toThrow('the chart is not drawn yet');
	});
});

describe('chartSize', () => {
	it('scales sizes designed for a 16 px root to the page root (projector: 24 px × 1.3)', () => {
		expect(chartSize(500, 16)).toMatchObject({ width: 500, scale: 1 });
		const projector = chartSize(500, 24 * 1.3);
		expect(projector.scale).toBeCloseTo(1.95, 12);
		expect(projector.rem(11)).toBe(21.45);
		expect(projector.rem(200)).toBe(390);
	});
});
