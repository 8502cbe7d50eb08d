import { pooledLength, type PoolSettings } from './pooling';
import { finish } from './stepwise';

/**
 * How much a feature map changes when the image moves by a few pixels, with and without
 * pooling. The camera pans right by t px over the scene: a crop window slides over the conv
 * layer's map (computed once, on the whole image, so no border effect of the zero padding moves
 * with the crop), and for each t the cropped map A_t and its pooled map P(A_t) are compared with
 * those at t = 0, position by position:
 *
 *   change(t) = ‖A_t − A_0‖₂ / ‖A_0‖₂
 *
 * A conv layer is equivariant (its map moves with the image), so at the same positions its map
 * changes a lot even for t = 1; max-pooling keeps a window's answer while its winner stays inside
 * the window, so it changes less for shifts smaller than the window — and global pooling hardly
 * at all. Plain JS on the map the page has already read back: a few million compares, no tensors.
 */

export interface ShiftTolerance {
	/** 0, 1, …, maxShift */
	shifts: number[];
	/** relative change of the conv layer's map; NaN where A_0 is all zero */
	unpooled: number[];
	/** relative change of the pooled map, one list per pooling asked for */
	pooled: number[][];
	/** the crop the experiment ran on, [height, width] */
	crop: [number, number];
	/** its top-left corner in the map at shift 0, [y, x] */
	origin: [number, number];
}

export interface ShiftOptions {
	/** largest shift in px (default 8) */
	maxShift?: number;
	/** longest side of the central crop, to bound the cost (default 256) */
	cropSize?: number;
	/**
	 * px kept clear at every edge of the map (default 0). 'same' zero padding makes the strongest
	 * responses along the border, within a kernel's reach of it; a crop that holds them measures
	 * the padding, not the shift. The lab passes the kernel size plus the pooling window.
	 */
	margin?: number;
}

/**
 * Where the experiment's crop sits in a [height, width] map: centred in what the margin leaves,
 * with room for maxShift more columns to its right. Null when nothing is left.
 */
export function shiftCrop(
	height: number,
	width: number,
	options: ShiftOptions = {}
): { y0: number; x0: number; height: number; width: number } | null {
	const maxShift = options.maxShift ?? 8;
	const cropSize = options.cropSize ?? 256;
	const margin = options.margin ?? 0;
	const roomH = height - 2 * margin;
	const roomW = width - 2 * margin - maxShift;
	const cropH = Math.min(roomH, cropSize);
	const cropW = Math.min(roomW, cropSize);
	if (cropW < 1 || cropH < 1) return null;
	return {
		y0: margin + Math.floor((roomH - cropH) / 2),
		x0: margin + Math.floor((roomW - cropW) / 2),
		height: cropH,
		width: cropW
	};
}

interface Map3 {
	data: Float32Array;
	height: number;
	width: number;
	channels: number;
}

/**
 * @param map the conv layer's map [H, W, C] row-major (after ReLU, if the lab uses one)
 * @param pools the poolings to compare (e.g. the lab's and global max for reference)
 * @returns one value per shift; all NaN when the map is narrower than maxShift + 1 px
 */
export function shiftTolerance(
	map: Map3,
	pools: readonly PoolSettings[],
	options: ShiftOptions = {}
): ShiftTolerance {
	return finish(shiftToleranceSteps(map, pools, options));
}

/**
 * `shiftTolerance` in small steps: each `next()` does one pooled crop (or the un-pooled
 * comparison) and the last returns the result, so a page can spread the ~20 pooled crops over
 * several tasks and keep answering input (the experiment follows the main picture).
 */
