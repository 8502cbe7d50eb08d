/**
 * The test-set confusion matrix as a D3 grid: rows are the true classes, columns the predicted
 * ones, each cell's count written in it and shaded on a sequential (log) scale so the few
 * mistakes show beside the large diagonal. The selected cell is outlined. Hit testing turns a
 * click into (true, predicted); keyboard handling lives in the component.
 */
import { interpolateBlues, scaleBand, scaleSequentialLog, select } from 'd3';
import { labelSvg } from './labelSvg';

export interface ConfusionMatrixOptions {
	width: number;
	selected: { truth: number; predicted: number } | null;
	/** short class names for the axes */
	labels: readonly string[];
}

export interface ConfusionLayout {
	left: number;
	top: number;
	cell: number;
}

/** Cell size and margins for a width; the chart is square apart from its labels. */
export function confusionLayout(width: number, classes: number): ConfusionLayout {
	const left = 92;
	const top = 64;
	const cell = Math.max(14, Math.floor((width - left - 8) / classes));
	return { left, top, cell };
}

/** The cell under point (x, y) in chart coordinates, or null outside the grid. */
export function confusionCellAt(
	layout: ConfusionLayout,
	classes: number,
	x: number,
	y: number
): { truth: number; predicted: number } | null {
	const predicted = Math.floor((x - layout.left) / layout.cell);
	const truth = Math.floor((y - layout.top) / layout.cell);
	if (predicted < 0 || truth < 0 || predicted >= classes || truth >= classes) return null;
	return { truth, predicted };
}

/** A cell's count type: as large as three digits fit in the cell, at most 14 px. */
export function countFontSize(cell: number): number {
	return Math.min(14, Math.floor((cell - 2) / 1.9));
}

export function confusionMatrixChart(
	svg: SVGSVGElement
): (counts: Int32Array, opts: ConfusionMatrixOptions) => ConfusionLayout {
	select(svg).selectAll('*').remove();
	const root = select(svg).attr('font-family', 'system-ui, sans-serif').attr('font-size', 11);
	const cells = root.append('g');
	const axes = root.append('g');
	const mark = root
		.append('rect')
		.attr('fill', 'none')
		.attr('stroke', '#d35400')
		.attr('stroke-width', 3)
		.attr('pointer-events', 'none');

	return (counts, opts) => {
		const n = opts.labels.length;
		const layout = confusionLayout(opts.width, n);
		const { left, top, cell } = layout;
		const width = left + n * cell + 8;
		const height = top + n * cell + 8;
		root.attr('width', width).attr('height', height).attr('viewBox', `0 0 ${width} ${height}`);
		const max = Math.max(1, ...counts);
		const colour = scaleSequentialLog(interpolateBlues).domain([1, max]);
		const band = scaleBand<number>()
			.domain(Array.from({ length: n }, (_, i) => i))
			.range([0, n * cell]);
		const data = Array.from(counts, (count, i) => ({
			count,
			truth: Math.floor(i / n),
			predicted: i % n
		}));
		const groups = cells
			.selectAll<SVGGElement, (typeof data)[number]>('g')
			.data(data)
			.join((enter) => {
				const g = enter.append('g');
				g.append('rect');
				g.append('text').attr('text-anchor', 'middle').attr('dy', '0.35em');
				return g;
			})
			.attr(
				'transform',
				(d) => `translate(${left + (band(d.predicted) ?? 0)}, ${top + (band(d.truth) ?? 0)})`
			);
		groups
			.select('rect')
			.attr('width', cell - 1)
			.attr('height', cell - 1)
			.attr('fill', (d) => (d.count > 0 ? colour(d.count) : '#fff'))
			.attr('stroke', '#ccd')
			.attr('stroke-width', 0.5);
		groups
			.select('text')
			.attr('x', cell / 2)
			.attr('y', cell / 2)
			.attr('font-size', countFontSize(cell))
			.attr('fill', (d) => (d.count > max / 8 ? '#fff' : '#222'))
			.text((d) => (d.count > 0 ? String(d.count) : ''));
		axes.selectAll('*').remove();
		axes
			.selectAll('text.col')
			.data(opts.labels)
			.join('text')
			.attr('class', 'col')
			.attr(
				'transform',
				(_, i) => `translate(${left + i * cell + cell / 2}, ${top - 6}) rotate(-45)`
			)
			.attr('fill', 'currentColor')
			.text((l) => l);
		axes
			.selectAll('text.row')
			.data(opts.labels)
			.join('text')
			.attr('class', 'row')
			.attr('x', left - 6)
			.attr('y', (_, i) => top + i * cell + cell / 2)
			.attr('dy', '0.35em')
			.attr('text-anchor', 'end')
			.attr('fill', 'currentColor')
			.text((l) => l);
		// Two short axis titles in the free corners, so neither runs past the chart at any width.
		axes
			.append('text')
			.attr('x', left)
			.attr('y', 12)
			.attr('font-weight', 600)
			.attr('fill', 'currentColor')
			.text('predicted →');
		axes
			.append('text')
			.attr('x', left - 6)
			.attr('y', top - 6)
			.attr('text-anchor', 'end')
			.attr('font-weight', 600)
			.attr('fill', 'currentColor')
			.text('true ↓');
		if (opts.selected) {
			mark
				.attr('display', null)
				.attr('x', left + opts.selected.predicted * cell - 1)
				.attr('y', top + opts.selected.truth * cell - 1)
				.attr('width', cell + 1)
				.attr('height', cell + 1)
				.raise();
		} else mark.attr('display', 'none');
		let correct = 0;
		let total = 0;
		data.forEach((d) => {
			total += d.count;
			if (d.truth === d.predicted) correct += d.count;
		});
		labelSvg(
			svg,
			`Confusion matrix of ${total} test images: ${total ? ((100 * correct) / total).toFixed(1) : '–'} % correct`,
			'Rows are the true classes, columns the predicted classes; each cell counts the images.'
		);
		return layout;
	};
}
