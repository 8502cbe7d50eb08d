/**
 * What the two renderers of labelled 2-D points share (scatterChart, embeddingMap): the layers in
 * drawing order, a legend of the classes above the plot, the scales, axes, title and axis labels.
 * Each renderer draws only its marks into `dots` (and `overlay`), with the scales it gets back.
 */
import { axisLeft, scaleLinear, select, type ScaleLinear, type Selection } from 'd3';
import { layoutChartFrame } from './chartFrame';
import { drawLegend, legendLayout } from './chartLegend';
import { finiteExtent, paddedDomain } from './finiteExtent';

type Group = Selection<SVGGElement, unknown, null, undefined>;

export interface ClassFrameLayout {
	width: number;
	height: number;
	fontSize: number;
	classNames: readonly string[];
	colorOf: (c: number) => string;
	title: string;
	xLabel: string;
	yLabel: string;
	/** the values the axes must span */
	xs: number[];
	ys: number[];
	/** margins in units of fontSize / 11 (left, bottom) and px (right); a y tick per `tickUnits` */
	spacing: { left: number; bottom: number; right: number; tickUnits: number };
	/** round the axes' ends to nice numbers */
	nice: boolean;
}

export interface ClassFrame {
	dots: Group;
	/** drawn over the dots (rings, labels); absent unless asked for */
	overlay: Group | null;
	layout(opts: ClassFrameLayout): {
		x: ScaleLinear<number, number>;
		y: ScaleLinear<number, number>;
	};
}

export function classScatterFrame(
	svg: SVGSVGElement,
	{ fillOpacity, overlay }: { fillOpacity: number; overlay: boolean }
): ClassFrame {
	select(svg).selectAll('*').remove();
	const root = select(svg).attr('font-family', 'system-ui, sans-serif');
	const title = root.append('text').attr('fill', 'currentColor').attr('font-weight', 600);
	const legend = root.append('g');
	const xAxis = root.append('g');
	const yAxis = root.append('g');
	const dots = root.append('g').attr('fill-opacity', fillOpacity);
	const over = overlay ? root.append('g') : null;
	const xLabel = root.append('text').attr('fill', 'currentColor').attr('text-anchor', 'middle');
	const yLabel = root.append('text').attr('fill', 'currentColor').attr('text-anchor', 'middle');
	return {
		dots,
		overlay: over,
		layout(opts) {
			const { width, height, fontSize, spacing } = opts;
			const unit = fontSize / 11;
			const rows = legendLayout(
				opts.classNames.map((name, c) => ({
					name,
					color: opts.colorOf(c),
					swatch: 'dot' as const
				})),
				fontSize,
				width - spacing.left * unit - spacing.right
			);
			const legendTop = (opts.title ? 22 : 6) * unit;
			const margin = {
				top: legendTop + rows.rows * rows.rowHeight + 6 * unit,
				right: spacing.right,
				bottom: spacing.bottom * unit,
				left: spacing.left * unit
			};
			root.attr('font-size', fontSize);
			root.attr('width', width).attr('height', height).attr('viewBox', `0 0 ${width} ${height}`);
			const x = scaleLinear().domain(paddedDomain(finiteExtent(opts.xs)));
			const y = scaleLinear().domain(paddedDomain(finiteExtent(opts.ys)));
			if (opts.nice) {
				x.nice();
				y.nice();
			}
			x.range([margin.left, width - margin.right]);
			y.range([height - margin.bottom, margin.top]);
			legend.attr('transform', `translate(${margin.left}, ${legendTop})`);
			drawLegend(legend, rows, fontSize);
			layoutChartFrame(
				{ title, xAxis, yAxis, xLabel, yLabel },
				{
					width,
					height,
					margin,
					x,
					yAxis: axisLeft(y).ticks(Math.max(2, height / (spacing.tickUnits * unit))),
					title: opts.title,
					xLabel: opts.xLabel,
					yLabel: opts.yLabel,
					fontSize
				}
			);
			return { x, y };
		}
	};
}
