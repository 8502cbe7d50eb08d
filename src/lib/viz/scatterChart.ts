import { axisLeft, scaleLinear, schemeTableau10, select } from 'd3';
import { layoutChartFrame } from './chartFrame';
import { drawLegend, legendLayout } from './chartLegend';
import { finiteExtent, paddedDomain } from './finiteExtent';
import { labelSvg } from './labelSvg';
import { remScaled } from './rootFont';

/**
 * Points in two dimensions, each with a class: point i is (x[i], y[i]) of class
 * classNames[classOf[i]] (e.g. a PCA or UMAP embedding of labelled images).
 */
export interface ScatterData {
	x: ArrayLike<number>;
	y: ArrayLike<number>;
	/** class index of each point, into classNames */
	classOf: ArrayLike<number>;
	classNames: readonly string[];
	/** one colour per class; default Tableau 10 (colour-blind safe for up to 10 classes) */
	colors?: readonly string[];
}

export interface ScatterChartOptions {
	width: number;
	height: number;
	title?: string;
	xLabel?: string;
	yLabel?: string;
	/** Text size in px; default 11 scaled to the page's root font. */
	fontSize?: number;
	/** Dot radius in px; default fontSize / 4. */
	radius?: number;
}

interface Point {
	i: number;
	x: number;
	y: number;
	c: number;
}

/**
 * Scatter plot on an <svg> of opts.width × opts.height px: one dot per point with finite x and
 * y, coloured by class, a legend naming the classes (with their counts) above the plot, axes
 * with labels. Points whose class has no name are skipped.
 */
export function scatterChart(
	svg: SVGSVGElement
): (data: ScatterData, opts: ScatterChartOptions) => void {
	select(svg).selectAll('*').remove();
	const root = select(svg).attr('font-family', 'system-ui, sans-serif');
	const title = root.append('text').attr('fill', 'currentColor').attr('font-weight', 600);
	const legend = root.append('g');
	const xAxis = root.append('g');
	const yAxis = root.append('g');
	const dots = root.append('g').attr('fill-opacity', 0.8);
	const xLabel = root.append('text').attr('fill', 'currentColor').attr('text-anchor', 'middle');
	const yLabel = root.append('text').attr('fill', 'currentColor').attr('text-anchor', 'middle');

	return (data, opts) => {
		const { width, height } = opts;
		const fontSize = opts.fontSize ?? remScaled(11);
		const unit = fontSize / 11;
		const colorOf = (c: number) => data.colors?.[c] ?? schemeTableau10[c % 10];
		const classes = data.classNames.length;

		const n = Math.min(data.x.length, data.y.length, data.classOf.length);
		const points: Point[] = [];
		const counts = new Array<number>(classes).fill(0);
		for (let i = 0; i < n; i++) {
			const c = data.classOf[i];
			if (!(c >= 0 && c < classes) || !Number.isFinite(data.x[i]) || !Number.isFinite(data.y[i]))
				continue;
			points.push({ i, x: data.x[i], y: data.y[i], c });
			counts[c]++;
		}

		const legendRows = legendLayout(
			data.classNames.map((name, c) => ({ name, color: colorOf(c), swatch: 'dot' as const })),
			fontSize,
			width - 52 * unit - 14
		);
		const legendTop = (opts.title ? 22 : 6) * unit;
		const top = legendTop + legendRows.rows * legendRows.rowHeight + 6 * unit;
		const margin = { top, right: 14, bottom: 40 * unit, left: 52 * unit };
		root.attr('font-size', fontSize);
		root.attr('width', width).attr('height', height).attr('viewBox', `0 0 ${width} ${height}`);

		const xs = points.map((p) => p.x);
		const ys = points.map((p) => p.y);
		const x = scaleLinear()
			.domain(paddedDomain(finiteExtent(xs)))
			.nice()
			.range([margin.left, width - margin.right]);
		const y = scaleLinear()
			.domain(paddedDomain(finiteExtent(ys)))
			.nice()
			.range([height - margin.bottom, margin.top]);

		const radius = opts.radius ?? fontSize / 4;
		dots
			.selectAll<SVGCircleElement, Point>('circle')
			.data(points, (p) => p.i)
			.join('circle')
			.attr('cx', (p) => x(p.x))
			.attr('cy', (p) => y(p.y))
			.attr('r', radius)
			.attr('fill', (p) => colorOf(p.c));

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
			`${opts.title ?? 'Scatter plot'}: ${points.length} points` +
				(opts.yLabel && opts.xLabel ? `, ${opts.yLabel} against ${opts.xLabel}` : ''),
			`Coloured by class: ${data.classNames.map((name, c) => `${name} (${counts[c]})`).join(', ')}.`
		);
	};
}
