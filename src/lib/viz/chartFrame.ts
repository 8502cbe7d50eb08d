import {
	axisBottom,
	type Axis,
	type NumberValue,
	type ScaleContinuousNumeric,
	type Selection
} from 'd3';

/** The parts every 2-D chart has around its plot: title, axes and axis labels. */
export interface ChartFrame {
	title: Selection<SVGTextElement, unknown, null, undefined>;
	xAxis: Selection<SVGGElement, unknown, null, undefined>;
	yAxis: Selection<SVGGElement, unknown, null, undefined>;
	xLabel: Selection<SVGTextElement, unknown, null, undefined>;
	yLabel: Selection<SVGTextElement, unknown, null, undefined>;
}

export interface FrameLayout {
	width: number;
	height: number;
	margin: { top: number; right: number; bottom: number; left: number };
	/** linear or log: a log scale's axis labels only the ticks there is room for */
	x: ScaleContinuousNumeric<number, number>;
	/** the y axis generator: charts differ in ticks (counts, log scales) */
	yAxis: Axis<NumberValue>;
	title: string;
	xLabel: string;
	/** undefined keeps the label's current text */
	yLabel?: string;
	/** text size in px (ticks, title, labels); default 11 */
	fontSize?: number;
}

/**
 * Place a chart's frame for one size: x axis along the bottom margin (a tick per ~80 px), the
 * y axis along the left, the title top-left, the x label centred below, the y label rotated
 * on the left. Shared so every chart in ConvLab reads the same way.
 */
export function layoutChartFrame(frame: ChartFrame, layout: FrameLayout): void {
	const { width, height, margin } = layout;
	const size = layout.fontSize ?? 11;
	const unit = size / 11; // layout offsets were designed at 11 px text
	// d3's axes write font-size="10" on their group; ticks follow the chart's text size instead,
	// so projector mode enlarges them (and exports carry the resolved px).
	frame.xAxis
		.attr('transform', `translate(0, ${height - margin.bottom})`)
		.call(axisBottom(layout.x).ticks(Math.max(2, width / (80 * unit))))
		.attr('font-size', size)
		.attr('font-family', null);
	frame.yAxis
		.attr('transform', `translate(${margin.left}, 0)`)
		.call(layout.yAxis)
		.attr('font-size', size)
		.attr('font-family', null);
	frame.title
		.attr('x', margin.left)
		.attr('y', 15 * unit)
		.text(layout.title);
	frame.xLabel
		.attr('x', (margin.left + width - margin.right) / 2)
		.attr('y', height - 6 * unit)
		.text(layout.xLabel);
	frame.yLabel.attr(
		'transform',
		`translate(${14 * unit}, ${(margin.top + height - margin.bottom) / 2}) rotate(-90)`
	);
	if (layout.yLabel !== undefined) frame.yLabel.text(layout.yLabel);
}

/** Share of the font size one tick character may take, erring wide ('%', '−' and digits). */
const TICK_GLYPH_EM = 0.65;

/**
 * The left margin that keeps the rotated y label (centred 14 px × fontSize / 11 from the left
 * edge, as layoutChartFrame places it) clear of the widest y tick label: the label's half height,
 * a 2 px gap, the tick text, then d3's tick (6 px) and padding (3 px). Never less than `minimum`,
 * the margin the chart was designed with; wide ticks ("100 %" on a phone's 12 px text) widen it.
 */
export function yAxisLeftMargin(
	tickTexts: readonly string[],
	fontSize: number,
	minimum: number,
	hasLabel = true
): number {
	const widest = Math.max(0, ...tickTexts.map((t) => t.length)) * fontSize * TICK_GLYPH_EM;
	const label = hasLabel ? 14 * (fontSize / 11) + 0.6 * fontSize : 0;
	return Math.max(minimum, Math.ceil(label + 2 + widest + 9));
}
