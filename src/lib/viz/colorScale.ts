import { interpolateRdBu, interpolateViridis, rgb } from 'd3';
import { assertMapChannel, type MapData } from '$lib/types/mapData';
import { contrastRatio } from './contrast';

export type ColorScaleKind = 'diverging' | 'sequential' | 'gray';

/** A colour scale: which ramp, and the data values [low, high] that map to its two ends. */
export interface ColorScaleSpec {
	kind: ColorScaleKind;
	domain: [number, number];
}

/** RGBA drawn for NaN: a half-transparent magenta that no ramp contains, so holes stand out. */
export const NAN_RGBA: readonly [number, number, number, number] = [255, 0, 255, 160];

// Relative to the largest magnitude: float32 round-off (e.g. -1e-9 next to 1) is not "signed data".
const SIGN_EPSILON = 1e-6;

/**
 * Picks the ramp and domain for data spanning [min, max].
 *
 * - Any clearly negative value (min < −1e-6·m, m = max(|min|, |max|)) → diverging with the
 *   symmetric domain [−m, m], so 0 is always the white centre and sign reads as hue. This also
 *   covers all-negative data, which a sequential ramp would show as if it were positive.
 * - Otherwise → sequential [min, max].
 * - Degenerate ranges are widened to include 0 (constant c > 0 → [0, c]; all zero → [0, 1]),
 *   so nothing downstream divides by zero.
 * - NaN and ±Infinity bounds carry no usable range and are ignored; if both are unusable the
 *   result is sequential [0, 1].
 */
export function chooseColorScale(min: number, max: number): ColorScaleSpec {
	let lo = Number.isFinite(min) ? min : NaN;
	let hi = Number.isFinite(max) ? max : NaN;
	if (Number.isNaN(lo) && Number.isNaN(hi)) return { kind: 'sequential', domain: [0, 1] };
	if (Number.isNaN(lo)) lo = hi;
	if (Number.isNaN(hi)) hi = lo;
	if (lo > hi) [lo, hi] = [hi, lo];
	const m = Math.max(Math.abs(lo), Math.abs(hi));
	if (m === 0) return { kind: 'sequential', domain: [0, 1] };
	if (lo < -SIGN_EPSILON * m) return { kind: 'diverging', domain: [-m, m] };
	if (lo === hi) return { kind: 'sequential', domain: [0, hi] };
	return { kind: 'sequential', domain: [lo, hi] };
}

const interpolators: Record<ColorScaleKind, (t: number) => string> = {
	// RdBu runs red→blue; reversed so negative is blue and positive is red, as in most papers.
	diverging: (t) => interpolateRdBu(1 - t),
	sequential: interpolateViridis,
	gray: (t) => {
		const v = Math.round(t * 255);
		return `rgb(${v}, ${v}, ${v})`;
	}
};

/*
 * High contrast (contrast=high, for a washed-out projector): the diverging ramp leaves white
 * faster. Its position u = 2t − 1 ∈ [−1, 1] goes through sign(u)·|u|^STEEP_GAMMA, so a response at
 * 5 % of the range is drawn at 22 % of the ramp's colour instead of near-white, while the sign
 * (hue), the order and both ends stay. (A CSS contrast filter did the opposite: it pushed those
 * weak responses to white.) Viridis and gray keep their ramps: they have no white centre.
 */
const STEEP_GAMMA = 0.5;
let steep = false;

/** Turn the steeper diverging ramp on or off; every colour drawn afterwards follows. */
export function setSteepColorScales(on: boolean): void {
	steep = on;
}

/** Whether colours are drawn with the steeper ramp (high contrast). */
export function steepColorScales(): boolean {
	return steep;
}

/** The ramp's position for t ∈ [0, 1], steepened around the diverging centre when asked. */
function rampPosition(kind: ColorScaleKind, t: number, steepened: boolean): number {
	if (!steepened || kind !== 'diverging') return t;
	const u = 2 * t - 1;
	// The two centre entries (127 and 128, where 0 lands) stay white.
	if (Math.abs(u) <= 1 / 255) return t;
	return 0.5 + 0.5 * Math.sign(u) * Math.abs(u) ** STEEP_GAMMA;
}

const lutCache = new Map<string, Uint8ClampedArray<ArrayBuffer>>();

