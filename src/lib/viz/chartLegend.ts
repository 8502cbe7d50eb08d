import type { Selection } from 'd3';

/** One legend entry: a swatch in the mark's own look, then its name. */
export interface LegendEntry {
	name: string;
	color: string;
	/** 'line' (a short stroke, dashed when the series is), 'dot' (scatter), 'band' (a shaded box behind a line) */
	swatch?: 'line' | 'dot' | 'band';
	dashed?: boolean;
	/** the dash pattern of a dashed entry, as its mark draws it; default '5 3' */
	dasharray?: string;
}

export interface PlacedEntry extends LegendEntry {
	/** left edge in px from the legend's origin */
	x: number;
	/** row index, 0 at the top */
	row: number;
}

export interface LegendLayout {
	entries: PlacedEntry[];
	/** rows used (0 when there are no entries) */
	rows: number;
	/** height of one row in px */
	rowHeight: number;
}

/**
 * Legend entries flowing left to right, wrapping to a new row when the next one would pass
 * `maxWidth`. Text widths are estimated (0.59 em a character) rather than measured, so the
 * layout is the same off-screen, in Node and in exports.
 */
export function legendLayout(
	entries: readonly LegendEntry[],
	fontSize: number,
	maxWidth: number
): LegendLayout {
	let x = 0;
	let row = 0;
	const placed = entries.map((entry) => {
		const width = fontSize * (2.7 + 0.59 * entry.name.length);
		if (x > 0 && x + width > maxWidth) {
			row++;
			x = 0;
		}
		const at = { ...entry, x, row };
		x += width;
		return at;
	});
	return { entries: placed, rows: entries.length ? row + 1 : 0, rowHeight: fontSize * 1.5 };
}

/**
 * Draws a {@link legendLayout} into `group` (whose origin is the top-left of the first row): one
 * <g class="legend-entry"> per entry with its swatch and name, joined by name so a redraw moves
 * entries instead of recreating them. Inside the SVG, so .svg and .png exports carry it.
 */
export function drawLegend(
	group: Selection<SVGGElement, unknown, null, undefined>,
	layout: LegendLayout,
	fontSize: number
): void {
	const swatchWidth = fontSize * 1.6;
	group
		.selectAll<SVGGElement, PlacedEntry>('g.legend-entry')
		.data(layout.entries, (d) => `${d.swatch ?? 'line'}:${d.name}`)
		.join((enter) => {
			const g = enter.append('g').attr('class', 'legend-entry');
			g.append('rect').attr('class', 'band');
			g.append('line');
			g.append('circle');
			g.append('text').attr('dy', '0.32em').attr('fill', 'currentColor');
			return g;
		})
		.attr(
			'transform',
			(d) => `translate(${d.x}, ${d.row * layout.rowHeight + layout.rowHeight / 2})`
		)
		.call((g) =>
			g
				.select('rect')
				.attr('display', (d) => (d.swatch === 'band' ? null : 'none'))
				.attr('x', 0)
				.attr('y', -fontSize * 0.45)
				.attr('width', swatchWidth)
				.attr('height', fontSize * 0.9)
				.attr('fill', (d) => d.color)
				.attr('fill-opacity', 0.25)
		)
		.call((g) =>
			g
				.select('line')
				.attr('display', (d) => (d.swatch === 'dot' ? 'none' : null))
				.attr('x1', 0)
				.attr('x2', swatchWidth)
				.attr('stroke', (d) => d.color)
				.attr('stroke-width', fontSize / 5)
				.attr('stroke-dasharray', (d) => (d.dashed ? (d.dasharray ?? '5 3') : null))
		)
		.call((g) =>
			g
				.select('circle')
				.attr('display', (d) => (d.swatch === 'dot' ? null : 'none'))
				.attr('cx', swatchWidth / 2)
				.attr('r', fontSize * 0.32)
				.attr('fill', (d) => d.color)
		)
		.call((g) =>
			g
				.select('text')
				.attr('x', swatchWidth + fontSize * 0.35)
				.text((d) => d.name)
		);
}
