import { axisBottom, scaleLinear, select } from 'd3';
import { labelSvg } from './labelSvg';

/** One row of the cone: a layer's extent and the units the chosen unit depends on, in input pixels. */
export interface ConeRow {
	label: string;
	/** centres of the layer's first and last unit */
	first: number;
	last: number;
	/** jump: spacing of the layer's units in input pixels */
	jump: number;
	/** centres of the first and last unit the chosen unit depends on (null: none) */
	from: number | null;
	to: number | null;
	/** how many units that is along this axis */
	count: number;
	selected: boolean;
}

export interface ConeChartOptions {
	width: number;
	imageSize: number;
	title: string;
	/** click on a row at input coordinate x */
	onpick?: (row: number, x: number) => void;
}

/**
 * The cone of units under one unit, seen from the side along one axis: a row per layer (the
 * input at the bottom), the layer's extent as a light bar and the units the chosen unit
 * depends on as a dark bar, all in input-pixel coordinates, so the cone widens downwards
 * by (k − 1)·d·j per layer. Rows are clickable.
 */
export function receptiveFieldConeChart(
	svg: SVGSVGElement
): (rows: ConeRow[], opts: ConeChartOptions) => void {
	select(svg).selectAll('*').remove();
	const root = select(svg).attr('font-family', 'system-ui, sans-serif').attr('font-size', 11);
	const title = root
		.append('text')
		.attr('fill', 'currentColor')
		.attr('font-weight', 600)
		.attr('y', 14);
	const body = root.append('g');
	const axis = root.append('g');
	return (rows, opts) => {
		const rowHeight = Math.max(7, Math.min(20, 420 / Math.max(1, rows.length)));
		const margin = { top: 24, right: 10, bottom: 26, left: Math.min(150, opts.width * 0.34) };
		const height = margin.top + rowHeight * rows.length + margin.bottom;
		root
			.attr('width', opts.width)
			.attr('height', height)
			.attr('viewBox', `0 0 ${opts.width} ${height}`);
		title.attr('x', 0).text(opts.title);
		const lo = Math.min(0, ...rows.map((r) => r.first - r.jump / 2));
		const hi = Math.max(opts.imageSize, ...rows.map((r) => r.last + r.jump / 2));
		const x = scaleLinear()
			.domain([lo, hi])
			.range([margin.left, opts.width - margin.right]);
		axis
			.attr('transform', `translate(0, ${height - margin.bottom})`)
			.call(axisBottom(x).ticks(Math.max(2, opts.width / 90)));
		const showLabels = rowHeight >= 10;
		const yOf = (i: number) => margin.top + (rows.length - 1 - i) * rowHeight;
		body
			.selectAll<SVGGElement, ConeRow>('g.row')
			.data(rows)
			.join((enter) => {
				const g = enter.append('g').attr('class', 'row').style('cursor', 'pointer');
				g.append('rect').attr('class', 'hit').attr('fill', 'transparent');
				g.append('rect').attr('class', 'extent').attr('fill', '#d5dbe1');
				g.append('rect').attr('class', 'cone').attr('fill', '#e6550d');
				g.append('text')
					.attr('fill', 'currentColor')
					.attr('text-anchor', 'end')
					.attr('dy', '0.32em');
				return g;
			})
			.attr('transform', (_, i) => `translate(0, ${yOf(i)})`)
			.on('click', (event: MouseEvent, row) => {
				const i = rows.indexOf(row);
				const [px] = [event.offsetX];
				opts.onpick?.(i, x.invert(px));
			})
			.call((g) =>
				g.select('rect.hit').attr('x', 0).attr('width', opts.width).attr('height', rowHeight)
			)
			.call((g) =>
				g
					.select('rect.extent')
					.attr('x', (r) => x(r.first - r.jump / 2))
					.attr('width', (r) => Math.max(1, x(r.last + r.jump / 2) - x(r.first - r.jump / 2)))
					.attr('y', rowHeight * 0.2)
					.attr('height', rowHeight * 0.6)
			)
			.call((g) =>
				g
					.select('rect.cone')
					.attr('display', (r) => (r.from === null ? 'none' : null))
					.attr('x', (r) => x((r.from ?? 0) - r.jump / 2))
					.attr('width', (r) =>
						Math.max(1.5, x((r.to ?? 0) + r.jump / 2) - x((r.from ?? 0) - r.jump / 2))
					)
					.attr('y', rowHeight * 0.1)
					.attr('height', rowHeight * 0.8)
					.attr('fill', (r) => (r.selected ? '#1f3b57' : '#e6550d'))
			)
			.call((g) =>
				g
					.select('text')
					.attr('x', margin.left - 6)
					.attr('y', rowHeight / 2)
					.attr('font-weight', (r) => (r.selected ? 700 : 400))
					.text((r, i) => (showLabels || r.selected || i === 0 ? `${r.label} · ${r.count}` : ''))
			);
		labelSvg(
			svg,
			`${opts.title}: ${rows.length} layers`,
			rows
				.map((r) => `${r.label}: ${r.count} unit${r.count === 1 ? '' : 's'}`)
				.slice(-12)
				.join('; ')
		);
	};
}
