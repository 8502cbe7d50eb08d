import { format, interrupt, select } from 'd3';
import { arithmeticWindow, type ArithmeticFrame, type ArithmeticTap } from './arithmeticFrame';
import { chooseColorScale, colorFor, textColorOn, type ColorScaleSpec } from './colorScale';
import { finiteExtent } from './finiteExtent';
import { labelSvg } from './labelSvg';

export type { ArithmeticFrame } from './arithmeticFrame';

export interface ArithmeticOptions {
	/** Side of one grid cell in px. */
	cell: number;
	/** Size of the written numbers and labels in px (resolved, so an export keeps it). */
	fontSize: number;
	/** Output grid beside the input (default) or below it, for narrow screens. */
	layout?: 'beside' | 'below';
	/** Feature-map position of the output grid's first pixel, for the caption (default 0, 0). */
	outputOrigin?: { y: number; x: number };
	/** Write input and output values in their cells. */
	showValues: boolean;
	/**
	 * Glide the window from its previous position (default true). Pass false when the data
	 * changed rather than the step: a transition then only costs frames while the learner drags.
	 */
	animate?: boolean;
}

const WINDOW = '#e8710a';
const MOVE_MS = 120;
const MARGIN = 16;

/** Room between the input and output grids: enough for the arrow to read as one. */
export function arithmeticGap(cell: number, fontSize: number): number {
	return Math.max(1.2 * cell, 3 * fontSize);
}
let figureCount = 0;

interface InputCell {
	key: string;
	py: number;
	px: number;
	value: number | null; // null in the padding
}

interface OutputCell {
	index: number;
	oy: number;
	ox: number;
	value: number;
}

/**
 * The convolution-arithmetic figure on an <svg>: the padded input grid on the left (padding
 * dashed, input in gray by value), the current kernel window's taps outlined with their
 * weights in the corner, an arrow to the output grid on the right, where finished outputs
 * are coloured on a diverging scale over the output range and the current one is outlined.
 * Cells are keyed, so stepping only moves the window and recolours outputs.
 */
