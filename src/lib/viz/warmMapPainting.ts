/**
 * Runs the drawing path of a network's maps — colour ranges, colour tables, atlas painting — on a
 * small made-up layer into a scratch buffer, nothing drawn. A page calls it while it waits for
 * its first picture, so that picture does not also pay for building the colour tables (d3's
 * interpolators, 256 entries per scale) and for running this code for the first time (the
 * engine compiles a function only after its first calls run slowly): on /network both were a
 * large part of an upload's first picture.
 */
import { layerColorRanges, COLOR_RANGE_MODES } from './layerColorRanges';
import { atlasLayout, paintAtlas } from './mapAtlas';
import type { MapData } from '$lib/types/mapData';

export function warmMapPainting(): void {
	const side = 14;
	const channels = 8;
	const signed = Float32Array.from({ length: side * side * channels }, (_, i) => Math.sin(i));
	// signed values take the diverging scale; non-negative ones (after a ReLU) the sequential one
	const layers: MapData[] = [signed, signed.map((v) => Math.max(0, v))].map((data) => ({
		data,
		height: side,
		width: side,
		channels
	}));
	const layout = atlasLayout(side, side, channels, 4);
	const pixels = new Uint32Array(layout.width * layout.height);
	for (const mode of COLOR_RANGE_MODES) {
		const specs = layerColorRanges(layers, mode);
		layers.forEach((map, i) => paintAtlas(map, specs[i], layout, pixels, 0));
	}
}
