import { axisBottom, format, scaleBand, scaleLog, select } from 'd3';
import { labelSvg } from './labelSvg';

/** One group of bars (e.g. "parameters"), one bar per layer kind. */
export interface BarGroup {
	name: string;
	bars: { name: string; value: number; color: string }[];
}

export interface LogBarChartOptions {
	width: number;
	fontSize: number;
	title: string;
	xLabel: string;
}

/** 1.2 M, 201 M, 3.4 G: what a number on a log axis is read as. */
export function shortCount(value: number): string {
	if (value < 1000) return String(Math.round(value));
	return format('.3~s')(value)
		.replace('k', ' k')
		.replace('M', ' M')
		.replace('G', ' G')
		.replace('T', ' T');
}

/**
 * Horizontal bars on a log scale (counts spanning many orders of magnitude, where a linear
 * axis would show one bar and a hair): groups stacked top to bottom, a bar per entry, its value
 * written at its end. The height follows from the number of bars.
 */
export function logBarChart(
	svg: SVGSVGElement
): (groups: BarGroup[], opts: LogBarChartOptions) => void {
	select(svg).selectAll('*').remove();
	const root = select(svg).attr('font-family', 'system-ui, sans-serif');
	const title = root.append('text').attr('fill', 'currentColor').attr('font-weight', 600);
	const axis = root.append('g');
	const body = root.append('g');
	const xLabel = root.append('text').attr('fill', 'currentColor').attr('text-anchor', 'middle');

	return (groups, opts) => {
		const { width, fontSize } = opts;
		root.attr('font-size', fontSize);
		const barHeight = fontSize * 1.6;
		const groupGap = fontSize * 2;
		const rows = groups.flatMap((g, gi) => g.bars.map((b, bi) => ({ g, gi, b, bi })));
		const labelWidth = fontSize * 7.5;
		const margin = {
			top: fontSize * 2.4,
			right: fontSize * 4.5,
			bottom: fontSize * 3.2,
			left: labelWidth
		};
		const plotHeight = rows.length * barHeight + groups.length * groupGap;
		const height = margin.top + plotHeight + margin.bottom;
		root.attr('width', width).attr('height', height).attr('viewBox', `0 0 ${width} ${height}`);

		const max = Math.max(10, ...rows.map((r) => r.b.value));
		const x = scaleLog()
			.domain([1, 10 ** Math.ceil(Math.log10(max))])
			.range([margin.left, Math.max(margin.left + 10, width - margin.right)]);
		const yOf = (r: (typeof rows)[number]) =>
			margin.top + r.gi * groupGap + fontSize * 1.2 + rows.indexOf(r) * barHeight;
		const band = scaleBand().range([0, barHeight]).paddingInner(0.2);
		band.domain(['bar']);

		title
			.attr('x', 0)
			.attr('y', fontSize * 1.2)
			.text(opts.title);
		const decades = Math.round(Math.log10(x.domain()[1]));
		const step = Math.max(
			1,
			Math.ceil(decades / Math.max(2, (width - margin.left - margin.right) / (fontSize * 4)))
		);
		axis.attr('transform', `translate(0, ${margin.top + plotHeight})`).call(
			axisBottom(x)
				.tickValues(
					Array.from({ length: Math.floor(decades / step) + 1 }, (_, i) => 10 ** (i * step))
				)
				.tickFormat((v) => shortCount(Number(v)))
		);
		// d3's axis writes font-size 10 on every call: ours goes after it.
		axis.attr('font-size', fontSize * 0.85);
		xLabel
			.attr('x', (margin.left + width - margin.right) / 2)
			.attr('y', height - fontSize * 0.4)
			.text(opts.xLabel);

		body
			.selectAll<SVGTextElement, BarGroup>('text.group')
			.data(groups, (g) => g.name)
			.join('text')
			.attr('class', 'group')
			.attr('fill', 'currentColor')
			.attr('font-weight', 600)
			.attr('x', 0)
			.attr('y', (g, gi) => {
				const first = rows.find((r) => r.gi === gi);
				return first ? yOf(first) - fontSize * 0.35 : 0;
			})
			.text((g) => g.name);

		const bars = body
			.selectAll<SVGGElement, (typeof rows)[number]>('g.bar')
			.data(rows, (r) => `${r.g.name}/${r.b.name}`)
			.join((enter) => {
				const g = enter.append('g').attr('class', 'bar');
				g.append('text').attr('class', 'name').attr('fill', 'currentColor');
				g.append('rect');
				g.append('text').attr('class', 'value').attr('fill', 'currentColor');
				return g;
			})
			.attr('transform', (r) => `translate(0, ${yOf(r)})`);
		bars
			.select('text.name')
			.attr('x', fontSize * 0.6)
			.attr('y', barHeight / 2)
			.attr('dy', '0.35em')
			.text((r) => r.b.name);
		bars
			.select('rect')
			.attr('x', margin.left)
			.attr('y', band('bar') ?? 0)
			.attr('height', band.bandwidth())
			.attr('width', (r) => Math.max(1, x(Math.max(1, r.b.value)) - margin.left))
			.attr('fill', (r) => r.b.color);
		bars
			.select('text.value')
			.attr('x', (r) => x(Math.max(1, r.b.value)) + fontSize * 0.3)
			.attr('y', barHeight / 2)
			.attr('dy', '0.35em')
			.text((r) => shortCount(r.b.value));

		labelSvg(
			svg,
			`${opts.title} (log scale): ` +
				groups
					.map(
						(g) => `${g.name}: ${g.bars.map((b) => `${b.name} ${shortCount(b.value)}`).join(', ')}`
					)
					.join('; ')
		);
	};
}
