/**
 * What the layer after pooling pays: a k×k convolution ('same' padding, stride 1) from
 * `channelsIn` to `channelsOut` channels does k²·channelsIn multiply-adds for every output value,
 * so its cost is proportional to the area of the map it reads. Pooling by s×s divides that
 * area — and the cost — by about s².
 */

/** Multiply-adds of a k×k 'same' conv over a [height, width, channelsIn] map to channelsOut channels. */
export function nextConvMacs(
	height: number,
	width: number,
	channelsIn: number,
	channelsOut: number,
	k = 3
): number {
	return height * width * channelsOut * k * k * channelsIn;
}

/** Values in a [height, width, channels] feature map: what the next layer reads and memory holds. */
export function mapValues(height: number, width: number, channels: number): number {
	return height * width * channels;
}
