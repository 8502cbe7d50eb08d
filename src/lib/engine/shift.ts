/**
 * What enters from the edge when an image moves: zeros (a camera panning over a black
 * background) or the pixels that left on the other side (the image on a torus, so nothing is
 * lost and a shift is exactly undone by the opposite shift).
 */
export type ShiftFill = 'zero' | 'wrap';

/** ((value mod n) + n) mod n: a wrap-around index for any sign. */
function wrapIndex(value: number, n: number): number {
	return ((value % n) + n) % n;
}

/**
 * Translates an image: out[y][x] = in[y − dy][x − dx], so a positive dx moves the content right
 * and a positive dy moves it down. Positions that come from outside the image are zero (`zero`)
 * or taken modulo the size (`wrap`); any integer shift of any sign is allowed. Done on a plain
 * [height, width, channels] array by row copies: on the WASM
 * backend TF.js's slice, pad and concat along the width cost ~100 ms on a 512² image, a typed
 * array copy well under 1 ms. The labs shift on the CPU and upload the result once.
 * @param data [height, width, channels] row-major
 * @param out where to write (a fresh array if omitted); must not be `data`
 * @returns [height, width, channels] row-major (`out`)
 */
export function shiftPixels(
	data: Float32Array,
	height: number,
	width: number,
	channels: number,
	dx: number,
	dy: number,
	fill: ShiftFill,
	out: Float32Array = new Float32Array(data.length)
): Float32Array {
	if (data.length !== height * width * channels || out.length !== data.length) {
		throw new RangeError(`expected ${height}×${width}×${channels} values, got ${data.length}`);
	}
	if (!Number.isInteger(dx) || !Number.isInteger(dy)) {
		throw new RangeError(`shifts must be whole pixels, got dx=${dx}, dy=${dy}`);
	}
	const rowLength = width * channels;
	for (let y = 0; y < height; y++) {
		const target = out.subarray(y * rowLength, (y + 1) * rowLength);
		let sy = y - dy;
		if (fill === 'wrap') sy = wrapIndex(sy, height);
		else if (sy < 0 || sy >= height) {
			target.fill(0);
			continue;
		}
		const source = data.subarray(sy * rowLength, (sy + 1) * rowLength);
		if (fill === 'wrap') {
			// out x = (sx + d) mod width: the last d columns come round to the front.
			const d = wrapIndex(dx, width) * channels;
			target.set(source.subarray(rowLength - d), 0);
			target.set(source.subarray(0, rowLength - d), d);
		} else if (Math.abs(dx) >= width) {
			target.fill(0);
		} else if (dx >= 0) {
			target.fill(0, 0, dx * channels);
			target.set(source.subarray(0, rowLength - dx * channels), dx * channels);
		} else {
			target.set(source.subarray(-dx * channels), 0);
			target.fill(0, rowLength + dx * channels);
		}
	}
	return out;
}
