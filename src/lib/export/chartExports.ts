import { chartTableCsv, type ChartTable } from './chartTable';
import { exportFileName } from './fileName';
import { svgToPngBlob, svgToString } from './svgExport';

/** One download button of a chart (the shape ExportButtons takes). */
export interface ChartExportItem {
	label: string;
	filename: string;
	description: string;
	build: () => Blob | Promise<Blob>;
}

export interface ChartExportOptions {
	/** the chart's data, read when .csv is pressed; may throw (e.g. "still being computed") */
	table?: () => ChartTable;
	/** the PNG button's name: '.png 2×' (most charts) or '.png' */
	pngLabel?: string;
}

/**
 * A chart's downloads, in the order every chart shows them: its data as .csv (a header row
 * naming each column), the drawing as .svg, and as a .png at twice the size on screen. File
 * names come from `fileParts`: convlab-<parts>.csv / .svg / .png.
 */
export function chartExportItems(
	svg: () => SVGSVGElement | undefined,
	fileParts: (string | number)[],
	{ table, pngLabel = '.png 2×' }: ChartExportOptions = {}
): ChartExportItem[] {
	const drawn = () => {
		const node = svg();
		if (!node) throw new Error('the chart is not drawn yet');
		return node;
	};
	return [
		...(table
			? [
					{
						label: '.csv',
						filename: exportFileName(fileParts, 'csv'),
						description: 'the data drawn, a header row naming each column',
						build: () => new Blob([chartTableCsv(table())], { type: 'text/csv' })
					}
				]
			: []),
		{
			label: '.svg',
			filename: exportFileName(fileParts, 'svg'),
			description: 'vector image with its title, axes, legend and labels at the sizes shown',
			build: () => new Blob([svgToString(drawn())], { type: 'image/svg+xml' })
		},
		{
			label: pngLabel,
			filename: exportFileName(fileParts, 'png'),
			description: 'image at twice the size on screen, with its title, axes, legend and labels',
			build: () => svgToPngBlob(drawn(), 2)
		}
	];
}
