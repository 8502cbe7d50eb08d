/**
 * The per-layer receptive-field table as CSV, one row per node (the input first):
 * `layer,type,kernel,stride,dilation,padding,output,rf,jump,start,params,macs`.
 * Output is `HxW`; rf, jump and start are one number when both axes agree, else `y;x` (TF's
 * 'same' padding can differ between a non-square image's axes).
 */
import type { AxisField, ReceptiveFieldTable } from './receptiveField';

export const RF_CSV_HEADER =
	'layer,type,kernel,stride,dilation,padding,output,rf,jump,start,params,macs';

function quote(text: string): string {
	return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function both(y: AxisField, x: AxisField, key: 'rf' | 'jump' | 'start'): string {
	return y[key] === x[key] ? String(y[key]) : `${y[key]};${x[key]}`;
}

export function receptiveFieldCsv(table: ReceptiveFieldTable): string {
	const { input } = table;
	const lines = [
		RF_CSV_HEADER,
		`input,input,,,,,${input.y.size}x${input.x.size},1,1,0,0,0`,
		...table.rows.map((row) => {
			const op = row.op;
			const layer =
				op.kind === 'add'
					? ['add', '', '', '', '']
					: [op.kind, op.kernel, op.stride, op.dilation, op.padding];
			return [
				quote(row.name),
				...layer,
				`${row.y.size}x${row.x.size}`,
				both(row.y, row.x, 'rf'),
				both(row.y, row.x, 'jump'),
				both(row.y, row.x, 'start'),
				row.params,
				row.macs
			].join(',');
		})
	];
	return lines.map((line) => `${line}\n`).join('');
}