function lutFor(kind: ColorScaleKind): Uint8ClampedArray<ArrayBuffer> {
	const key = `${kind}|${steep}`;
	let lut = lutCache.get(key);
	if (lut) return lut;
	const interpolate = interpolators[kind];
	if (!interpolate) throw new RangeError(`unknown colour scale kind '${kind}'`);
	lut = new Uint8ClampedArray(1024);
	for (let i = 0; i < 256; i++) {
		const c = rgb(interpolate(rampPosition(kind, i / 255, steep)));
		lut[4 * i] = c.r;
		lut[4 * i + 1] = c.g;
		lut[4 * i + 2] = c.b;
		lut[4 * i + 3] = 255;
	}
	lutCache.set(key, lut);
	return lut;
}

/**
 * 256-entry RGBA lookup table, length 1024: entry i is the ramp at t = i / 255.
 * diverging = reversed RdBu (blue < 0 < red, near-white between entries 127 and 128),
 * sequential = viridis, gray = black → white. Returns a fresh copy the caller may modify.
 */
export function colorLut(kind: ColorScaleKind): Uint8ClampedArray<ArrayBuffer> {
	return lutFor(kind).slice();
}

/** LUT entry for a value: round(t · 255) with t = (value − low) / (high − low) clamped to [0, 1]. */
function lutIndex(spec: ColorScaleSpec, value: number): number {
	const [d0, d1] = spec.domain;
	const scale = 255 / (d1 - d0);
	if (!(scale > 0 && scale < Infinity)) return value < d0 ? 0 : value > d1 ? 255 : 128;
	const t = (value - d0) * scale;
	return t <= 0 ? 0 : t >= 255 ? 255 : (t + 0.5) | 0;
}

/** CSS colour `rgb(r, g, b)` for a value, through the same LUT as {@link mapToRgba}. */
export function colorFor(spec: ColorScaleSpec, value: number): string {
	if (Number.isNaN(value)) return `rgba(${NAN_RGBA[0]}, ${NAN_RGBA[1]}, ${NAN_RGBA[2]}, 0.63)`;
	const lut = lutFor(spec.kind);
	const k = lutIndex(spec, value) * 4;
	return `rgb(${lut[k]}, ${lut[k + 1]}, ${lut[k + 2]})`;
}

/**
 * Colours channel `channel` of a [height, width, channels] map into an RGBA buffer
 * [height, width, 4] (row-major, ImageData layout). Values clamp to `spec.domain`
 * (±Infinity land on the ends); NaN becomes {@link NAN_RGBA}. A degenerate domain
 * (low ≥ high) maps values below / inside / above it to the first / middle / last entry.
 *
 * This is the per-frame hot path: one multiply and a table read per pixel, no allocation
 * when `out` (length height·width·4) is given, e.g. an ImageData's `data`.
 */
export function mapToRgba(
	map: MapData,
	channel: number,
	spec: ColorScaleSpec,
	out?: Uint8ClampedArray<ArrayBuffer>
): Uint8ClampedArray<ArrayBuffer> {
	assertMapChannel(map, channel);
	const n = map.height * map.width;
	if (out && out.length !== n * 4) {
		throw new RangeError(`out has length ${out.length}, expected ${n * 4} ([H, W, 4])`);
	}
	const rgba = out ?? new Uint8ClampedArray(n * 4);
	const lut = lutFor(spec.kind);
	const [d0, d1] = spec.domain;
	const scale = 255 / (d1 - d0);
	const degenerate = !(scale > 0 && scale < Infinity);
	const { data, channels } = map;
	const [nanR, nanG, nanB, nanA] = NAN_RGBA;
	for (let i = 0, src = channel, dst = 0; i < n; i++, src += channels, dst += 4) {
		const v = data[src];
		if (v !== v) {
			rgba[dst] = nanR;
			rgba[dst + 1] = nanG;
			rgba[dst + 2] = nanB;
			rgba[dst + 3] = nanA;
			continue;
		}
		let k: number;
		if (degenerate) {
			k = v < d0 ? 0 : v > d1 ? 1020 : 512;
		} else {
			const t = (v - d0) * scale;
			k = t <= 0 ? 0 : t >= 255 ? 1020 : ((t + 0.5) | 0) << 2;
		}
		rgba[dst] = lut[k];
		rgba[dst + 1] = lut[k + 1];
		rgba[dst + 2] = lut[k + 2];
		rgba[dst + 3] = 255;
	}
	return rgba;
}

/** '#000' or '#fff', whichever reads better on the CSS colour `background` (values on cells). */
export function textColorOn(background: string): string {
	// Whichever of black and white contrasts more (WCAG): mid-greys such as #787878 give white
	// only 4.4:1 but black 4.8:1, so a luma threshold alone fails small text.
	return contrastRatio('#000', background) >= contrastRatio('#fff', background) ? '#000' : '#fff';
}
