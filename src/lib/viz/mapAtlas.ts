/**
 * Every channel of one layer's output on ONE canvas: a grid of tiles, each channel enlarged by an
 * integer factor (so a 3×3 map and a 28×28 map both read as pictures) with a gap between tiles.
 * One ImageData and one putImageData per layer instead of one canvas per map keeps a whole
 * network's few hundred maps inside a frame. Pure layout and painting (no DOM) plus hit testing,
 * so the lab can turn a click into (channel, row, column).
 */
import { paintMap } from './heatmap';
import type { ColorScaleSpec } from './colorScale';
import type { MapData } from '$lib/types/mapData';

export interface AtlasLayout {
	columns: number;
	rows: number;
	/** canvas pixels per map pixel */
	scale: number;
	/** one tile on the canvas, in canvas pixels (map side × scale) */
	tileWidth: number;
	tileHeight: number;
	gap: number;
	/** the whole canvas */
	width: number;
	height: number;
	/** the map's own size */
	mapHeight: number;
	mapWidth: number;
	channels: number;
}

/**
 * Columns for `channels` tiles with at most `maxColumns` per row: a divisor of the channel count
 * when one fills at least half the row (16 channels in 8 columns, not 6 + 6 + 4), else the maximum.
 */
export function atlasColumns(channels: number, maxColumns: number): number {
	const most = Math.max(1, Math.min(channels, maxColumns));
	for (let c = most; c >= Math.ceil(most / 2); c--) if (channels % c === 0) return c;
	return most;
}

/**
 * Layout for a [mapHeight, mapWidth, channels] layer: each tile at least `minTile` canvas pixels
 * on its longer side (integer enlargement), `gap` canvas pixels between tiles.
 */
export function atlasLayout(
	mapHeight: number,
	mapWidth: number,
	channels: number,
	columns: number,
	minTile = 32,
	gap = 2
): AtlasLayout {
	const side = Math.max(1, mapHeight, mapWidth);
	const scale = Math.max(1, Math.ceil(minTile / side));
	const cols = Math.max(1, Math.min(columns, channels));
	const rows = Math.max(1, Math.ceil(channels / cols));
	const tileWidth = mapWidth * scale;
	const tileHeight = mapHeight * scale;
	return {
		columns: cols,
		rows,
		scale,
		tileWidth,
		tileHeight,
		gap,
		width: cols * tileWidth + (cols - 1) * gap,
		height: rows * tileHeight + (rows - 1) * gap,
		mapHeight,
		mapWidth,
		channels
	};
}

/** Top-left canvas pixel of channel c's tile. */
export function tileOrigin(layout: AtlasLayout, channel: number): { x: number; y: number } {
	const col = channel % layout.columns;
	const row = Math.floor(channel / layout.columns);
	return { x: col * (layout.tileWidth + layout.gap), y: row * (layout.tileHeight + layout.gap) };
}

/** The unit under canvas pixel (px, py), or null in a gap or past the last tile. */
export function atlasUnit(
	layout: AtlasLayout,
	px: number,
	py: number
): { channel: number; y: number; x: number } | null {
	const col = Math.floor(px / (layout.tileWidth + layout.gap));
	const row = Math.floor(py / (layout.tileHeight + layout.gap));
	if (col < 0 || row < 0 || col >= layout.columns || row >= layout.rows) return null;
	const ox = px - col * (layout.tileWidth + layout.gap);
	const oy = py - row * (layout.tileHeight + layout.gap);
	if (ox >= layout.tileWidth || oy >= layout.tileHeight) return null;
	const channel = row * layout.columns + col;
	if (channel >= layout.channels) return null;
	return { channel, y: Math.floor(oy / layout.scale), x: Math.floor(ox / layout.scale) };
}

/**
 * Paints every channel of `map` into `pixels` (a Uint32 view of the atlas's ImageData, length
 * width × height), each channel with `specs[c]` (one shared spec or one per channel); gaps get
 * `background` (a packed RGBA pixel).
 */
export function paintAtlas(
	map: MapData,
	specs: ColorScaleSpec | readonly ColorScaleSpec[],
	layout: AtlasLayout,
	pixels: Uint32Array,
	background: number
): void {
	if (pixels.length !== layout.width * layout.height) {
		throw new RangeError(
			`pixels has length ${pixels.length}, expected ${layout.width * layout.height}`
		);
	}
	pixels.fill(background);
	const { mapHeight: h, mapWidth: w, scale } = layout;
	const tile = new Uint32Array(h * w);
	for (let c = 0; c < map.channels; c++) {
		paintMap(map, c, Array.isArray(specs) ? specs[c] : (specs as ColorScaleSpec), tile);
		const origin = tileOrigin(layout, c);
		for (let y = 0; y < h; y++) {
			const src = y * w;
			for (let dy = 0; dy < scale; dy++) {
				let dst = (origin.y + y * scale + dy) * layout.width + origin.x;
				if (scale === 1) {
					pixels.set(tile.subarray(src, src + w), dst);
					continue;
				}
				for (let x = 0; x < w; x++) {
					const colour = tile[src + x];
					for (let dx = 0; dx < scale; dx++) pixels[dst++] = colour;
				}
			}
		}
	}
}
