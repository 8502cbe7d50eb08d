import { axisLeft, format, scaleBand, scaleLinear, schemeTableau10, select } from 'd3';
import { labelSvg } from './labelSvg';

/** One bar: a named value, e.g. { name: 'no pooling', value: 1.2e9 }. */
export interface Bar {
	name: string;
	value: number;
	color?: string;
}

export interface BarChartOptions {
	width: number;
	height: number;
	title?: string;
	yLabel?: string;
	/** how values are written on the bars and the axis (default: SI, 3 digits: '1.21G') */
	format?: (value: number) => string;
}

const si = format('.3~s');

/**
 * Vertical bar chart on an <svg> of opts.width × opts.height px: one bar per entry from 0, its
 * value written above it, names along the bottom, a y axis on the left. Non-finite or negative
 * values draw no bar (and say so in the label).
 */
export function barChart(svg: SVGSVGElement): (bars: Bar[], opts: BarChartOptions) => void {
	// Owning the whole svg makes a second call on the same node start clean, not stack up.
	select(svg).selectAll('*').remove();
	const root = select(svg).attr('font-family', 'system-ui, sans-serif').attr('font-size', 11);
	const title = root.append('text').attr('fill', 'currentColor').attr('font-weight', 600);
	const yAxis = root.append('g');
	const yLabel = root.append('text').attr('fill', 'currentColor').attr('text-anchor', 'middle');
	const plot = root.append('g');

	return (bars, opts) => {
		const { width, height } = opts;
		const write = opts.format ?? ((v: number) => si(v));
		const margin = { top: opts.title ? 30 : 14, right: 10, bottom: 34, left: 52 };
		root.attr('width', width).attr('height', height).attr('viewBox', `0 0 ${width} ${height}`);
		const usable = (v: number) => Number.isFinite(v) && v >= 0;
		const top = Math.max(0, ...bars.map((b) => (usable(b.value) ? b.value : 0)));
		const y = scaleLinear()
			.domain([0, top > 0 ? top : 1])
			.nice()
			.range([height - margin.bottom, margin.top]);
		const x = scaleBand<number>()
			.domain(bars.map((_, i) => i))
			.range([margin.left, width - margin.right])
			.padding(0.3);

		title
			.attr('x', margin.left)
			.attr('y', 15)
			.text(opts.title ?? '');
		yAxis
			.attr('transform', `translate(${margin.left}, 0)`)
			.call(axisLeft(y).ticks(Math.max(2, height / 45), '~s'));
		yLabel
			.attr('transform', `translate(14, ${(margin.top + height - margin.bottom) / 2}) rotate(-90)`)
			.text(opts.yLabel ?? '');

		const groups = plot
			.selectAll<SVGGElement, Bar>('g')
			.data(bars)
			.join((enter) => {
				const g = enter.append('g');
				g.append('rect');
				g.append('text').attr('class', 'value').attr('text-anchor', 'middle');
				g.append('text').attr('class', 'name').attr('text-anchor', 'middle');
				return g;
			});
		groups
			.select('rect')
			.attr('x', (_, i) => x(i) ?? 0)
			.attr('width', x.bandwidth())
			.attr('y', (b) => (usable(b.value) ? y(b.value) : y(0)))
			.attr('height', (b) => (usable(b.value) ? y(0) - y(b.value) : 0))
			.attr('fill', (b, i) => b.color ?? schemeTableau10[i % 10]);
		groups
			.select('text.value')
			.attr('x', (_, i) => (x(i) ?? 0) + x.bandwidth() / 2)
			.attr('y', (b) => (usable(b.value) ? y(b.value) : y(0)) - 4)
			.attr('fill', 'currentColor')
			.text((b) => (usable(b.value) ? write(b.value) : 'n/a'));
		groups
			.select('text.name')
			.attr('x', (_, i) => (x(i) ?? 0) + x.bandwidth() / 2)
			.attr('y', height - margin.bottom + 16)
			.attr('fill', 'currentColor')
			.text((b) => b.name);

		labelSvg(
			svg,
			`${opts.title ?? 'Bar chart'}${opts.yLabel ? ` (${opts.yLabel})` : ''}: ` +
				bars.map((b) => `${b.name} ${usable(b.value) ? write(b.value) : 'n/a'}`).join(', ')
		);
	};
}
