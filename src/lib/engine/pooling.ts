import * as tf from '@tensorflow/tfjs-core';
import type { Pixel } from '$lib/types/mapData';

/**
 * Pooling after a conv layer: max or average over size×size windows moved by `stride`, or one
 * global max / average per channel. Windows are 'valid' (only whole windows, the last partial
 * row or column dropped), as PyTorch's and Keras's defaults.
 */

export const POOL_MODES = ['max', 'avg', 'gmax', 'gavg'] as const;
export type PoolMode = (typeof POOL_MODES)[number];

export interface PoolSettings {
	mode: PoolMode;
	/** window side, 2–4 (ignored by the global modes) */
	size: number;
	/** step between windows, 1–4 (ignored by the global modes) */
	stride: number;
}

export const POOL_LIMITS = { size: { min: 2, max: 4 }, stride: { min: 1, max: 4 } } as const;

export function isGlobal(mode: PoolMode): boolean {
	return mode === 'gmax' || mode === 'gavg';
}

function assertPool(p: PoolSettings): void {
	if (!POOL_MODES.includes(p.mode)) throw new RangeError(`unknown pool mode ${String(p.mode)}`);
	const { size, stride } = POOL_LIMITS;
	if (!Number.isInteger(p.size) || p.size < size.min || p.size > size.max) {
		throw new RangeError(`pool size must be an integer from 2 to 4, got ${String(p.size)}`);
	}
	if (!Number.isInteger(p.stride) || p.stride < stride.min || p.stride > stride.max) {
		throw new RangeError(`pool stride must be an integer from 1 to 4, got ${String(p.stride)}`);
	}
}

/**
 * Pooled length along one axis of length n: floor((n − size) / stride) + 1 whole windows, 0 when
 * not even one fits; global pooling gives 1 (0 for an empty axis).
 */
export function pooledLength(n: number, p: PoolSettings): number {
	if (isGlobal(p.mode)) return n > 0 ? 1 : 0;
	return n >= p.size ? Math.floor((n - p.size) / p.stride) + 1 : 0;
}

/** The input rectangle a pooled cell reads: rows y0…y0+height−1, columns x0…x0+width−1. */
export interface PoolWindow {
	y0: number;
	x0: number;
	height: number;
	width: number;
}

/** Window of pooled cell `cell` over a [height, width] map (the whole map for global modes). */
export function poolWindow(
	p: PoolSettings,
	cell: Pixel,
	height: number,
	width: number
): PoolWindow {
	if (isGlobal(p.mode)) return { y0: 0, x0: 0, height, width };
	return { y0: cell.y * p.stride, x0: cell.x * p.stride, height: p.size, width: p.size };
}

/**
 * Pools a feature map with TF.js (maxPool / avgPool, or max / mean over the spatial axes).
 * The caller owns the returned tensor; intermediates are tidied.
 * @param maps [H, W, C]
 * @returns [outH, outW, C] with out lengths from `pooledLength` (an empty tensor when no whole
 * window fits, e.g. a 1-pixel map)
 * @throws RangeError on a mode, size or stride outside the lab's ranges
 */
export function poolTensor(maps: tf.Tensor3D, p: PoolSettings): tf.Tensor3D {
	assertPool(p);
	const [height, width, channels] = maps.shape;
	const outH = pooledLength(height, p);
	const outW = pooledLength(width, p);
	if (outH === 0 || outW === 0) return tf.zeros([outH, outW, channels]);
	return tf.tidy(() => {
		if (p.mode === 'gmax') return tf.max(maps, [0, 1], true);
		if (p.mode === 'gavg') return tf.mean(maps, [0, 1], true);
		const pool = p.mode === 'max' ? tf.maxPool : tf.avgPool;
		return pool(maps, p.size, p.stride, 'valid');
	});
}

/** `poolTensor` on a batch: [B, H, W, C] → [B, outH, outW, C]. Call inside tf.tidy. */
export function poolBatch(maps: tf.Tensor4D, p: PoolSettings): tf.Tensor4D {
	assertPool(p);
	const [batch, height, width, channels] = maps.shape;
	const outH = pooledLength(height, p);
	const outW = pooledLength(width, p);
	if (outH === 0 || outW === 0) return tf.zeros([batch, outH, outW, channels]);
	if (p.mode === 'gmax') return tf.max(maps, [1, 2], true);
	if (p.mode === 'gavg') return tf.mean(maps, [1, 2], true);
	const pool = p.mode === 'max' ? tf.maxPool : tf.avgPool;
	return pool(maps, p.size, p.stride, 'valid');
}

/** Plain-array pooled map, [outH, outW, C] row-major (a MapData). */
export interface PooledMaps {
	data: Float32Array;
	height: number;
	width: number;
	channels: number;
}

/** `poolTensor`, read back with `await data()`; leaves no tensor behind. */
export async function pool(maps: tf.Tensor3D, p: PoolSettings): Promise<PooledMaps> {
	const pooled = poolTensor(maps, p);
	try {
		const [height, width, channels] = pooled.shape;
		return { data: await pooled.data<'float32'>(), height, width, channels };
	} finally {
		pooled.dispose();
	}
}

/**
 * Which input position won each max-pooling window of one channel: winners[oy·outW + ox] is the
 * flat index y·W + x of the window's largest value. Ties go to the first position in row-major
 * order (the first one a scan meets); NaNs never win, and an all-NaN window reports −1.
 * Global max (`gmax`) gives one winner, over the whole map; 'avg' and 'gavg' have no winner and
 * throw.
 * Computed in plain JS on the map the page has already read back: TF.js 4.22 registers
 * maxPoolWithArgmax on cpu, webgl and wasm, but only for 4-D input, and ties follow each backend's
 * kernel, so two backends could mark different winners for the same map. One scan of the channel
 * shown is cheap (size² compares per cell) and the same everywhere.
 * @param map [H, W, C] row-major
 * @returns Int32Array [outH, outW]
 */
export function poolWinners(
	map: { data: Float32Array; height: number; width: number; channels: number },
	p: PoolSettings,
	channel: number
): Int32Array {
	assertPool(p);
	if (p.mode !== 'max' && p.mode !== 'gmax') {
		throw new RangeError(`${p.mode} pooling has no winning position`);
	}
	const { data, height, width, channels } = map;
	if (!Number.isInteger(channel) || channel < 0 || channel >= channels) {
		throw new RangeError(`channel ${channel} is outside [0, ${channels - 1}]`);
	}
	const outH = pooledLength(height, p);
	const outW = pooledLength(width, p);
	const [sizeY, sizeX, step] = p.mode === 'gmax' ? [height, width, 0] : [p.size, p.size, p.stride];
	const winners = new Int32Array(outH * outW);
	for (let oy = 0, cell = 0; oy < outH; oy++) {
		for (let ox = 0; ox < outW; ox++, cell++) {
			let best = -Infinity;
			let at = -1;
			for (let y = oy * step; y < oy * step + sizeY; y++) {
				let i = (y * width + ox * step) * channels + channel;
				for (let x = ox * step; x < ox * step + sizeX; x++, i += channels) {
					const v = data[i];
					// Strictly greater keeps the first of equal values; NaN compares false.
					if (v > best || (at < 0 && v === -Infinity)) {
						best = v;
						at = y * width + x;
					}
				}
			}
			winners[cell] = at;
		}
	}
	return winners;
}
