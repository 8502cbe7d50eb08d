import { axisBottom, axisLeft, line, scaleLinear, scaleLog, schemeTableau10, select } from 'd3';
import { format } from 'd3';
import { labelSvg } from './labelSvg';
import { remScaled } from './rootFont';

/** The eigenvalues of one covariance matrix (any order), e.g. of raw or whitened patches. */
export interface EigenSeries {
	name: string;
	values: ArrayLike<number>;
	color?: string;
}

export interface EigenvalueChartOptions {
	width: number;
	height: number;
	title?: string;
	/** default 'eigenvalue (log scale)' */
	yLabel?: string;
	/** default 'index, largest first' */
	xLabel?: string;
	/** Text size in px; default 11 scaled to the page's root font. */
	fontSize?: number;
}

/**
 * κ = λmax / λmin, the condition number of a symmetric positive semi-definite matrix from its
 * eigenvalues: Infinity when the smallest is ≤ 0 (singular), NaN when there are none.
 */
export function conditionNumber(values: ArrayLike<number>): number {
	let min = Infinity;
	let max = -Infinity;
	for (let i = 0; i < values.length; i++) {
		if (Number.isNaN(values[i])) continue;
		min = Math.min(min, values[i]);
		max = Math.max(max, values[i]);
	}
	if (!(min <= max)) return NaN;
	return min > 0 ? max / min : Infinity;
}

const SUPERSCRIPT: Record<string, string> = {
	'-': '⁻',
	'0': '⁰',
	'1': '¹',
	'2': '²',
	'3': '³',
	'4': '⁴',
	'5': '⁵',
	'6': '⁶',
	'7': '⁷',
	'8': '⁸',
	'9': '⁹'
};
const superscript = (n: number) => [...String(n)].map((c) => SUPERSCRIPT[c] ?? c).join('');

/** 10⁻³, 1, 10, 10⁴: the labels of a log axis's decades. */
export function decadeLabel(value: number): string {
	const power = Math.round(Math.log10(value));
	if (power === 0) return '1';
	if (power === 1) return '10';
	return `10${superscript(power)}`;
}

const threeDigits = format(',.3~r');

/** κ as a learner reads it: '1', '37.5', '1,230', '4.6 × 10⁵', '∞'. */
export function kappaText(kappa: number): string {
	if (Number.isNaN(kappa)) return 'n/a';
	if (kappa === Infinity) return '∞';
	if (kappa < 1e5) return threeDigits(kappa);
	const power = Math.floor(Math.log10(kappa));
	const mantissa = kappa / 10 ** power;
	return `${format('.2~r')(mantissa)} × 10${superscript(power)}`;
}

/**
 * Eigenvalue spectra side by side on an <svg> of opts.width × opts.height px: one panel per
 * series, eigenvalues sorted largest first as dots joined by a line, on one shared log axis
 * (so spectra compare by height), each panel headed by its name and its κ = λmax / λmin.
 * Values ≤ 0 cannot sit on a log axis: they are not drawn, and the description says how many.
 */
