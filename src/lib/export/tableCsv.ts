/**
 * A table as CSV text: the header row (column names, as given), then one line per row, each
 * value with up to 6 significant digits; every line ends in '\n'. NaN is written NaN (a value
 * not computed), which NumPy and pandas read back.
 */
export function tableToCsv<K extends string>(
	columns: readonly K[],
	rows: readonly Record<K, number>[]
): string {
	for (const name of columns) {
		if (/[",\n\r]/.test(name))
			throw new RangeError(`column name ${JSON.stringify(name)} needs quoting`);
	}
	const lines = [columns.join(',')];
	for (const row of rows) {
		lines.push(columns.map((name) => String(Number(row[name].toPrecision(6)))).join(','));
	}
	return lines.map((line) => `${line}\n`).join('');
}
