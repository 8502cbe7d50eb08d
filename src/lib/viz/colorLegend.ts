import { axisBottom, format, scaleLinear, select } from 'd3';
import { colorFor, type ColorScaleSpec } from './colorScale';
import { labelSvg } from './labelSvg';

const STOPS = 17; // enough that the piecewise-linear gradient is indistinguishable from the LUT
const BAR_HEIGHT = 12;
const SIDE = 14; // room for the end tick labels
let legendCount = 0;

/**
 * Colour legend on an <svg>: a horizontal gradient bar for `spec` with an axis of its domain
 * underneath; a diverging scale gets a mark at 0. The svg's width is `opts.width` px and its
 * height follows from whether there is a title.
 */
export function colorLegend(
	svg: SVGSVGElement
): (spec: ColorScaleSpec, opts: { width: number; title?: string; ticks?: number }) => void {
	const gradientId = `convlab-legend-gradient-${++legendCount}`;
	// Owning the whole svg makes a second call on the same node start clean, not stack up.
	select(svg).selectAll('*').remove();
	const root = select(svg).attr('font-family', 'system-ui, sans-serif').attr('font-size', 11);
	const gradient = root
		.append('defs')
		.append('linearGradient')
		.attr('id', gradientId)
		.attr('x1', 0)
		.attr('x2', 1)
		.attr('y1', 0)
		.attr('y2', 0);
	const title = root.append('text').attr('fill', 'currentColor').attr('font-weight', 600);
	const bar = root.append('rect').attr('fill', `url(#${gradientId})`).attr('height', BAR_HEIGHT);
	const zeroMark = root.append('path').attr('fill', 'currentColor');
	const axis = root.append('g');
	const number = format('.3~g');

	return (spec, opts) => {
		const width = Math.max(opts.width, 2 * SIDE + 10);
		const barTop = opts.title ? 20 : 4;
		const height = barTop + BAR_HEIGHT + 22;
		root.attr('width', width).attr('height', height).attr('viewBox', `0 0 ${width} ${height}`);

		const [d0, d1] = spec.domain;
		const x = scaleLinear()
			.domain(spec.domain)
			.range([SIDE, width - SIDE]);
		gradient
			.selectAll('stop')
			.data(Array.from({ length: STOPS }, (_, i) => i / (STOPS - 1)))
			.join('stop')
			.attr('offset', (t) => `${t * 100}%`)
			.attr('stop-color', (t) => colorFor(spec, d0 + t * (d1 - d0)));

		title
			.attr('x', SIDE)
			.attr('y', 13)
			.text(opts.title ?? '');
		bar
			.attr('x', SIDE)
			.attr('y', barTop)
			.attr('width', width - 2 * SIDE);
		axis.attr('transform', `translate(0, ${barTop + BAR_HEIGHT})`).call(
			axisBottom(x)
				.ticks(opts.ticks ?? 5, '~f')
				.tickSizeOuter(0)
		);

		const showZero = spec.kind === 'diverging' && d0 < 0 && d1 > 0;
		// A small notch above the bar: 0 is the white centre, the one value a reader must find.
		zeroMark
			.attr('display', showZero ? null : 'none')
			.attr('d', showZero ? `M${x(0)},${barTop}l-4,-5h8z` : null);

		labelSvg(
			svg,
			`${opts.title ? `${opts.title}: ` : ''}${spec.kind} colour scale from ${number(d0)} to ${number(d1)}`,
			spec.kind === 'diverging'
				? 'Blue is negative, white is zero, red is positive.'
				: spec.kind === 'sequential'
					? 'Dark purple is low, yellow is high.'
					: 'Black is low, white is high.'
		);
	};
}
