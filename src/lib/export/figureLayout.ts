/**
 * Where the parts of a feature-map figure go, in CSS px before the 2× (or any) scale: the
 * title on top, the map below it at the size it is shown (within MIN..MAX so a thumbnail still
 * makes a usable slide and a 4K view does not make a 40 MB file), the colour legend under the
 * map at the map's width, all inside a white margin. Pure, so it is tested without a canvas.
 */
export interface Rect {
	x: number;
	y: number;
	width: number;
	height: number;
}

export interface FigureLayout {
	/** the PNG's size in pixels (CSS layout × scale) */
	width: number;
	height: number;
	scale: number;
	/** the title's baseline and font size, in PNG pixels */
	title: { x: number; y: number; fontSize: number; maxWidth: number };
	map: Rect;
	legend: Rect;
}

export const FIGURE_MARGIN = 12;
export const TITLE_FONT = 16;
export const MIN_MAP_WIDTH = 256;
export const MAX_MAP_WIDTH = 1024;

export interface FigureInput {
	/** the map's own size, in map pixels */
	mapWidth: number;
	mapHeight: number;
	/** how wide the map is on screen, CSS px */
	shownWidth: number;
	/** the legend svg's own size, CSS px (it is drawn scaled to the map's width) */
	legendWidth: number;
	legendHeight: number;
	scale?: number;
}

export function figureLayout(input: FigureInput): FigureLayout {
	const scale = input.scale ?? 2;
	if (!(scale > 0)) throw new RangeError(`scale must be positive, got ${scale}`);
	if (!(input.mapWidth > 0 && input.mapHeight > 0))
		throw new RangeError(`the map is empty (${input.mapWidth}×${input.mapHeight})`);
	const mapWidth = Math.min(MAX_MAP_WIDTH, Math.max(MIN_MAP_WIDTH, input.shownWidth || 0));
	const mapHeight = (mapWidth * input.mapHeight) / input.mapWidth;
	const legendHeight =
		input.legendWidth > 0 ? (mapWidth * input.legendHeight) / input.legendWidth : 0;
	const titleBand = TITLE_FONT * 1.6;
	const m = FIGURE_MARGIN;
	const css = {
		width: mapWidth + 2 * m,
		height: m + titleBand + mapHeight + (legendHeight ? m / 2 + legendHeight : 0) + m
	};
	const px = (v: number) => Math.round(v * scale);
	return {
		width: px(css.width),
		height: px(css.height),
		scale,
		title: {
			x: px(m),
			y: px(m + TITLE_FONT * 1.1),
			fontSize: px(TITLE_FONT),
			maxWidth: px(mapWidth)
		},
		map: { x: px(m), y: px(m + titleBand), width: px(mapWidth), height: px(mapHeight) },
		legend: {
			x: px(m),
			y: px(m + titleBand + mapHeight + m / 2),
			width: px(mapWidth),
			height: px(legendHeight)
		}
	};
}
