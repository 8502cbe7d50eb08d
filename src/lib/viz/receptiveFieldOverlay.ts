import { select } from 'd3';
import type { PixelBox } from '$lib/engine/erfSummary';

export interface ReceptiveFieldOverlayState {
	imageWidth: number;
	imageHeight: number;
	/** margin (image pixels) shown around the image, where padding lies */
	margin: number;
	/** the unit's theoretical field in input pixels, unclipped: rows y0…y1, columns x0…x1 */
	field: PixelBox;
	/** the unit's centre in input pixels */
	centre: { y: number; x: number };
	/** centres of the layer's units along each axis, drawn as a faint grid of dots when not too dense */
	gridY: number[];
	gridX: number[];
}

const FIELD = '#e6550d';
let overlayCount = 0;

/**
 * Overlay for the input image: the theoretical receptive field of one unit — solid and tinted
 * where it covers the image, dashed where it runs into the zero padding beyond the border —
 * its centre, and the centres of the layer's other units. The svg's viewBox is the image plus
 * `margin` on each side, in image pixels; put the image canvas at the matching inset.
 */
export function receptiveFieldOverlay(
	svg: SVGSVGElement
): (state: ReceptiveFieldOverlayState | null) => void {
	const clipId = `convlab-rf-clip-${++overlayCount}`;
	select(svg).selectAll('*').remove();
	const root = select(svg).attr('preserveAspectRatio', 'none').attr('aria-hidden', 'true');
	const clip = root.append('defs').append('clipPath').attr('id', clipId).append('rect');
	// The layer's unit centres: ONE path of small circles. A circle element per unit (256 for
	// MobileNet's last layer at 512 px) cost the stack change's frame a style recalc and layout of
	// each, ~10 ms of a task the learner waits on.
	const grid = root
		.append('path')
		.attr('data-testid', 'rf-unit-grid')
		.attr('fill', '#ffffff')
		.attr('fill-opacity', 0.6);
	const outer = root
		.append('rect')
		.attr('data-testid', 'rf-box')
		.attr('fill', 'none')
		.attr('stroke', FIELD)
		.attr('stroke-width', 2)
		.attr('stroke-dasharray', '6 4')
		.attr('vector-effect', 'non-scaling-stroke');
	const inner = root
		.append('rect')
		.attr('data-testid', 'rf-box-visible')
		.attr('clip-path', `url(#${clipId})`)
		.attr('fill', FIELD)
		.attr('fill-opacity', 0.18)
		.attr('stroke', FIELD)
		.attr('stroke-width', 3)
		.attr('vector-effect', 'non-scaling-stroke');
	const centre = root
		.append('path')
		.attr('stroke', '#000')
		.attr('stroke-width', 2)
		.attr('vector-effect', 'non-scaling-stroke');

	return (state) => {
		root.attr('display', state ? null : 'none');
		if (!state) return;
		const { imageWidth: W, imageHeight: H, margin: m, field } = state;
		root.attr('viewBox', `${0 - m} ${0 - m} ${W + 2 * m} ${H + 2 * m}`);
		clip.attr('x', 0).attr('y', 0).attr('width', W).attr('height', H);
		// Pixel i covers [i − 0.5, i + 0.5] around its centre i; the canvas's pixel i spans [i, i + 1].
		const box = {
			x: field.x0,
			y: field.y0,
			width: field.x1 - field.x0 + 1,
			height: field.y1 - field.y0 + 1
		};
		for (const rect of [outer, inner]) {
			rect.attr('x', box.x).attr('y', box.y).attr('width', box.width).attr('height', box.height);
		}
		outer
			.attr('data-x0', field.x0)
			.attr('data-y0', field.y0)
			.attr('data-x1', field.x1)
			.attr('data-y1', field.y1);
		const visible = {
			x0: Math.max(0, field.x0),
			y0: Math.max(0, field.y0),
			x1: Math.min(W - 1, field.x1),
			y1: Math.min(H - 1, field.y1)
		};
		inner
			.attr('data-x0', visible.x0)
			.attr('data-y0', visible.y0)
			.attr('data-x1', visible.x1)
			.attr('data-y1', visible.y1);
		const cx = state.centre.x + 0.5;
		const cy = state.centre.y + 0.5;
		const arm = Math.max(2, Math.min(W, H) / 40);
		centre.attr('d', `M${cx - arm},${cy}H${cx + arm}M${cx},${cy - arm}V${cy + arm}`);
		// A grid denser than ~32 units a side hides the image instead of explaining it.
		const dense = state.gridX.length > 32 || state.gridY.length > 32;
		const dots = dense ? [] : state.gridY.flatMap((y) => state.gridX.map((x) => ({ y, x })));
		const r = Math.max(0.5, Math.min(W, H) / 400);
		// each dot: move to its left edge, then two half-circle arcs round its centre
		const circle = (d: { y: number; x: number }) =>
			`M${d.x + 0.5 - r},${d.y + 0.5}a${r},${r} 0 1,0 ${2 * r},0a${r},${r} 0 1,0 ${-2 * r},0`;
		grid.attr('d', dots.map(circle).join('') || null);
	};
}
