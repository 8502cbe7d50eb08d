import { axisLeft, line, scaleLinear, scaleLog, schemeTableau10, select } from 'd3';
import { finiteExtent, paddedDomain } from './finiteExtent';
import { layoutChartFrame, yAxisLeftMargin } from './chartFrame';
import { drawLegend, legendLayout } from './chartLegend';
import { labelSvg } from './labelSvg';
import { remScaled } from './rootFont';

/** One line: y[i] against x[i]; a non-finite x or y leaves a gap. */
export interface Series {
	name: string;
	x: ArrayLike<number>;
	y: ArrayLike<number>;
	color?: string;
	dashed?: boolean;
}

export interface LineChartOptions {
	width: number;
	height: number;
	xLabel?: string;
	yLabel?: string;
	title?: string;
	/** Fixed x range (e.g. steps 0 to the run's last, shared by charts drawn side by side). */
	xDomain?: [number, number];
	/** Fixed y range (e.g. [0, 1] for accuracy); default: the data's finite extent, niced. */
	yDomain?: [number, number];
	/** x of a vertical marker line, e.g. the column under the cursor or the current epoch. */
	marker?: number;
	/** Text size in px; default 11 scaled to the page's root font (see {@link remScaled}). */
	fontSize?: number;
	/**
	 * 'log' for a true logarithmic axis (ticks at 1, 10, 100… with the values themselves as
	 * labels); points ≤ 0 on a log axis leave a gap. Default 'linear'.
	 */
	xScale?: 'linear' | 'log';
	yScale?: 'linear' | 'log';
}

/** The points of a series that can be drawn: finite, and positive on a log axis. */
function drawable(s: Series, xLog: boolean, yLog: boolean): { x: number[]; y: number[] } {
	const x: number[] = [];
	const y: number[] = [];
	const n = Math.min(s.x.length, s.y.length);
	for (let k = 0; k < n; k++) {
		const [u, v] = [s.x[k], s.y[k]];
		if (!Number.isFinite(u) || !Number.isFinite(v) || (xLog && u <= 0) || (yLog && v <= 0))
			continue;
		x.push(u);
		y.push(v);
	}
	return { x, y };
}

/** A domain for a log axis: the positive extent, widened to whole decades' ends when flat. */
function logDomain(extent: [number, number] | null): [number, number] {
	if (!extent) return [1, 10];
	const [lo, hi] = extent;
	return lo < hi ? [lo, hi] : [lo / 10 ** 0.5, hi * 10 ** 0.5];
}

let chartCount = 0;

/**
 * Line chart on an <svg> of opts.width × opts.height px: one path per series with NaN gaps,
 * axes with labels, a legend above the plot (wrapping onto more rows when narrow), and an
 * optional vertical marker.
 */