export function* shiftToleranceSteps(
	map: Map3,
	pools: readonly PoolSettings[],
	options: ShiftOptions = {}
): Generator<void, ShiftTolerance, void> {
	const maxShift = options.maxShift ?? 8;
	const cropSize = options.cropSize ?? 256;
	const shifts = Array.from({ length: maxShift + 1 }, (_, t) => t);
	const place = shiftCrop(map.height, map.width, { ...options, maxShift, cropSize });
	if (!place) {
		const none = shifts.map(() => NaN);
		return {
			shifts,
			unpooled: none,
			pooled: pools.map(() => [...none]),
			crop: [0, 0],
			origin: [0, 0]
		};
	}
	const { y0, x0, height: cropH, width: cropW } = place;
	// Views, not copies: each crop is the map read from another origin.
	const crops = shifts.map((t): Crop => ({ map, y0, x0: x0 + t, height: cropH, width: cropW }));
	const unpooled = cropChanges(crops);
	const pooled: number[][] = [];
	for (const p of pools) {
		const values: Float32Array[] = [];
		for (const crop of crops) {
			yield;
			values.push(poolValues(crop, p));
		}
		pooled.push(relativeChanges(values));
	}
	return { shifts, unpooled, pooled, crop: [cropH, cropW], origin: [y0, x0] };
}

/** The [height, width] block of `map` whose top-left is (y0, x0). */
interface Crop {
	map: Map3;
	y0: number;
	x0: number;
	height: number;
	width: number;
}

/** ‖A_t − A_0‖ / ‖A_0‖ of the crops themselves, read in place (no copies: this runs per shift). */
function cropChanges(crops: Crop[]): number[] {
	const { map, height, width, y0 } = crops[0];
	const { data, channels } = map;
	const rowLength = width * channels;
	const base = crops[0].x0;
	const sums = crops.map((crop) => {
		let distance = 0;
		let norm = 0;
		for (let y = 0; y < height; y++) {
			const row = (y0 + y) * map.width * channels;
			const a = row + crop.x0 * channels;
			const b = row + base * channels;
			for (let i = 0; i < rowLength; i++) {
				const v = data[b + i];
				const d = data[a + i] - v;
				distance += d * d;
				norm += v * v;
			}
		}
		return { distance, norm };
	});
	return sums.map(({ distance, norm }) => Math.sqrt(distance) / Math.sqrt(norm));
}

/** Max or mean over each 'valid' window of the crop (or all of it for the global modes), all channels. */
function poolValues(crop: Crop, p: PoolSettings): Float32Array {
	const { map, height, width } = crop;
	const { data, channels } = map;
	const global = p.mode === 'gmax' || p.mode === 'gavg';
	const isMax = p.mode === 'max' || p.mode === 'gmax';
	const [sizeY, sizeX, step] = global ? [height, width, 0] : [p.size, p.size, p.stride];
	const outH = pooledLength(height, p);
	const outW = pooledLength(width, p);
	const out = new Float32Array(outH * outW * channels);
	const rowStride = map.width * channels;
	// Separate max and mean loops: this runs for every shift, and a branch per value costs.
	for (let oy = 0, o = 0; oy < outH; oy++)
		for (let ox = 0; ox < outW; ox++)
			for (let c = 0; c < channels; c++, o++) {
				const start = ((crop.y0 + oy * step) * map.width + crop.x0 + ox * step) * channels + c;
				let acc = isMax ? -Infinity : 0;
				for (let y = 0; y < sizeY; y++) {
					const row = start + y * rowStride;
					const end = row + sizeX * channels;
					if (isMax) {
						for (let i = row; i < end; i += channels) if (data[i] > acc) acc = data[i];
					} else {
						for (let i = row; i < end; i += channels) acc += data[i];
					}
				}
				out[o] = isMax ? acc : acc / (sizeY * sizeX);
			}
	return out;
}

/** ‖x_t − x_0‖ / ‖x_0‖ for each t (NaN when x_0 is all zero). */
function relativeChanges(values: Float32Array[]): number[] {
	const first = values[0];
	let norm = 0;
	for (let i = 0; i < first.length; i++) norm += first[i] * first[i];
	return values.map((x) => {
		let distance = 0;
		for (let i = 0; i < x.length; i++) {
			const d = x[i] - first[i];
			distance += d * d;
		}
		return Math.sqrt(distance) / Math.sqrt(norm);
	});
}
