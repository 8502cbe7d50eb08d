import { BASE_REM_PX, remScaled } from './rootFont';

/** What a chart is drawn for: the room it has and the page's type size (projector mode raises it). */
export interface ChartSize {
	/** the chart's box width in CSS px */
	width: number;
	/** what chart text's 1rem stands for, in px (16 normally; more in projector mode) */
	rootPx: number;
	/**
	 * rootPx / 16: how much a chart designed for a 16 px root must grow. A chart with fixed px
	 * sizes is drawn at width / scale and enlarged by its viewBox ("scaled" in ChartShell).
	 */
	scale: number;
	/** a size designed for a 16 px root, in px at this root: rem(11) is 11 normally */
	rem: (px: number) => number;
}

export function chartSize(width: number, rootPx: number): ChartSize {
	return { width, rootPx, scale: rootPx / BASE_REM_PX, rem: (px) => remScaled(px, rootPx) };
}
