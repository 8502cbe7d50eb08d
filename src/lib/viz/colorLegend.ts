import { axisBottom, format, scaleLinear, select } from 'd3';
import { colorFor, type ColorScaleSpec } from './colorScale';
import { labelSvg } from './labelSvg';
import { followRootFont, remScaled } from './rootFont';

const STOPS = 17; // enough that the piecewise-linear gradient is indistinguishable from the LUT
// Designed at 11 px text; everything scales with the page's root font (projector mode).
const BAR_HEIGHT = 12;
const SIDE = 14; // room for the end tick labels
let legendCount = 0;

export interface LegendOptions {
	width: number;
	title?: string;
	ticks?: number;
}

/**
 * Colour legend on an <svg>: a horizontal gradient bar for `spec` with an axis of its domain
 * underneath; a diverging scale gets a mark at 0. The svg's width is `opts.width` px and its
 * height follows from whether there is a title and the text size, which follows the page's
 * root font: the legend redraws itself when that changes (projector mode).
 */
export function colorLegend(
	svg: SVGSVGElement
): (spec: ColorScaleSpec, opts: LegendOptions) => void {
	const gradientId = `convlab-legend-gradient-${++legendCount}`;
	// Owning the whole svg makes a second call on the same node start clean, not stack up.
	select(svg).selectAll('*').remove();
	const root = select(svg).attr('font-family', 'system-ui, sans-serif');
	const gradient = root
		.append('defs')
		.append('linearGradient')
		.attr('id', gradientId)
		.attr('x1', 0)
		.attr('x2', 1)
		.attr('y1', 0)
		.attr('y2', 0);
	const title = root.append('text').attr('fill', 'currentColor').attr('font-weight', 600);
	const bar = root.append('rect').attr('fill', `url(#${gradientId})`);
	const zeroMark = root.append('path').attr('fill', 'currentColor');
	const axis = root.append('g');
	const number = format('.3~g');

	let last: [ColorScaleSpec, LegendOptions] | null = null;
	followRootFont(svg, () => last && draw(...last));

	function draw(spec: ColorScaleSpec, opts: LegendOptions): void {
		last = [spec, opts];
		const fontSize = remScaled(11);
		const unit = fontSize / 11;
		const side = SIDE * unit;
		const barHeight = BAR_HEIGHT * unit;
		const width = Math.max(opts.width, 2 * side + 10);
		const barTop = (opts.title ? 20 : 4) * unit;
		const height = barTop + barHeight + 22 * unit;
		root.attr('font-size', fontSize);
		root.attr('width', width).attr('height', height).attr('viewBox', `0 0 ${width} ${height}`);

		const [d0, d1] = spec.domain;
		const x = scaleLinear()
			.domain(spec.domain)
			.range([side, width - side]);
		gradient
			.selectAll('stop')
			.data(Array.from({ length: STOPS }, (_, i) => i / (STOPS - 1)))
			.join('stop')
			.attr('offset', (t) => `${t * 100}%`)
			.attr('stop-color', (t) => colorFor(spec, d0 + t * (d1 - d0)));

		title
			.attr('x', side)
			.attr('y', 13 * unit)
			.text(opts.title ?? '');
		bar
			.attr('x', side)
			.attr('y', barTop)
			.attr('height', barHeight)
			.attr('width', width - 2 * side);
		axis
			.attr('transform', `translate(0, ${barTop + barHeight})`)
			.call(
				axisBottom(x)
					.ticks(opts.ticks ?? 5, '~f')
					.tickSizeOuter(0)
			)
			// d3 writes font-size="10" on the axis; the legend's own size wins.
			.attr('font-size', fontSize)
			.attr('font-family', null);

		const showZero = spec.kind === 'diverging' && d0 < 0 && d1 > 0;
		// A small notch above the bar: 0 is the white centre, the one value a reader must find.
		zeroMark
			.attr('display', showZero ? null : 'none')
			.attr('d', showZero ? `M${x(0)},${barTop}l${-4 * unit},${-5 * unit}h${8 * unit}z` : null);

		labelSvg(
			svg,
			`${opts.title ? `${opts.title}: ` : ''}${spec.kind} colour scale from ${number(d0)} to ${number(d1)}`,
			spec.kind === 'diverging'
				? 'Blue is negative, white is zero, red is positive.'
				: spec.kind === 'sequential'
					? 'Dark purple is low, yellow is high.'
					: 'Black is low, white is high.'
		);
	}
	return draw;
}
