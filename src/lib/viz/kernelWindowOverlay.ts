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
const HALO = '#1a1a1a';
const BOX = 2; // CSS px of the orange line
const HALO_EDGE = 1; // CSS px of dark halo on each side of it
const TAP_CELL_MIN_PX = 8;
let overlayCount = 0;

/**
 * Overlay for an input-image canvas showing where one output pixel's kernel reads. The svg's
 * viewBox is the padded image in pixel units (see {@link paddedFrame}; put the canvas at its
 * `inset` inside the svg's box), padding is a dashed frame, and the window is OUTLINED, never
 * filled, so the pixels it reads stay visible: a dark halo under an orange line, drawn just
 * outside the window, reads on light and on dark images. Taps in the padding are grey-hatched;
 * taps on the image get a thin outline of their own once a pixel is big enough on screen to
 * hold one (≥ 8 CSS px), so dilation gaps show. Strokes keep their CSS width at any zoom.
 * `null` clears it.
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
	const windowHalo = content
		.append('rect')
		.attr('fill', 'none')
		.attr('stroke', HALO)
		.attr('stroke-opacity', 0.85)
		.attr('stroke-width', BOX + 2 * HALO_EDGE)
		.attr('vector-effect', 'non-scaling-stroke');
	const windowBox = content
		.append('rect')
		.attr('class', 'window')
		.attr('fill', 'none')
		.attr('stroke', TAP)
		.attr('stroke-width', BOX)
		.attr('vector-effect', 'non-scaling-stroke');

	return (state) => {
		if (!state) {
			content.attr('display', 'none');
			taps.selectAll('rect').remove();
			return;
		}
		const { imageWidth: w, imageHeight: h, padding } = state;
		const { viewBox } = paddedFrame(w, h, padding);
		// CSS px per image pixel, so the outline can sit outside the window, not on its pixels.
		const pxPerPixel = svg.getBoundingClientRect().width / viewBox[2] || 1;
		const showImageTaps = pxPerPixel >= TAP_CELL_MIN_PX;
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
			.data(
				state.taps.filter((t) => t.inPadding || showImageTaps),
				(t) => `${t.iy},${t.ix}`
			)
			.join('rect')
			.attr('class', 'tap')
			.attr('x', (t) => t.ix)
			.attr('y', (t) => t.iy)
			.attr('width', 1)
			.attr('height', 1)
			.attr('fill', (t) => (t.inPadding ? `url(#${hatchId})` : 'none'))
			.attr('stroke', (t) => (t.inPadding ? PADDING_TAP : TAP))
			.attr('stroke-width', 1)
			.attr('vector-effect', 'non-scaling-stroke');

		if (state.taps.length === 0) {
			windowBox.attr('display', 'none');
			windowHalo.attr('display', 'none');
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
		// Centre the lines half their width outside the window's edge.
		const out = (BOX / 2 + HALO_EDGE) / pxPerPixel;
		for (const box of [windowHalo, windowBox]) {
			box
				.attr('display', null)
				.attr('x', minX - out)
				.attr('y', minY - out)
				.attr('width', maxX - minX + 1 + 2 * out)
				.attr('height', maxY - minY + 1 + 2 * out);
		}
	};
}
