import { select } from 'd3';
import { paddedFrame, type Padding } from './paddedFrame';

/** One kernel tap: the input pixel (row iy, column ix; negative or ≥ size in the padding). */
export interface WindowTap {
	iy: number;
	ix: number;
	inPadding: boolean;
}

export interface KernelWindowState {
	imageWidth: number;
	imageHeight: number;
	padding: Padding;
	taps: WindowTap[];
}

const TAP = '#e8710a';
const PADDING_TAP = '#7f7f7f';
let overlayCount = 0;

/**
 * Overlay for an input-image canvas showing where one output pixel's kernel reads. The svg's
 * viewBox is the padded image in pixel units (see {@link paddedFrame}; put the canvas at its
 * `inset` inside the svg's box), padding is a dashed frame, each tap a 1×1 cell — orange on
 * the image, grey-hatched in the padding — so dilation gaps show, and the window's bounding
 * box a thicker outline. Strokes keep their CSS width at any zoom. `null` clears it.
 */
export function kernelWindowOverlay(svg: SVGSVGElement): (state: KernelWindowState | null) => void {
	const hatchId = `convlab-padding-hatch-${++overlayCount}`;
	// Owning the whole svg makes a second call on the same node start clean, not stack up.
	select(svg).selectAll('*').remove();
	const root = select(svg)
		.attr('preserveAspectRatio', 'none')
		.style('pointer-events', 'none')
		// Decoration over the image; the lab's text and the arithmetic figure describe the window.
		.attr('aria-hidden', 'true');
	root
		.append('defs')
		.append('pattern')
		.attr('id', hatchId)
		.attr('patternUnits', 'userSpaceOnUse')
		.attr('width', 0.25)
		.attr('height', 0.25)
		.attr('patternTransform', 'rotate(45)')
		.append('rect')
		.attr('width', 0.1)
		.attr('height', 0.25)
		.attr('fill', PADDING_TAP);
	const content = root.append('g');
	const paddingFrame = content
		.append('rect')
		.attr('fill', 'none')
		.attr('stroke', PADDING_TAP)
		.attr('stroke-dasharray', '4 3')
		.attr('vector-effect', 'non-scaling-stroke');
	const taps = content.append('g');
	const windowBox = content
		.append('rect')
		.attr('fill', 'none')
		.attr('stroke', TAP)
		.attr('stroke-width', 2.5)
		.attr('vector-effect', 'non-scaling-stroke');

	return (state) => {
		if (!state) {
			content.attr('display', 'none');
			taps.selectAll('rect').remove();
			return;
		}
		const { imageWidth: w, imageHeight: h, padding } = state;
		const { viewBox } = paddedFrame(w, h, padding);
		root.attr('viewBox', viewBox.join(' '));
		content.attr('display', null);

		const padded = padding.top + padding.bottom + padding.left + padding.right > 0;
		paddingFrame
			.attr('display', padded ? null : 'none')
			.attr('x', viewBox[0])
			.attr('y', viewBox[1])
			.attr('width', viewBox[2])
			.attr('height', viewBox[3]);

		taps
			.selectAll<SVGRectElement, WindowTap>('rect')
			.data(state.taps, (t) => `${t.iy},${t.ix}`)
			.join('rect')
			.attr('class', 'tap')
			.attr('x', (t) => t.ix)
			.attr('y', (t) => t.iy)
			.attr('width', 1)
			.attr('height', 1)
			.attr('fill', (t) => (t.inPadding ? `url(#${hatchId})` : TAP))
			.attr('fill-opacity', (t) => (t.inPadding ? 1 : 0.35))
			.attr('stroke', (t) => (t.inPadding ? PADDING_TAP : TAP))
			.attr('stroke-width', 1)
			.attr('vector-effect', 'non-scaling-stroke');

		if (state.taps.length === 0) {
			windowBox.attr('display', 'none');
			return;
		}
		let minY = Infinity;
		let minX = Infinity;
		let maxY = -Infinity;
		let maxX = -Infinity;
		for (const { iy, ix } of state.taps) {
			minY = Math.min(minY, iy);
			maxY = Math.max(maxY, iy);
			minX = Math.min(minX, ix);
			maxX = Math.max(maxX, ix);
		}
		windowBox
			.attr('display', null)
			.attr('x', minX)
			.attr('y', minY)
			.attr('width', maxX - minX + 1)
			.attr('height', maxY - minY + 1);
	};
}