export function eigenvalueChart(
	svg: SVGSVGElement
): (series: EigenSeries[], opts: EigenvalueChartOptions) => void {
	select(svg).selectAll('*').remove();
	const root = select(svg).attr('font-family', 'system-ui, sans-serif');
	const title = root.append('text').attr('fill', 'currentColor').attr('font-weight', 600);
	const yAxis = root.append('g');
	const panels = root.append('g');
	const xLabel = root.append('text').attr('fill', 'currentColor').attr('text-anchor', 'middle');
	const yLabel = root.append('text').attr('fill', 'currentColor').attr('text-anchor', 'middle');

	return (series, opts) => {
		const { width, height } = opts;
		const fontSize = opts.fontSize ?? remScaled(11);
		const unit = fontSize / 11;
		root.attr('font-size', fontSize);
		root.attr('width', width).attr('height', height).attr('viewBox', `0 0 ${width} ${height}`);
		const top = (opts.title ? 22 : 4) * unit + 2.8 * fontSize;
		const margin = { top, right: 10, bottom: 40 * unit, left: 52 * unit };

		const spectra = series.map((s, i) => {
			const sorted = Array.from(s.values)
				.filter((v) => !Number.isNaN(v))
				.sort((a, b) => b - a);
			return {
				s,
				key: `${i}:${s.name}`,
				color: s.color ?? schemeTableau10[i % 10],
				sorted,
				kappa: conditionNumber(sorted),
				dropped: sorted.filter((v) => !(v > 0) || !Number.isFinite(v)).length
			};
		});
		const positive = spectra.flatMap((d) => d.sorted.filter((v) => v > 0 && Number.isFinite(v)));
		const lo = positive.length ? Math.min(...positive) : 1;
		const hi = positive.length ? Math.max(...positive) : 10;
		const low = Math.floor(Math.log10(lo));
		const high = Math.max(low + 1, Math.ceil(Math.log10(hi)));
		const y = scaleLog()
			.domain([10 ** low, 10 ** high])
			.range([height - margin.bottom, margin.top]);
		// A label per decade, thinned to every 2nd, 3rd… when the axis is short.
		const step = Math.max(
			1,
			Math.ceil((high - low) / Math.max(2, (height - top) / (fontSize * 2)))
		);
		const decades = Array.from(
			{ length: Math.floor((high - low) / step) + 1 },
			(_, k) => 10 ** (low + k * step)
		);
		yAxis
			.attr('transform', `translate(${margin.left}, 0)`)
			.call(
				axisLeft(y)
					.tickValues(decades)
					.tickFormat((v) => decadeLabel(Number(v)))
			)
			.attr('font-size', fontSize)
			.attr('font-family', null);

		const gap = fontSize * 1.2;
		const count = Math.max(1, spectra.length);
		const panelWidth = Math.max(
			10,
			(width - margin.left - margin.right - gap * (count - 1) - gap) / count
		);
		const groups = panels
			.selectAll<SVGGElement, (typeof spectra)[number]>('g.panel')
			.data(spectra, (d) => d.key)
			.join((enter) => {
				const g = enter.append('g').attr('class', 'panel');
				g.append('text')
					.attr('class', 'name')
					.attr('fill', 'currentColor')
					.attr('text-anchor', 'middle')
					.attr('font-weight', 600);
				g.append('text')
					.attr('class', 'kappa')
					.attr('fill', 'currentColor')
					.attr('text-anchor', 'middle');
				g.append('g').attr('class', 'x-axis');
				g.append('path').attr('class', 'spectrum').attr('fill', 'none').attr('stroke-width', 1.5);
				g.append('g').attr('class', 'dots');
				return g;
			})
			.attr('transform', (_, i) => `translate(${margin.left + gap + i * (panelWidth + gap)}, 0)`);

		groups.each(function (d) {
			const g = select(this);
			const n = d.sorted.length;
			const x = scaleLinear()
				.domain([1, Math.max(2, n)])
				.range([fontSize * 0.5, panelWidth - fontSize * 0.5]);
			const drawn = d.sorted
				.map((v, k) => ({ v, k }))
				.filter(({ v }) => v > 0 && Number.isFinite(v));
			g.select('text.name')
				.attr('x', panelWidth / 2)
				.attr('y', top - 1.7 * fontSize)
				.text(d.s.name);
			g.select('text.kappa')
				.attr('x', panelWidth / 2)
				.attr('y', top - 0.5 * fontSize)
				.text(`κ = ${kappaText(d.kappa)}`);
			const tickCount = Math.max(2, Math.floor(panelWidth / (fontSize * 2.5)));
			const ticks = n <= tickCount ? x.ticks(n).filter(Number.isInteger) : [1, n];
			g.select<SVGGElement>('g.x-axis')
				.attr('transform', `translate(0, ${height - margin.bottom})`)
				.call(
					axisBottom(x)
						.tickValues(n > 0 ? ticks.filter((t) => t <= n) : [])
						.tickFormat(format('d'))
				)
				.attr('font-size', fontSize)
				.attr('font-family', null);
			g.select('path.spectrum')
				.attr('stroke', d.color)
				.attr(
					'd',
					line<{ v: number; k: number }>()
						.x(({ k }) => x(k + 1))
						.y(({ v }) => y(v))(drawn)
				);
			g.select('g.dots')
				.selectAll('circle')
				.data(drawn)
				.join('circle')
				.attr('cx', ({ k }) => x(k + 1))
				.attr('cy', ({ v }) => y(v))
				.attr('r', fontSize / 4)
				.attr('fill', d.color);
		});

		title
			.attr('x', margin.left)
			.attr('y', 15 * unit)
			.text(opts.title ?? '');
		xLabel
			.attr('x', (margin.left + width - margin.right) / 2)
			.attr('y', height - 6 * unit)
			.text(opts.xLabel ?? 'index, largest first');
		yLabel
			.attr(
				'transform',
				`translate(${14 * unit}, ${(margin.top + height - margin.bottom) / 2}) rotate(-90)`
			)
			.text(opts.yLabel ?? 'eigenvalue (log scale)');

		labelSvg(
			svg,
			`${opts.title ?? 'Eigenvalues'}: ` +
				(spectra.map((d) => `${d.s.name} κ = ${kappaText(d.kappa)}`).join(', ') || 'no series'),
			spectra
				.filter((d) => d.dropped > 0)
				.map(
					(d) =>
						`${d.s.name}: ${d.dropped} eigenvalue(s) ≤ 0 or infinite, not drawn on the log axis.`
				)
				.join(' ')
		);
	};
}
