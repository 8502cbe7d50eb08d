import { format, scaleLinear, select } from 'd3';
import { labelSvg } from './labelSvg';

export interface ArchitectureCost {
	name: string;
	params: number;
	macs: number;
	relus: number;
	color: string;
}

const METRICS = [
	{ key: 'params', label: 'weights' },
	{ key: 'macs', label: 'multiply-adds' },
	{ key: 'relus', label: 'non-linearities (ReLU)' }
] as const;

const short = format('.3~s');

/**
 * Two (or more) architectures' weights, multiply-adds and ReLU count as horizontal bars, one
 * panel per measure with its own linear scale (they differ by orders of magnitude).
 */
export function architectureCostChart(
	svg: SVGSVGElement
): (costs: ArchitectureCost[], width: number) => void {
	select(svg).selectAll('*').remove();
	const root = select(svg).attr('font-family', 'system-ui, sans-serif').attr('font-size', 11);
	return (costs, width) => {
		const bar = 16;
		const panel = 22 + costs.length * (bar + 4);
		const height = METRICS.length * panel + 4;
		const left = Math.min(130, width * 0.32);
		root.attr('width', width).attr('height', height).attr('viewBox', `0 0 ${width} ${height}`);
		root
			.selectAll<SVGGElement, (typeof METRICS)[number]>('g.metric')
			.data(METRICS)
			.join((enter) => {
				const g = enter.append('g').attr('class', 'metric');
				g.append('text')
					.attr('class', 'title')
					.attr('fill', 'currentColor')
					.attr('font-weight', 600)
					.attr('y', 13);
				return g;
			})
			.attr('transform', (_, i) => `translate(0, ${i * panel})`)
			.each(function (metric) {
				const g = select(this);
				g.select('text.title').text(metric.label);
				const max = Math.max(1, ...costs.map((c) => c[metric.key]));
				const x = scaleLinear()
					.domain([0, max])
					.range([0, width - left - 60]);
				const rows = g
					.selectAll<SVGGElement, ArchitectureCost>('g.bar')
					.data(costs)
					.join((enter) => {
						const b = enter.append('g').attr('class', 'bar');
						b.append('text')
							.attr('class', 'name')
							.attr('fill', 'currentColor')
							.attr('text-anchor', 'end')
							.attr('dy', '0.32em');
						b.append('rect');
						b.append('text')
							.attr('class', 'value')
							.attr('fill', 'currentColor')
							.attr('dy', '0.32em');
						return b;
					})
					.attr('transform', (_, i) => `translate(0, ${20 + i * (bar + 4)})`);
				rows
					.select('text.name')
					.attr('x', left - 6)
					.attr('y', bar / 2)
					.text((c) => c.name);
				rows
					.select('rect')
					.attr('x', left)
					.attr('height', bar)
					.attr('width', (c) => Math.max(1, x(c[metric.key])))
					.attr('fill', (c) => c.color);
				rows
					.select('text.value')
					.attr('x', (c) => left + Math.max(1, x(c[metric.key])) + 4)
					.attr('y', bar / 2)
					.text((c) => (metric.key === 'relus' ? String(c[metric.key]) : short(c[metric.key])));
			});
		labelSvg(
			svg,
			'Cost of the architectures',
			costs
				.map((c) => `${c.name}: ${c.params} weights, ${c.macs} multiply-adds, ${c.relus} ReLUs`)
				.join('; ')
		);
	};
}
