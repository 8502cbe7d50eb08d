import { axisBottom, axisLeft, scaleBand, scaleLinear, select } from 'd3';
import { drawLegend, legendLayout } from './chartLegend';
import { labelSvg } from './labelSvg';
import { yAxisLeftMargin } from './chartFrame';

/** One series of bars: a value per group (NaN draws no bar), and an optional reference line. */
export interface BarSeries {
	name: string;
	color: string;
	values: readonly number[];
	/** a dashed horizontal line across the chart (e.g. the intact net's accuracy) */
	reference?: number;
}

export interface GroupedBarChartOptions {
	width: number;
	height: number;
	/** one name per group, along the x axis */
	groups: readonly string[];
	title?: string;
	xLabel?: string;
	yLabel?: string;
	yDomain?: [number, number];
	format?: (value: number) => string;
	/** the group drawn with a heavier outline (the selected block), or -1 */
	highlight?: number;
	fontSize?: number;
}

/**
 * Grouped vertical bars on an <svg>: for each group (x), one bar per series side by side, a
 * legend above the plot, dashed reference lines in the series' colours. Group names thin out
 * when they would overlap. Non-finite values draw no bar.
 */
export function groupedBarChart(
	svg: SVGSVGElement
): (series: BarSeries[], opts: GroupedBarChartOptions) => void {
	select(svg).selectAll('*').remove();
	const root = select(svg).attr('font-family', 'system-ui, sans-serif');
	const title = root.append('text').attr('fill', 'currentColor').attr('font-weight', 600);
	const legend = root.append('g');
	const xAxis = root.append('g');
	const yAxis = root.append('g');
	const xLabel = root.append('text').attr('fill', 'currentColor').attr('text-anchor', 'middle');
	const yLabel = root.append('text').attr('fill', 'currentColor').attr('text-anchor', 'middle');
	const bars = root.append('g');
	const references = root.append('g');

	return (series, opts) => {
		const { width, height, groups } = opts;
		const font = opts.fontSize ?? 11;
		const unit = font / 11;
		const write = opts.format ?? ((v: number) => v.toFixed(2));
		const layout = legendLayout(
			series.map((s) => ({ name: s.name, color: s.color, swatch: 'band' as const })),
			font,
			width - 60 * unit
		);
		const legendTop = (opts.title ? 24 : 6) * unit;
		const margin = {
			top: legendTop + layout.rows * layout.rowHeight + 6 * unit,
			right: 10 * unit,
			bottom: (opts.xLabel ? 40 : 24) * unit,
			left: 50 * unit
		};
		root.attr('width', width).attr('height', height).attr('viewBox', `0 0 ${width} ${height}`);
		root.attr('font-size', font);
		const all = series.flatMap((s) => [...s.values, s.reference ?? NaN]).filter(Number.isFinite);
		const y = scaleLinear()
			.domain(opts.yDomain ?? [0, Math.max(1e-9, ...all)])
			.range([height - margin.bottom, margin.top]);
		const tickCount = Math.max(2, height / (40 * unit));
		const tickText = opts.format ? write : y.tickFormat(tickCount, '~s');
		margin.left = yAxisLeftMargin(
			y.ticks(tickCount).map((v) => tickText(v)),
			font,
			margin.left,
			Boolean(opts.yLabel)
		);
		const x = scaleBand<number>()
			.domain(groups.map((_, i) => i))
			.range([margin.left, width - margin.right])
			.paddingInner(0.2);
		const inner = scaleBand<number>()
			.domain(series.map((_, i) => i))
			.range([0, x.bandwidth()]);
		// a group name every `every` groups, so names never overlap
		const every = Math.max(1, Math.ceil((font * 2.2) / Math.max(1, x.step())));

		title
			.attr('x', margin.left)
			.attr('y', 15 * unit)
			.text(opts.title ?? '');
		legend.attr('transform', `translate(${margin.left}, ${legendTop})`);
		drawLegend(legend, layout, font);
		xAxis
			.attr('transform', `translate(0, ${height - margin.bottom})`)
			.call(
				axisBottom(x)
					.tickValues(
						groups.map((_, i) => i).filter((i) => i % every === 0 || i === opts.highlight)
					)
					.tickFormat((i) => groups[i as number] ?? '')
			)
			.attr('font-size', font)
			.attr('font-family', null);
		yAxis
			.attr('transform', `translate(${margin.left}, 0)`)
			.call(axisLeft(y).ticks(tickCount, opts.format ? undefined : '~s'))
			.attr('font-size', font)
			.attr('font-family', null);
		if (opts.format) yAxis.selectAll<SVGTextElement, number>('.tick text').text((v) => write(v));
		xLabel
			.attr('x', (margin.left + width - margin.right) / 2)
			.attr('y', height - 6 * unit)
			.text(opts.xLabel ?? '');
		yLabel
			.attr(
				'transform',
				`translate(${14 * unit}, ${(margin.top + height - margin.bottom) / 2}) rotate(-90)`
			)
			.text(opts.yLabel ?? '');

		const cells = series.flatMap((s, si) =>
			groups.map((_, gi) => ({ si, gi, value: s.values[gi], color: s.color }))
		);
		bars
			.selectAll('rect')
			.data(cells)
			.join('rect')
			.attr('class', 'bar')
			.attr('data-series', (d) => series[d.si].name)
			.attr('x', (d) => (x(d.gi) ?? 0) + (inner(d.si) ?? 0))
			.attr('width', Math.max(1, inner.bandwidth()))
			.attr('y', (d) => (Number.isFinite(d.value) ? y(Math.max(y.domain()[0], d.value)) : y(0)))
			.attr('height', (d) =>
				Number.isFinite(d.value)
					? Math.max(0, y(y.domain()[0]) - y(Math.max(y.domain()[0], d.value)))
					: 0
			)
			.attr('fill', (d) => d.color)
			.attr('stroke', (d) => (d.gi === opts.highlight ? 'currentColor' : 'none'))
			.attr('stroke-width', 1.5 * unit);
		references
			.selectAll('line')
			.data(series.filter((s) => s.reference !== undefined && Number.isFinite(s.reference)))
			.join('line')
			.attr('x1', margin.left)
			.attr('x2', width - margin.right)
			.attr('y1', (s) => y(s.reference!))
			.attr('y2', (s) => y(s.reference!))
			.attr('stroke', (s) => s.color)
			.attr('stroke-width', 1.5 * unit)
			.attr('stroke-dasharray', '5 3');

		labelSvg(
			svg,
			`${opts.title ?? 'Bar chart'}${opts.yLabel ? ` (${opts.yLabel})` : ''}`,
			series
				.map(
					(s) =>
						`${s.name}: ${s.values.map((v, i) => `${groups[i]} ${Number.isFinite(v) ? write(v) : 'n/a'}`).join(', ')}`
				)
				.join('; ')
		);
	};
}
