import { axisLeft, format, scaleLinear, scaleSymlog, select } from 'd3';
import type { Bins } from './histogramBins';
import { layoutChartFrame } from './chartFrame';
import { readableOutline } from './contrast';
import { labelSvg } from './labelSvg';
import { remScaled } from './rootFont';

export interface HistogramOptions {
	width: number;
	height: number;
	title?: string;
	xLabel?: string;
	/** Bar colour for a bin centre; pass the map's colour scale so both figures agree. */
	color?: (x: number) => string;
	/** Symmetric-log counts, so a spike at 0 does not flatten everything else. */
	logScale?: boolean;
	/** Text size in px; default 11 scaled to the page's root font (see {@link remScaled}). */
	fontSize?: number;
	/** What is counted, for the y axis and the accessible name (default 'pixels'). */
	counted?: string;
}

const DEFAULT_BAR = '#4c78a8';

/** 0 and the powers of ten up to `max`: symlog's own ticks are linear and pile up at the top. */
function logTicks(max: number): number[] {
	const ticks = [0];
	for (let p = 1; p <= max; p *= 10) ticks.push(p);
	return ticks;
}

/**
 * Histogram of precomputed {@link Bins} on an <svg> of opts.width × opts.height px: bars
 * coloured by bin centre, each outlined in a darker shade of its colour with ≥ 3:1 contrast on
 * white (the diverging scale's 0 is near-white, and that is often the tallest bar), x axis with
 * label, y axis "pixels", a dashed line at 0 when 0 is inside the range, and "mean ± std".
 */
export function histogram(svg: SVGSVGElement): (bins: Bins, opts: HistogramOptions) => void {
	// Owning the whole svg makes a second call on the same node start clean, not stack up.
	select(svg).selectAll('*').remove();
	const root = select(svg).attr('font-family', 'system-ui, sans-serif');
	const title = root.append('text').attr('fill', 'currentColor').attr('font-weight', 600);
	const bars = root.append('g');
	const zeroLine = root
		.append('line')
		.attr('stroke', 'currentColor')
		.attr('stroke-dasharray', '3 3')
		.attr('stroke-opacity', 0.7);
	const xAxis = root.append('g');
	const yAxis = root.append('g');
	const xLabel = root.append('text').attr('fill', 'currentColor').attr('text-anchor', 'middle');
	const yLabel = root.append('text').attr('fill', 'currentColor').attr('text-anchor', 'middle');
	const stats = root.append('text').attr('fill', 'currentColor').attr('text-anchor', 'end');
	const number = format('.3~g');

	return (bins, opts) => {
		const { width, height } = opts;
		const fontSize = opts.fontSize ?? remScaled(11);
		const unit = fontSize / 11;
		// The top margin always holds a line: the title on the left, mean ± std on the right.
		const margin = { top: 26 * unit, right: 12, bottom: 40 * unit, left: 52 * unit };
		root.attr('font-size', fontSize);
		yLabel.text(opts.counted ?? 'pixels');
		root.attr('width', width).attr('height', height).attr('viewBox', `0 0 ${width} ${height}`);

		const binCount = bins.counts.length;
		const lo = bins.edges[0];
		const hi = bins.edges[binCount];
		const x = scaleLinear()
			.domain([lo, hi])
			.range([margin.left, width - margin.right]);
		const maxCount = bins.counts.reduce((a, b) => Math.max(a, b), 1);
		const y = (opts.logScale ? scaleSymlog() : scaleLinear())
			.domain([0, maxCount])
			.range([height - margin.bottom, margin.top]);
		if (!opts.logScale) y.nice();

		const color = opts.color ?? (() => DEFAULT_BAR);
		const binWidth = (width - margin.left - margin.right) / binCount;
		// A hairline gap separates wide bars; on narrow ones it would eat the bar.
		const gap = binWidth > 4 ? 1 : 0;
		bars
			.selectAll<SVGRectElement, { i: number; count: number }>('rect')
			.data(
				Array.from(bins.counts, (count, i) => ({ i, count })),
				(d) => d.i
			)
			.join('rect')
			.attr('x', ({ i }) => x(bins.edges[i]))
			.attr('width', ({ i }) => Math.max(0, x(bins.edges[i + 1]) - x(bins.edges[i]) - gap))
			.attr('y', ({ count }) => y(count))
			.attr('height', ({ count }) => y(0) - y(count))
			.attr('fill', ({ i }) => color((bins.edges[i] + bins.edges[i + 1]) / 2))
			.attr('stroke', ({ i }) => readableOutline(color((bins.edges[i] + bins.edges[i + 1]) / 2)))
			.attr('stroke-width', 1);

		const showZero = lo < 0 && hi > 0;
		zeroLine
			.attr('display', showZero ? null : 'none')
			.attr('x1', x(0))
			.attr('x2', x(0))
			.attr('y1', margin.top)
			.attr('y2', height - margin.bottom);

		layoutChartFrame(
			{ title, xAxis, yAxis, xLabel, yLabel },
			{
				width,
				height,
				margin,
				x,
				yAxis: opts.logScale
					? axisLeft(y).tickValues(logTicks(maxCount)).tickFormat(format('~s'))
					: axisLeft(y).ticks(Math.max(2, height / (40 * unit)), '~s'),
				title: opts.title ?? '',
				xLabel: opts.xLabel ?? 'value',
				fontSize
			}
		);

		const summary =
			bins.total > 0 ? `mean ${number(bins.mean)} ± ${number(bins.std)} (std)` : 'no finite values';
		const nonFinite = bins.nonFinite > 0 ? `, ${bins.nonFinite} non-finite` : '';
		stats
			.attr('x', width - margin.right)
			.attr('y', 15 * unit)
			.text(summary + nonFinite);

		labelSvg(
			svg,
			`Histogram${opts.title ? ` of ${opts.title}` : ''}: ${bins.total} ${opts.counted ?? 'pixels'}` +
				(bins.total > 0 ? ` from ${number(bins.min)} to ${number(bins.max)}, ${summary}` : '') +
				nonFinite,
			`${binCount} equal-width bins of ${opts.xLabel ?? 'value'}${opts.logScale ? ', counts on a symmetric log scale' : ''}.`
		);
	};
}
