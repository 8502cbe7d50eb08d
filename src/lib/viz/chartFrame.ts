import { axisBottom, type Axis, type NumberValue, type ScaleLinear, type Selection } from 'd3';

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
	x: ScaleLinear<number, number>;
	/** the y axis generator: charts differ in ticks (counts, log scales) */
	yAxis: Axis<NumberValue>;
	title: string;
	xLabel: string;
	/** undefined keeps the label's current text */
	yLabel?: string;
}

/**
 * Place a chart's frame for one size: x axis along the bottom margin (a tick per ~80 px), the
 * y axis along the left, the title top-left, the x label centred below, the y label rotated
 * on the left. Shared so every chart in ConvLab reads the same way.
 */
export function layoutChartFrame(frame: ChartFrame, layout: FrameLayout): void {
	const { width, height, margin } = layout;
	frame.xAxis
		.attr('transform', `translate(0, ${height - margin.bottom})`)
		.call(axisBottom(layout.x).ticks(Math.max(2, width / 80)));
	frame.yAxis.attr('transform', `translate(${margin.left}, 0)`).call(layout.yAxis);
	frame.title.attr('x', margin.left).attr('y', 15).text(layout.title);
	frame.xLabel
		.attr('x', (margin.left + width - margin.right) / 2)
		.attr('y', height - 6)
		.text(layout.xLabel);
	frame.yLabel.attr(
		'transform',
		`translate(14, ${(margin.top + height - margin.bottom) / 2}) rotate(-90)`
	);
	if (layout.yLabel !== undefined) frame.yLabel.text(layout.yLabel);
}
