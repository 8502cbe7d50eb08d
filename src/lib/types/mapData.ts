/** A stack of 2-D maps, row-major [height, width, channels] float32, e.g. a feature map. */
export interface MapData {
	data: Float32Array;
	height: number;
	width: number;
	channels: number;
}

/**
 * Throws a RangeError unless `map` is a consistent [height, width, channels] stack and
 * `channel` names one of its channels. Renderers call this so a wiring mistake fails loudly
 * instead of drawing garbage.
 */
export function assertMapChannel(map: MapData, channel: number): void {
	const { data, height, width, channels } = map;
	for (const [name, value] of [
		['height', height],
		['width', width],
		['channels', channels]
	] as const) {
		if (!Number.isInteger(value) || value < 0) {
			throw new RangeError(`MapData ${name} must be a non-negative integer, got ${value}`);
		}
	}
	if (data.length !== height * width * channels) {
		throw new RangeError(
			`MapData holds ${data.length} values but [${height}, ${width}, ${channels}] needs ${height * width * channels}`
		);
	}
	if (!Number.isInteger(channel) || channel < 0 || channel >= channels) {
		throw new RangeError(`channel ${channel} is outside [0, ${channels - 1}]`);
	}
}

/** One position in a map: row y, column x. */
export interface Pixel {
	y: number;
	x: number;
}