export function lineChart(svg: SVGSVGElement): (series: Series[], opts: LineChartOptions) => void {
	const clipId = `convlab-line-clip-${++chartCount}`;
	// Owning the whole svg makes a second call on the same node start clean, not stack up.
	select(svg).selectAll('*').remove();
	const root = select(svg).attr('font-family', 'system-ui, sans-serif');
	const clipRect = root.append('defs').append('clipPath').attr('id', clipId).append('rect');
	const title = root.append('text').attr('fill', 'currentColor').attr('font-weight', 600);
	const legend = root.append('g');
	const xAxis = root.append('g');
	const yAxis = root.append('g');
	const lines = root.append('g').attr('clip-path', `url(#${clipId})`).attr('fill', 'none');
	const marker = root
		.append('line')
		.attr('stroke', 'currentColor')
		.attr('stroke-dasharray', '4 3')
		.attr('stroke-opacity', 0.8);
	const xLabel = root.append('text').attr('fill', 'currentColor').attr('text-anchor', 'middle');
	const yLabel = root.append('text').attr('fill', 'currentColor').attr('text-anchor', 'middle');

	return (series, opts) => {
		const { width, height } = opts;
		const fontSize = opts.fontSize ?? remScaled(11);
		const unit = fontSize / 11;
		const colorOf = (s: Series, i: number) => s.color ?? schemeTableau10[i % 10];
		// The legend wraps onto as many rows as the plot's width needs (a phone fits fewer names).
		const legendRows = legendLayout(
			series.map((s, i) => ({ name: s.name, color: colorOf(s, i), dashed: s.dashed })),
			fontSize,
			width - 52 * unit - 14
		);
		const legendTop = (opts.title ? 22 : 6) * unit;
		const top = legendTop + legendRows.rows * legendRows.rowHeight + (opts.title ? 4 : 2) * unit;
		const margin = { top, right: 14, bottom: 40 * unit, left: 52 * unit };
		root.attr('font-size', fontSize);
		root.attr('width', width).attr('height', height).attr('viewBox', `0 0 ${width} ${height}`);

		const xLog = opts.xScale === 'log';
		const yLog = opts.yScale === 'log';
		// linear axes span every finite value, as they always did (a NaN gap keeps its x)
		const points = series.map((s) => (xLog || yLog ? drawable(s, xLog, yLog) : s));
		// a log x axis spans decades: it stretches to show the marker (a prediction past the data)
		const marked = xLog && opts.marker !== undefined && opts.marker > 0 ? [[opts.marker]] : [];
		const xExtent = finiteExtent(...points.map((p) => p.x), ...marked);
		const yExtent = finiteExtent(...points.map((p) => p.y));
		// its range once the y ticks have set the left margin (below)
		const x = xLog
			? scaleLog().domain(logDomain(xExtent))
			: scaleLinear().domain(opts.xDomain ?? paddedDomain(xExtent));
		const y = (yLog ? scaleLog() : scaleLinear()).range([height - margin.bottom, margin.top]);
		if (opts.yDomain) y.domain(opts.yDomain);
		else if (yLog) y.domain(logDomain(yExtent)).nice();
		else y.domain(paddedDomain(yExtent)).nice();
		const tickCount = Math.max(2, height / (40 * unit));
		// decades below 0.001 as 1e-5, not 0.00001
		const tickSpec = yLog ? (y.domain()[0] < 1e-3 ? '~e' : '~g') : undefined;
		const tickText = y.tickFormat(tickCount, tickSpec);
		margin.left = yAxisLeftMargin(
			y.ticks(tickCount).map((v) => tickText(v)),
			fontSize,
			margin.left,
			Boolean(opts.yLabel)
		);
		x.range([margin.left, width - margin.right]);
		const inX = (v: number) => Number.isFinite(v) && (!xLog || v > 0);
		const inY = (v: number) => Number.isFinite(v) && (!yLog || v > 0);
		clipRect
			.attr('x', margin.left)
			.attr('y', margin.top)
			.attr('width', Math.max(0, width - margin.left - margin.right))
			.attr('height', Math.max(0, height - margin.top - margin.bottom));

		const entries = series.map((s, i) => ({ s, i, key: `${i}:${s.name}` }));
		lines
			.selectAll<SVGPathElement, (typeof entries)[number]>('path')
			.data(entries, (d) => d.key)
			.join('path')
			.attr('stroke', ({ s, i }) => colorOf(s, i))
			.attr('stroke-width', 1.75)
			.attr('stroke-dasharray', ({ s }) => (s.dashed ? '5 3' : null))
			.attr('d', ({ s }) => {
				const n = Math.min(s.x.length, s.y.length);
				const path = line<number>()
					.defined((k) => inX(s.x[k]) && inY(s.y[k]))
					.x((k) => x(s.x[k]))
					.y((k) => y(s.y[k]));
				return path(Array.from({ length: n }, (_, k) => k));
			});

		legend.attr('transform', `translate(${margin.left}, ${legendTop})`);
		drawLegend(legend, legendRows, fontSize);

		const [x0, x1] = x.domain();
		const showMarker =
			opts.marker !== undefined && inX(opts.marker) && opts.marker >= x0 && opts.marker <= x1;
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
				yAxis: axisLeft(y).ticks(tickCount, tickSpec),
				title: opts.title ?? '',
				xLabel: opts.xLabel ?? '',
				yLabel: opts.yLabel ?? '',
				fontSize
			}
		);

		labelSvg(
			svg,
			`${opts.title ?? 'Line chart'}: ${series.map((s) => s.name).join(', ') || 'no series'}` +
				(opts.yLabel ? ` — ${opts.yLabel}` : '') +
				(opts.xLabel ? ` against ${opts.xLabel}` : ''),
			showMarker ? `A vertical marker shows ${opts.xLabel ?? 'x'} = ${opts.marker}.` : ''
		);
	};
}
