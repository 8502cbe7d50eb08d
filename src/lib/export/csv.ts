import { assertMapChannel, type MapData } from '$lib/types/mapData';

/** A value with at most 6 significant digits and no trailing zeros: 0.1 (not 0.100000001), 0, -2.5. */
function cellText(value: number): string {
	// toPrecision alone would write 0 as "0.00000" and 1e6 as "1.00000e+6"; Number() normalizes.
	return String(Number(value.toPrecision(6)));
}

/**
 * Channel `channel` of a [height, width, channels] map as CSV text: one line per image row,
 * values separated by commas, each with up to 6 significant digits; every line ends in '\n'.
 * NaN and ±Infinity are written NaN, Infinity, -Infinity (which NumPy and pandas read back).
 */
export function channelToCsv(map: MapData, channel: number): string {
	assertMapChannel(map, channel);
	const { data, height, width, channels } = map;
	const lines: string[] = [];
	const row: string[] = new Array(width);
	for (let y = 0; y < height; y++) {
		for (let x = 0; x < width; x++) row[x] = cellText(data[(y * width + x) * channels + channel]);
		lines.push(row.join(','));
	}
	return lines.map((line) => `${line}\n`).join('');
}
