import * as tf from '@tensorflow/tfjs-core';

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

/** Shifts one axis (1 = rows, 2 = columns) of a [B, H, W, C] tensor by `by` positions. */
function shiftAxis(x: tf.Tensor4D, by: number, axis: 1 | 2, fill: ShiftFill): tf.Tensor4D {
	const n = x.shape[axis];
	if (by === 0 || n === 0) return x;
	if (fill === 'wrap') {
		const d = wrapIndex(by, n);
		if (d === 0) return x;
		// The last d positions come round to the front.
		const begin = [0, 0, 0, 0];
		const size = [-1, -1, -1, -1];
		begin[axis] = n - d;
		const tail = tf.slice(x, begin, size);
		const headSize = [-1, -1, -1, -1];
		headSize[axis] = n - d;
		const head = tf.slice(x, [0, 0, 0, 0], headSize);
		return tf.concat([tail, head], axis);
	}
	if (Math.abs(by) >= n) return tf.zerosLike(x);
	const keep = n - Math.abs(by);
	const begin = [0, 0, 0, 0];
	const size = [-1, -1, -1, -1];
	begin[axis] = by > 0 ? 0 : -by;
	size[axis] = keep;
	const kept = tf.slice(x, begin, size);
	const padding: [number, number][] = [
		[0, 0],
		[0, 0],
		[0, 0],
		[0, 0]
	];
	padding[axis] = by > 0 ? [by, 0] : [0, -by];
	return tf.pad(kept, padding);
}

/**
 * Translates every image of a batch: out[b][y][x] = in[b][y − dy][x − dx], so a positive dx
 * moves the content right and a positive dy moves it down. Positions that come from outside
 * the image are zero (`zero`) or taken modulo the size (`wrap`). Any integer shift of any sign
 * is allowed; with `zero`, shifting by the full size or more gives all zeros.
 * A TF.js op: call it inside `tf.tidy`. The result may be `x` itself when the shift is 0.
 * @param x [B, H, W, C]
 * @returns [B, H, W, C]
 */
export function shiftTensor(x: tf.Tensor4D, dx: number, dy: number, fill: ShiftFill): tf.Tensor4D {
	if (!Number.isInteger(dx) || !Number.isInteger(dy)) {
		throw new RangeError(`shifts must be whole pixels, got dx=${dx}, dy=${dy}`);
	}
	return shiftAxis(shiftAxis(x, dy, 1, fill), dx, 2, fill);
}

/**
 * The same translation on a plain [height, width, channels] array (for pictures drawn on the
 * main thread, e.g. the shifted RGB photo).
 * @param data [height, width, channels] row-major
 * @returns [height, width, channels] row-major
 */
export function shiftPixels(
	data: Float32Array,
	height: number,
	width: number,
	channels: number,
	dx: number,
	dy: number,
	fill: ShiftFill
): Float32Array {
	if (data.length !== height * width * channels) {
		throw new RangeError(`expected ${height}×${width}×${channels} values, got ${data.length}`);
	}
	const out = new Float32Array(data.length);
	for (let y = 0; y < height; y++) {
		let sy = y - dy;
		if (fill === 'wrap') sy = wrapIndex(sy, height);
		else if (sy < 0 || sy >= height) continue;
		for (let x = 0; x < width; x++) {
			let sx = x - dx;
			if (fill === 'wrap') sx = wrapIndex(sx, width);
			else if (sx < 0 || sx >= width) continue;
			const to = (y * width + x) * channels;
			const from = (sy * width + sx) * channels;
			for (let c = 0; c < channels; c++) out[to + c] = data[from + c];
		}
	}
	return out;
}