export function convolutionArithmetic(
	svg: SVGSVGElement
): (frame: ArithmeticFrame, opts: ArithmeticOptions) => void {
	const arrowId = `convlab-arithmetic-arrow-${++figureCount}`;
	// Owning the whole svg makes a second call on the same node start clean, not stack up; a
	// transition still running on the old nodes would otherwise fire on removed elements.
	select(svg)
		.selectAll<Element, unknown>('*')
		.each(function () {
			interrupt(this);
		})
		.remove();
	const root = select(svg).attr('font-family', 'system-ui, sans-serif');
	root
		.append('defs')
		.append('marker')
		.attr('id', arrowId)
		.attr('viewBox', '0 0 10 10')
		.attr('refX', 9)
		.attr('refY', 5)
		.attr('markerWidth', 7)
		.attr('markerHeight', 7)
		.attr('orient', 'auto-start-reverse')
		.append('path')
		.attr('d', 'M0,0L10,5L0,10z')
		.attr('fill', WINDOW);
	const inputLabel = root.append('text').attr('fill', 'currentColor');
	const outputLabel = root.append('text').attr('fill', 'currentColor').text('output');
	const inputGrid = root.append('g');
	const windowTaps = root.append('g').attr('pointer-events', 'none');
	const outputGrid = root.append('g');
	const arrow = root
		.append('line')
		.attr('stroke', WINDOW)
		.attr('stroke-width', 1.5)
		.attr('marker-end', `url(#${arrowId})`);
	const currentOutput = root
		.append('rect')
		.attr('fill', 'none')
		.attr('stroke', WINDOW)
		.attr('stroke-width', 3);
	const caption = root.append('text').attr('fill', 'currentColor');
	const valueText = format('.2~f');
	const weightText = format('.2~g');

	return (frame, opts) => {
		const current = arithmeticWindow(frame);
		const { cell, showValues, fontSize } = opts;
		const below = opts.layout === 'below';
		const { padding, inputHeight: h, inputWidth: w, outputHeight: oh, outputWidth: ow } = frame;
		const paddedH = h + padding.top + padding.bottom;
		const paddedW = w + padding.left + padding.right;
		const line = 1.4 * fontSize; // one line of text
		const gap = arithmeticGap(cell, fontSize);
		const inX = MARGIN;
		const inY = MARGIN / 2 + line;
		const outX = below ? inX + ((paddedW - ow) * cell) / 2 : inX + paddedW * cell + gap;
		const outY = below ? inY + paddedH * cell + gap : inY + ((paddedH - oh) * cell) / 2;
		const right = below ? inX + Math.max(paddedW, ow) * cell : outX + ow * cell;
		const bottom = below ? outY + oh * cell : inY + Math.max(paddedH, oh) * cell;
		const width = Math.max(right, inX + 15 * fontSize) + MARGIN; // the caption's room
		const height = Math.max(bottom, outY + oh * cell) + line + MARGIN / 2; // caption below
		root
			.attr('width', width)
			.attr('height', height)
			.attr('viewBox', `0 0 ${width} ${height}`)
			.attr('font-size', fontSize);
		inputLabel
			.attr('x', inX)
			.attr('y', inY - 0.4 * fontSize)
			.text(paddedH > h || paddedW > w ? 'input (dashed: zero padding)' : 'input');
		// Below the input the arrow comes in from above, so the label goes beside the grid.
		if (below)
			outputLabel.attr('x', outX + ow * cell + 0.4 * fontSize).attr('y', outY + 0.9 * fontSize);
		else outputLabel.attr('x', outX).attr('y', outY - 0.4 * fontSize);

		// Crops of an image are in [0, 1]; anything else gets its own range.
		const inputExtent = finiteExtent(frame.input) ?? [0, 1];
		const inputSpec: ColorScaleSpec = {
			kind: 'gray',
			domain:
				inputExtent[0] >= 0 && inputExtent[1] <= 1
					? [0, 1]
					: [inputExtent[0], Math.max(inputExtent[1], inputExtent[0] + 1e-6)]
		};
		const inputCells: InputCell[] = [];
		for (let py = 0; py < paddedH; py++) {
			for (let px = 0; px < paddedW; px++) {
				const iy = py - padding.top;
				const ix = px - padding.left;
				const inside = iy >= 0 && iy < h && ix >= 0 && ix < w;
				inputCells.push({
					key: `${py},${px}`,
					py,
					px,
					value: inside ? frame.input[iy * w + ix] : null
				});
			}
		}
		const inputFill = (c: InputCell) =>
			c.value === null ? '#fafafa' : colorFor(inputSpec, c.value);
		inputGrid
			.selectAll<SVGGElement, InputCell>('g')
			.data(inputCells, (c) => c.key)
			.join((enter) => {
				const g = enter.append('g');
				g.append('rect');
				g.append('text').attr('text-anchor', 'middle').attr('dy', '0.35em');
				return g;
			})
			.attr('transform', (c) => `translate(${inX + c.px * cell}, ${inY + c.py * cell})`)
			.attr('class', 'in-cell')
			.attr('data-value', (c) => (c.value === null ? 'pad' : c.value))
			.call((g) =>
				g
					.select('rect')
					.attr('width', cell)
					.attr('height', cell)
					.attr('fill', inputFill)
					.attr('stroke', (c) => (c.value === null ? '#9a9a9a' : '#555'))
					.attr('stroke-width', 0.75)
					.attr('stroke-dasharray', (c) => (c.value === null ? '3 2' : null))
			)
			.call((g) =>
				g
					.select('text')
					.attr('x', cell / 2)
					// Below the middle, leaving the top of the cell to the kernel weight.
					.attr('y', cell * 0.64)
					.attr('fill', (c) => (c.value === null ? '#767676' : textColorOn(inputFill(c))))
					.text((c) => (showValues ? valueText(c.value ?? 0) : ''))
			);

		const taps = current?.taps ?? [];
		const tapGroups = windowTaps
			.selectAll<SVGGElement, ArithmeticTap>('g')
			.data(taps, (t) => `${t.ky},${t.kx}`)
			.join((enter) => {
				const g = enter
					.append('g')
					.attr('transform', (t) => `translate(${inX + t.px * cell}, ${inY + t.py * cell})`);
				g.append('rect').attr('fill', WINDOW).attr('fill-opacity', 0.22).attr('stroke', WINDOW);
				g.append('text').attr('fill', WINDOW).attr('font-weight', 700);
				return g;
			});
		// Each glide is its own transition on these nodes. (A shared transition() made on the
		// document was looked up through each node's ancestors, and threw "transition N not
		// found" on nodes no longer on the page.) Importing `interrupt` keeps d3-transition,
		// and its selection patch, in the bundle.
		const tapPlace = (t: ArithmeticTap) => `translate(${inX + t.px * cell}, ${inY + t.py * cell})`;
		tapGroups.interrupt();
		if (opts.animate === false || !svg.isConnected) tapGroups.attr('transform', tapPlace);
		else tapGroups.transition().duration(MOVE_MS).attr('transform', tapPlace);
		tapGroups
			.select('rect')
			.attr('width', cell)
			.attr('height', cell)
			.attr('stroke-width', 2.5)
			.attr('stroke-dasharray', (t) => (t.inPadding ? '4 2' : null));
		tapGroups
			.select('text')
			.attr('x', 2)
			.attr('y', 0.95 * fontSize)
			.attr('font-size', fontSize)
			// A pale halo keeps the orange weight readable on dark input cells.
			.attr('paint-order', 'stroke')
			.attr('stroke', '#fff')
			.attr('stroke-width', 2.5)
			.attr('stroke-opacity', 0.85)
			.text((t) => (showValues ? weightText(frame.kernel[t.ky * frame.kernelSize + t.kx]) : ''));

		const outputExtent = finiteExtent(frame.output);
		const outputSpec = chooseColorScale(outputExtent?.[0] ?? 0, outputExtent?.[1] ?? 0);
		const outputCells: OutputCell[] = Array.from(frame.output, (value, index) => ({
			index,
			oy: Math.floor(index / ow),
			ox: index % ow,
			value
		}));
		const done = (c: OutputCell) => c.index <= frame.step;
		const outputFill = (c: OutputCell) => (done(c) ? colorFor(outputSpec, c.value) : '#fff');
		outputGrid
			.selectAll<SVGGElement, OutputCell>('g')
			.data(outputCells, (c) => c.index)
			.join((enter) => {
				const g = enter.append('g');
				g.append('rect').attr('stroke', '#555').attr('stroke-width', 0.75);
				g.append('text').attr('text-anchor', 'middle').attr('dy', '0.35em');
				return g;
			})
			.attr('transform', (c) => `translate(${outX + c.ox * cell}, ${outY + c.oy * cell})`)
			.attr('class', 'out-cell')
			.attr('data-value', (c) => c.value)
			.call((g) =>
				g.select('rect').attr('width', cell).attr('height', cell).attr('fill', outputFill)
			)
			.call((g) =>
				g
					.select('text')
					.attr('x', cell / 2)
					.attr('y', cell / 2)
					.attr('fill', (c) => textColorOn(outputFill(c)))
					.text((c) => (showValues && done(c) ? valueText(c.value) : ''))
			);

		if (!current) {
			arrow.attr('display', 'none');
			currentOutput.attr('display', 'none');
			caption.text('');
			labelSvg(svg, `Convolution finished: all ${oh}×${ow} outputs computed`);
			return;
		}
		const { oy, ox } = current;
		const span = frame.dilation * (frame.kernelSize - 1) + 1;
		const windowLeft = inX + ox * frame.stride * cell;
		const windowTop = inY + oy * frame.stride * cell;
		// To the row (or column), not into the grid, so the line never covers a written value.
		const arrowEnds = below
			? {
					x1: windowLeft + (span * cell) / 2,
					y1: windowTop + span * cell + 4,
					x2: outX + (ox + 0.5) * cell,
					y2: outY - 3
				}
			: {
					x1: windowLeft + span * cell + 4,
					y1: windowTop + (span * cell) / 2,
					x2: outX - 3,
					y2: outY + (oy + 0.5) * cell
				};
		// Glide from the previous step; on the first draw there is nothing to glide from.
		const firstDraw = arrow.attr('x1') === null;
		arrow.attr('display', null).interrupt();
		const arrowMove =
			firstDraw || opts.animate === false || !svg.isConnected
				? null
				: arrow.transition().duration(MOVE_MS);
		for (const [name, value] of Object.entries(arrowEnds)) {
			if (arrowMove) arrowMove.attr(name, value);
			else arrow.attr(name, value);
		}
		currentOutput
			.attr('display', null)
			.attr('x', outX + ox * cell)
			.attr('y', outY + oy * cell)
			.attr('width', cell)
			.attr('height', cell);
		const value = frame.output[frame.step];
		const origin = opts.outputOrigin ?? { y: 0, x: 0 };
		caption
			.attr('x', inX)
			.attr('y', Math.max(bottom, outY + oh * cell) + line)
			.text(`out[${oy + origin.y}, ${ox + origin.x}] = Σ w·x = ${valueText(value)}`);
		labelSvg(
			svg,
			`Convolution step ${frame.step + 1} of ${oh * ow}: a ${frame.kernelSize}×${frame.kernelSize} kernel` +
				` with stride ${frame.stride} and dilation ${frame.dilation} gives output (${oy + origin.y}, ${ox + origin.x}) = ${valueText(value)}`,
			`${taps.filter((t) => t.inPadding).length} of the ${taps.length} taps read zero padding.`
		);
	};
}
