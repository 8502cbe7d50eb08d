import { describe, expect, it } from 'vitest';
import { chartTableCsv, seriesTable } from '$lib/export/chartTable';
import { coneTable, confusionTable, histogramTable } from '$lib/export/chartTables';

describe('chartTableCsv', () => {
	it('writes a header row, 6 significant digits, and quotes names that hold a comma or a quote', () => {
		const text = chartTableCsv({
			columns: ['shift (px, image moves left)', 'conv map', 'say "hi"'],
			rows: [
				[0, 0, 1 / 3],
				[1, NaN, 123456789]
			]
		});
		expect(text).toBe(
			'"shift (px, image moves left)",conv map,"say ""hi"""\n0,0,0.333333\n1,NaN,123457000\n'
		);
	});
});

describe('seriesTable', () => {
	it('series on the same x: one x column, one column per series', () => {
		const table = seriesTable(
			[
				{ name: 'conv', x: [0, 1, 2], y: [0, 0.5, 0.7] },
				{ name: 'pooled', x: [0, 1, 2], y: [0, 0.2, 0.3] }
			],
			'shift'
		);
		expect(chartTableCsv(table)).toBe('shift,conv,pooled\n0,0,0\n1,0.5,0.2\n2,0.7,0.3\n');
	});

	it('series on different x: one row per point (series, x, y)', () => {
		const table = seriesTable(
			[
				{ name: 'a', x: [0, 1], y: [5, 6] },
				{ name: 'b', x: [0, 2, 4], y: [7, 8, 9] }
			],
			'epoch',
			'loss'
		);
		expect(chartTableCsv(table)).toBe('series,epoch,loss\na,0,5\na,1,6\nb,0,7\nb,2,8\nb,4,9\n');
	});
});

describe('the tables of the histogram and the cone', () => {
	it('histogram: one row per bin with its edges and count', () => {
		const bins = {
			edges: Float64Array.from([0, 0.5, 1]),
			counts: Uint32Array.from([3, 1]),
			total: 4,
			min: 0,
			max: 1,
			mean: 0.4,
			std: 0.3,
			nonFinite: 0
		};
		expect(chartTableCsv(histogramTable(bins as never))).toBe(
			'bin_start,bin_end,count\n0,0.5,3\n0.5,1,1\n'
		);
	});

	it('cone: a layer with no dependence leaves its cells empty', () => {
		const csv = chartTableCsv(
			coneTable([
				{
					label: 'input',
					first: 0.5,
					last: 9.5,
					jump: 1,
					from: 2.5,
					to: 4.5,
					count: 3,
					selected: false
				},
				{
					label: 'conv 1',
					first: 1,
					last: 9,
					jump: 2,
					from: null,
					to: null,
					count: 0,
					selected: true
				}
			])
		);
		expect(csv.split('\n')[0]).toBe(
			'layer,first_unit_centre,last_unit_centre,jump,depends_from,depends_to,units,selected'
		);
		expect(csv.split('\n')[2]).toBe('conv 1,1,9,2,,,0,1');
	});
});

describe('confusionTable', () => {
	it('lists every cell as true class, predicted class, images (row = true class)', () => {
		const table = confusionTable(Int32Array.from([5, 1, 2, 7]), ['cat', 'dog']);
		expect(chartTableCsv(table)).toBe(
			'true_class,predicted_class,images\ncat,cat,5\ncat,dog,1\ndog,cat,2\ndog,dog,7\n'
		);
		expect(() => confusionTable([1, 2, 3], ['cat', 'dog'])).toThrow(RangeError);
	});
});
