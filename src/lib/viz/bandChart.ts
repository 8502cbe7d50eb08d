import { area, axisLeft, line, scaleLinear, schemeTableau10, select } from 'd3';
import { layoutChartFrame } from './chartFrame';
import { drawLegend, legendLayout } from './chartLegend';
import { finiteExtent, paddedDomain } from './finiteExtent';
import { labelSvg } from './labelSvg';
import { remScaled } from './rootFont';

/**
 * One quantity measured over x with its spread, e.g. a layer's activations over training steps:
 * at x[i] the median is median[i] and 80 % of the values lie between low[i] (10th percentile)
 * and high[i] (90th). A non-finite value leaves a gap.
 */
export interface BandSeries {
	name: string;
	x: ArrayLike<number>;
	low: ArrayLike<number>;
	median: ArrayLike<number>;
	high: ArrayLike<number>;
	color?: string;
}

export interface BandChartOptions {
	width: number;
	height: number;
	title?: string;
	xLabel?: string;
	yLabel?: string;
	/** Fixed y range; default the finite extent of every band, niced. */
	yDomain?: [number, number];
	/** what the band spans, for the legend and the accessible description; default '10–90 %' */
	bandLabel?: string;
	/** Text size in px; default 11 scaled to the page's root font. */
	fontSize?: number;
}

const indices = (n: number) => Array.from({ length: n }, (_, i) => i);

/**
 * Percentile bands on an <svg> of opts.width × opts.height px: per series a shaded area from
 * low to high and its median as a line on top, a legend above the plot, axes with labels.
 */
export function bandChart(
	svg: SVGSVGElement
): (series: BandSeries[], opts: BandChartOptions) => void {
	select(svg).selectAll('*').remove();
	const root = select(svg).attr('font-family', 'system-ui, sans-serif');
	const title = root.append('text').attr('fill', 'currentColor').attr('font-weight', 600);
	const legend = root.append('g');
	const xAxis = root.append('g');
	const yAxis = root.append('g');
	const bands = root.append('g').attr('class', 'bands');
	const medians = root.append('g').attr('class', 'medians').attr('fill', 'none');
	const xLabel = root.append('text').attr('fill', 'currentColor').attr('text-anchor', 'middle');
	const yLabel = root.append('text').attr('fill', 'currentColor').attr('text-anchor', 'middle');

	return (series, opts) => {
		const { width, height } = opts;
		const fontSize = opts.fontSize ?? remScaled(11);
		const unit = fontSize / 11;
		const bandLabel = opts.bandLabel ?? '10–90 %';
		const colorOf = (s: BandSeries, i: number) => s.color ?? schemeTableau10[i % 10];
		const entries = series.map((s, i) => ({ s, i, key: `${i}:${s.name}`, color: colorOf(s, i) }));

		const legendRows = legendLayout(
			entries.map(({ s, color }) => ({ name: s.name, color, swatch: 'band' as const })),
			fontSize,
			width - 52 * unit - 14
		);
		const legendTop = (opts.title ? 22 : 6) * unit;
		const top = legendTop + legendRows.rows * legendRows.rowHeight + 4 * unit;
		const margin = { top, right: 14, bottom: 40 * unit, left: 52 * unit };
		root.attr('font-size', fontSize);
		root.attr('width', width).attr('height', height).attr('viewBox', `0 0 ${width} ${height}`);

		const x = scaleLinear()
			.domain(paddedDomain(finiteExtent(...series.map((s) => s.x))))
			.range([margin.left, width - margin.right]);
		const y = scaleLinear().range([height - margin.bottom, margin.top]);
		if (opts.yDomain) y.domain(opts.yDomain);
		else
			y.domain(
				paddedDomain(finiteExtent(...series.flatMap((s) => [s.low, s.median, s.high])))
			).nice();

		const length = (s: BandSeries) =>
			Math.min(s.x.length, s.low.length, s.median.length, s.high.length);
		bands
			.selectAll<SVGPathElement, (typeof entries)[number]>('path')
			.data(entries, (d) => d.key)
			.join('path')
			.attr('fill', (d) => d.color)
			.attr('fill-opacity', 0.25)
			.attr('d', ({ s }) =>
				area<number>()
					.defined((k) => [s.x[k], s.low[k], s.high[k]].every(Number.isFinite))
					.x((k) => x(s.x[k]))
					.y0((k) => y(s.low[k]))
					.y1((k) => y(s.high[k]))(indices(length(s)))
			);
		medians
			.selectAll<SVGPathElement, (typeof entries)[number]>('path')
			.data(entries, (d) => d.key)
			.join('path')
			.attr('stroke', (d) => d.color)
			.attr('stroke-width', 1.75)
			.attr('d', ({ s }) =>
				line<number>()
					.defined((k) => Number.isFinite(s.x[k]) && Number.isFinite(s.median[k]))
					.x((k) => x(s.x[k]))
					.y((k) => y(s.median[k]))(indices(length(s)))
			);

		legend.attr('transform', `translate(${margin.left}, ${legendTop})`);
		drawLegend(legend, legendRows, fontSize);

		layoutChartFrame(
			{ title, xAxis, yAxis, xLabel, yLabel },
			{
				width,
				height,
				margin,
				x,
				yAxis: axisLeft(y).ticks(Math.max(2, height / (40 * unit))),
				title: opts.title ?? '',
				xLabel: opts.xLabel ?? '',
				yLabel: opts.yLabel ?? '',
				fontSize
			}
		);

		labelSvg(
			svg,
			`${opts.title ?? 'Percentile bands'}: ${series.map((s) => s.name).join(', ') || 'no series'}` +
				(opts.yLabel ? ` — ${opts.yLabel}` : '') +
				(opts.xLabel ? ` against ${opts.xLabel}` : ''),
			`Each line is the median; the shaded band spans the ${bandLabel} range.`
		);
	};
}
