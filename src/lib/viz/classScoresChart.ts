/**
 * The classifier's answer as two horizontal bar charts side by side, one row per class: the
 * logits (signed, from a zero line; what the last dense layer computes) and the softmax
 * probabilities (0–1; what they become). The predicted class is drawn in the accent colour and
 * the class the saliency explains is marked. Horizontal bars keep ten class names readable on a
 * phone.
 */
import {
	axisBottom,
	format,
	precisionFixed,
	scaleBand,
	scaleLinear,
	select,
	tickStep,
	type ScaleLinear
} from 'd3';
import { labelSvg } from './labelSvg';

export interface ClassScoresOptions {
	width: number;
	/** height of one class row in px */
	rowHeight?: number;
	/** index of the class the saliency explains (marked with ▸), or null */
	explained?: number | null;
}

const PREDICTED = '#d35400';
const OTHER = '#4e79a7';

/** Argmax, first on ties. */
function argmax(values: ArrayLike<number>): number {
	let best = 0;
	for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
	return best;
}

/**
 * The logit axis's tick labels: plain decimals (10, −2.5), never exponent notation (the axis's own
 * '~g' with the precision of a step of 10 wrote 10 as "1e+1").
 */
export function logitTickFormat(x: ScaleLinear<number, number>): (value: number) => string {
	const step = tickStep(x.domain()[0], x.domain()[1], 4);
	return format(`.${precisionFixed(step)}f`);
}

export function classScoresChart(
	svg: SVGSVGElement
): (
	classes: readonly string[],
	logits: Float32Array,
	probabilities: Float32Array,
	opts: ClassScoresOptions
) => void {
	select(svg).selectAll('*').remove();
	const root = select(svg).attr('font-family', 'system-ui, sans-serif').attr('font-size', 12);
	const names = root.append('g');
	const panels = [root.append('g'), root.append('g')];

	return (classes, logits, probabilities, opts) => {
		const rowHeight = opts.rowHeight ?? 22;
		const nameWidth = 96;
		const top = 22;
		const bottom = 24;
		const gap = 14;
		const height = top + classes.length * rowHeight + bottom;
		const width = Math.max(300, opts.width);
		root.attr('width', width).attr('height', height).attr('viewBox', `0 0 ${width} ${height}`);
		const predicted = argmax(probabilities);
		const y = scaleBand<number>()
			.domain(classes.map((_, i) => i))
			.range([top, top + classes.length * rowHeight])
			.padding(0.18);
		names
			.selectAll('text')
			.data(classes)
			.join('text')
			.attr('x', nameWidth - 6)
			.attr('y', (_, i) => (y(i) ?? 0) + y.bandwidth() / 2)
			.attr('dy', '0.35em')
			.attr('text-anchor', 'end')
			.attr('fill', 'currentColor')
			.attr('font-weight', (_, i) => (i === predicted ? 700 : 400))
			.text((name, i) => `${i === opts.explained ? '▸ ' : ''}${name}`);

		const panelWidth = (width - nameWidth - gap) / 2;
		const lmax = Math.max(1e-6, ...Array.from(logits, Math.abs));
		const specs = [
			{
				title: 'Logits',
				values: logits,
				x: scaleLinear()
					.domain([-lmax, lmax])
					.nice()
					.range([0, panelWidth - 10]),
				write: format('.2f')
			},
			{
				title: 'Softmax probability',
				values: probabilities,
				x: scaleLinear()
					.domain([0, 1])
					.range([0, panelWidth - 44]),
				write: format('.1%')
			}
		];
		const logitLabel = logitTickFormat(specs[0].x);
		specs.forEach((spec, p) => {
			const g = panels[p].attr('transform', `translate(${nameWidth + p * (panelWidth + gap)}, 0)`);
			const zero = spec.x(0);
			g.selectAll('text.title')
				.data([spec.title])
				.join('text')
				.attr('class', 'title')
				.attr('x', 0)
				.attr('y', 14)
				.attr('font-weight', 600)
				.attr('fill', 'currentColor')
				.text((t) => t);
			g.selectAll<SVGRectElement, number>('rect')
				.data(Array.from(spec.values))
				.join('rect')
				.attr('x', (v) => Math.min(spec.x(v), zero))
				.attr('width', (v) => Math.abs(spec.x(v) - zero))
				.attr('y', (_, i) => y(i) ?? 0)
				.attr('height', y.bandwidth())
				.attr('fill', (_, i) => (i === predicted ? PREDICTED : OTHER));
			g.selectAll<SVGTextElement, number>('text.value')
				.data(Array.from(spec.values))
				.join('text')
				.attr('class', 'value')
				.attr('x', (v) => (p === 0 ? zero + (v >= 0 ? -3 : 3) : spec.x(v) + 3))
				.attr('y', (_, i) => (y(i) ?? 0) + y.bandwidth() / 2)
				.attr('dy', '0.35em')
				.attr('text-anchor', (v) => (p === 0 ? (v >= 0 ? 'end' : 'start') : 'start'))
				.attr('font-size', 11)
				.attr('fill', 'currentColor')
				.text((v) => spec.write(v));
			g.selectAll<SVGGElement, null>('g.axis')
				.data([null])
				.join('g')
				.attr('class', 'axis')
				.attr('transform', `translate(0, ${top + classes.length * rowHeight})`)
				.call(
					axisBottom(spec.x)
						.ticks(p === 0 ? 4 : 3)
						.tickFormat(p === 0 ? (v) => logitLabel(Number(v)) : format('.0%'))
				);
			g.selectAll('line.zero')
				.data([zero])
				.join('line')
				.attr('class', 'zero')
				.attr('x1', zero)
				.attr('x2', zero)
				.attr('y1', top)
				.attr('y2', top + classes.length * rowHeight)
				.attr('stroke', 'currentColor');
		});
		labelSvg(
			svg,
			`Class scores: predicted ${classes[predicted]} (${format('.1%')(probabilities[predicted])})`,
			classes
				.map(
					(name, i) =>
						`${name}: logit ${format('.2f')(logits[i])}, probability ${format('.1%')(probabilities[i])}`
				)
				.join('; ')
		);
	};
}
