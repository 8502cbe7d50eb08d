import { axisLeft, contours, geoPath, geoTransform, line, scaleLinear, select } from 'd3';
import { layoutChartFrame } from './chartFrame';
import { labelSvg } from './labelSvg';
import { remScaled } from './rootFont';

/**
 * A scalar field on a regular grid and a path across it: a loss surface seen in a plane (e.g.
 * lossPlane of the normalization engine) with a gradient-descent run projected onto it.
 */
export interface ContourData {
	/** grid size; values[j·width + i] lies at x = xExtent interpolated by i/(width − 1), y likewise by j */
	width: number;
	height: number;
	values: ArrayLike<number>;
	xExtent: [number, number];
	yExtent: [number, number];
	/** [points, 2] (x, y) pairs of the path, drawn as a polyline from its first point */
	path?: ArrayLike<number>;
	pathColor?: string;
}

export interface ContourChartOptions {
	width: number;
	height: number;
	title?: string;
	xLabel?: string;
	yLabel?: string;
	/** number of contour lines (default 8): levels max·(k/(n + 1))², evenly spaced for a bowl */
	levels?: number;
	/** Text size in px; default 11 scaled to the page's root font. */
	fontSize?: number;
}

/** The contour levels: max·(k/(n + 1))² for k = 1..n, so the rings of a quadratic bowl are evenly spaced. */
export function contourLevels(values: ArrayLike<number>, n: number): number[] {
	let max = 0;
	for (let i = 0; i < values.length; i++) if (values[i] > max) max = values[i];
	if (!(max > 0) || !Number.isFinite(max)) return [];
	return Array.from({ length: n }, (_, k) => max * ((k + 1) / (n + 1)) ** 2);
}

let chartCount = 0;

/**
 * Contour lines of a grid (d3-contour) with a path over them, on an <svg> of opts.width ×
 * opts.height px; the path's start is a ring, its end a dot. Axes in the data's units.
 */
export function contourChart(
	svg: SVGSVGElement
): (data: ContourData, opts: ContourChartOptions) => void {
	const clipId = `convlab-contour-clip-${++chartCount}`;
	select(svg).selectAll('*').remove();
	const root = select(svg).attr('font-family', 'system-ui, sans-serif');
	const clipRect = root.append('defs').append('clipPath').attr('id', clipId).append('rect');
	const title = root.append('text').attr('fill', 'currentColor').attr('font-weight', 600);
	const xAxis = root.append('g');
	const yAxis = root.append('g');
	const plot = root.append('g').attr('clip-path', `url(#${clipId})`);
	const rings = plot
		.append('g')
		.attr('fill', 'none')
		.attr('stroke', 'currentColor')
		.attr('clip-path', `url(#${clipId})`);
	const trail = plot.append('path').attr('fill', 'none').attr('stroke-width', 1.5);
	const start = root.append('circle').attr('fill', 'none').attr('stroke-width', 1.5);
	const end = root.append('circle');
	const xLabel = root.append('text').attr('fill', 'currentColor').attr('text-anchor', 'middle');
	const yLabel = root.append('text').attr('fill', 'currentColor').attr('text-anchor', 'middle');

	return (data, opts) => {
		const { width, height } = opts;
		const fontSize = opts.fontSize ?? remScaled(11);
		const unit = fontSize / 11;
		root.attr('font-size', fontSize);
		root.attr('width', width).attr('height', height).attr('viewBox', `0 0 ${width} ${height}`);
		const margin = {
			top: (opts.title ? 24 : 8) * unit,
			right: 12,
			bottom: 40 * unit,
			left: 56 * unit
		};
		const x = scaleLinear()
			.domain(data.xExtent)
			.range([margin.left, width - margin.right]);
		const y = scaleLinear()
			.domain(data.yExtent)
			.range([height - margin.bottom, margin.top]);
		clipRect
			.attr('x', margin.left)
			.attr('y', margin.top)
			.attr('width', Math.max(0, width - margin.left - margin.right))
			.attr('height', Math.max(0, height - margin.top - margin.bottom));
		// d3-contour puts grid value i at x = i + 0.5; value 0 sits at xExtent[0], width − 1 at xExtent[1]
		const gx = (i: number) =>
			x(
				data.xExtent[0] +
					((i - 0.5) / Math.max(data.width - 1, 1)) * (data.xExtent[1] - data.xExtent[0])
			);
		const gy = (j: number) =>
			y(
				data.yExtent[0] +
					((j - 0.5) / Math.max(data.height - 1, 1)) * (data.yExtent[1] - data.yExtent[0])
			);
		const project = geoPath(
			geoTransform({
				point(px, py) {
					this.stream.point(gx(px), gy(py));
				}
			})
		);
		const levels = contourLevels(data.values, opts.levels ?? 8);
		const values = Array.from(data.values);
		const shapes =
			levels.length && data.width > 1 && data.height > 1
				? contours().size([data.width, data.height]).thresholds(levels)(values)
				: [];
		rings
			.selectAll('path')
			.data(shapes)
			.join('path')
			.attr('stroke-opacity', 0.45)
			.attr('stroke-width', 1)
			.attr('data-level', (d) => d.value)
			.attr('d', (d) => project(d) ?? '');

		const path = data.path ?? [];
		const points = Math.floor(path.length / 2);
		const color = data.pathColor ?? '#e15759';
		const trailLine = line<number>()
			.defined((k) => Number.isFinite(path[2 * k]) && Number.isFinite(path[2 * k + 1]))
			.x((k) => x(path[2 * k]))
			.y((k) => y(path[2 * k + 1]));
		trail
			.attr('stroke', color)
			.attr('d', points > 1 ? trailLine(Array.from({ length: points }, (_, k) => k)) : null);
		const at = (k: number) => [x(path[2 * k]), y(path[2 * k + 1])];
		const show = points > 0 && Number.isFinite(path[0]) && Number.isFinite(path[1]);
		const [sx, sy] = show ? at(0) : [0, 0];
		start
			.attr('display', show ? null : 'none')
			.attr('stroke', color)
			.attr('cx', sx)
			.attr('cy', sy)
			.attr('r', 4 * unit);
		const last = points - 1;
		const endShow = show && Number.isFinite(path[2 * last]) && Number.isFinite(path[2 * last + 1]);
		const [ex, ey] = endShow ? at(last) : [0, 0];
		end
			.attr('display', endShow ? null : 'none')
			.attr('fill', color)
			.attr('cx', ex)
			.attr('cy', ey)
			.attr('r', 3 * unit);

		layoutChartFrame(
			{ title, xAxis, yAxis, xLabel, yLabel },
			{
				width,
				height,
				margin,
				x,
				yAxis: axisLeft(y).ticks(Math.max(2, height / (40 * unit)), '.2~g'),
				title: opts.title ?? '',
				xLabel: opts.xLabel ?? '',
				yLabel: opts.yLabel ?? '',
				fontSize
			}
		);
		labelSvg(
			svg,
			`${opts.title ?? 'Contour chart'}: ${shapes.length} contour lines` +
				(points ? ` and a path of ${points} points` : ''),
			opts.xLabel && opts.yLabel ? `${opts.xLabel} across, ${opts.yLabel} up.` : ''
		);
	};
}
