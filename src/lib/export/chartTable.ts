/**
 * A chart's data as a table, for its ".csv" button: a header row naming each column, then one
 * line per row. Numbers get up to 6 significant digits (NaN, Infinity as JavaScript writes
 * them, which NumPy and pandas read back); text cells and names are quoted when they hold a
 * comma, a quote or a line break (RFC 4180), so a header such as "shift (px, image moves left)"
 * stays one column.
 */
export interface ChartTable {
	columns: string[];
	rows: (number | string)[][];
}

function cell(value: number | string): string {
	if (typeof value === 'number') return String(Number(value.toPrecision(6)));
	return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

export function chartTableCsv(table: ChartTable): string {
	const lines = [table.columns, ...table.rows].map((row) => row.map(cell).join(','));
	return lines.map((line) => `${line}\n`).join('');
}

/** One line of a line chart: y[i] against x[i]. */
export interface TableSeries {
	name: string;
	x: ArrayLike<number>;
	y: ArrayLike<number>;
}

/**
 * Line-chart series as a table. When every series has the same x values: one row per x, the x
 * column then one column per series ("wide"); otherwise one row per point: series, x, y ("long").
 */
export function seriesTable(
	series: readonly TableSeries[],
	xName: string,
	yName = 'y'
): ChartTable {
	const first = series[0];
	const sameX =
		first !== undefined &&
		series.every(
			(s) =>
				s.x.length === first.x.length &&
				s.y.length === s.x.length &&
				Array.prototype.every.call(s.x, (v: number, i: number) => Object.is(v, first.x[i]))
		);
	if (sameX) {
		return {
			columns: [xName, ...series.map((s) => s.name)],
			rows: Array.from({ length: first.x.length }, (_, i) => [
				first.x[i],
				...series.map((s) => s.y[i])
			])
		};
	}
	return {
		columns: ['series', xName, yName],
		rows: series.flatMap((s) =>
			Array.from({ length: Math.min(s.x.length, s.y.length) }, (_, i) => [s.name, s.x[i], s.y[i]])
		)
	};
}
