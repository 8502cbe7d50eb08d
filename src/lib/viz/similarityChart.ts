import { axisLeft, line, scaleLinear, select } from 'd3';
import { layoutChartFrame } from './chartFrame';
import { drawLegend, legendLayout } from './chartLegend';
import { labelSvg } from './labelSvg';

/** One curve of similarity against shift; NaN leaves a gap (not computed yet). */
export interface SimilaritySeries {
	name: string;
	values: ArrayLike<number>;
	color: string;
	dashed?: boolean;
}

export interface SimilarityChartOptions {
	width: number;
	height: number;
	/** x of sample i is i (shift in px) */
	maxShift: number;
	/** the current shift, drawn as a dashed vertical line when inside the range */
	marker?: number;
	fontSize: number;
	title: string;
	xLabel: string;
	yLabel: string;
}

let chartCount = 0;

/**
 * Similarity curves: shift in px on x, correlation on y (always showing 0 … 1, further down if a
 * curve goes negative), a dot per computed sample so the 1-px steps are visible, and a legend
 * that wraps onto as many rows as the width needs (seven names do not fit one row on a phone).
 */
export function similarityChart(
	svg: SVGSVGElement
): (series: SimilaritySeries[], opts: SimilarityChartOptions) => void {
	const clipId = `convlab-similarity-clip-${++chartCount}`;
	select(svg).selectAll('*').remove();
	const root = select(svg).attr('font-family', 'system-ui, sans-serif');
	const clipRect = root.append('defs').append('clipPath').attr('id', clipId).append('rect');
	const title = root.append('text').attr('fill', 'currentColor').attr('font-weight', 600);
	const legend = root.append('g');
	const grid = root.append('g').attr('stroke', 'currentColor').attr('stroke-opacity', 0.12);
	const xAxis = root.append('g');
	const yAxis = root.append('g');
	const lines = root.append('g').attr('clip-path', `url(#${clipId})`);
	const marker = root
		.append('line')
		.attr('stroke', 'currentColor')
		.attr('stroke-dasharray', '4 3')
		.attr('stroke-opacity', 0.8);
	const xLabel = root.append('text').attr('fill', 'currentColor').attr('text-anchor', 'middle');
	const yLabel = root.append('text').attr('fill', 'currentColor').attr('text-anchor', 'middle');

	return (series, opts) => {
		const { width, height, fontSize } = opts;
		root.attr('font-size', fontSize);
		const left = fontSize * 4.2;
		// Seven names do not fit one row on a phone: the legend wraps.
		const legendRows = legendLayout(
			series.map((s) => ({ name: s.name, color: s.color, dashed: s.dashed, dasharray: '6 3' })),
			fontSize,
			width - left
		);
		const top = fontSize * 2.2 + legendRows.rows * legendRows.rowHeight;
		const margin = { top, right: fontSize, bottom: fontSize * 3.4, left };
		root.attr('width', width).attr('height', height).attr('viewBox', `0 0 ${width} ${height}`);

		const x = scaleLinear()
			.domain([0, opts.maxShift])
			.range([margin.left, width - margin.right]);
		let low = 0;
		for (const s of series)
			for (let i = 0; i < s.values.length; i++)
				if (Number.isFinite(s.values[i])) low = Math.min(low, s.values[i]);
		const y = scaleLinear()
			.domain([Math.floor(low * 5) / 5, 1])
			.range([height - margin.bottom, margin.top]);
		clipRect
			.attr('x', margin.left - 4)
			.attr('y', margin.top - 4)
			.attr('width', Math.max(0, width - margin.left - margin.right + 8))
			.attr('height', Math.max(0, height - margin.top - margin.bottom + 8));

		grid
			.selectAll('line')
			.data(y.ticks(5))
			.join('line')
			.attr('x1', margin.left)
			.attr('x2', width - margin.right)
			.attr('y1', (v) => y(v))
			.attr('y2', (v) => y(v));

		const groups = lines
			.selectAll<SVGGElement, SimilaritySeries>('g')
			.data(series, (s) => s.name)
			.join((enter) => {
				const g = enter.append('g');
				g.append('path')
					.attr('fill', 'none')
					.attr('stroke-width', fontSize / 6);
				return g;
			});
		groups
			.select('path')
			.attr('stroke', (s) => s.color)
			.attr('stroke-dasharray', (s) => (s.dashed ? '6 3' : null))
			.attr('d', (s) =>
				line<number>()
					.defined((i) => Number.isFinite(s.values[i]))
					.x((i) => x(i))
					.y((i) => y(s.values[i]))(Array.from({ length: s.values.length }, (_, i) => i))
			);
		groups
			.selectAll<SVGCircleElement, number>('circle')
			.data((s) =>
				Array.from({ length: s.values.length }, (_, i) => i).filter((i) =>
					Number.isFinite(s.values[i])
				)
			)
			.join('circle')
			.attr('r', fontSize / 5)
			.attr('fill', function () {
				return (select(this.parentNode as SVGGElement).datum() as SimilaritySeries).color;
			})
			.attr('cx', (i) => x(i))
			.attr('cy', function (i) {
				const s = select(this.parentNode as SVGGElement).datum() as SimilaritySeries;
				return y(s.values[i]);
			});

		legend.attr('transform', `translate(${margin.left}, ${fontSize * 2.2})`);
		drawLegend(legend, legendRows, fontSize);

		const showMarker =
			opts.marker !== undefined && opts.marker >= 0 && opts.marker <= opts.maxShift;
		marker
			.attr('display', showMarker ? null : 'none')
			.attr('x1', showMarker ? x(opts.marker as number) : 0)
			.attr('x2', showMarker ? x(opts.marker as number) : 0)
			.attr('y1', margin.top)
			.attr('y2', height - margin.bottom);

		layoutChartFrame(
			{ title, xAxis, yAxis, xLabel, yLabel },
			{
				width,
				height,
				margin,
				x,
				yAxis: axisLeft(y).ticks(5),
				title: opts.title,
				xLabel: opts.xLabel,
				yLabel: opts.yLabel
			}
		);
		title.attr('y', fontSize * 1.3);
		xAxis.attr('font-size', fontSize * 0.9);
		yAxis.attr('font-size', fontSize * 0.9);

		labelSvg(
			svg,
			`${opts.title}: ${series.map((s) => s.name).join(', ')} — ${opts.yLabel} against ${opts.xLabel}`,
			showMarker ? `A dashed line marks the current shift, ${opts.marker} px.` : ''
		);
	};
}
