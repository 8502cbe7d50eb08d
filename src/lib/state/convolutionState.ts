/**
 * URL state of the convolution lab: which kernel, and the output-size knobs (k, stride, pad, dil)
 * that the lab's arithmetic explains. The image is the shell's (`img` in sharedState).
 */
import { boolField, enumField, intField, parseDecimal, parseInteger } from './fields';
import type { Field, StateOf } from './urlSchema';
import { KERNEL_PRESETS, type KernelPreset } from '$lib/engine/kernelPresets';
import type { Pixel } from '$lib/types/mapData';

/** The kernel presets are the engine's; the URL accepts exactly those names. */
export const CONV_PRESETS = KERNEL_PRESETS;
export type ConvPreset = KernelPreset;

/** Largest custom kernel side, and largest |value| in one; beyond these nothing is learnt. */
export const KERNEL_SIZE_MAX = 11;
export const KERNEL_VALUE_MAX = 1000;
export const PAD_MAX = 32;
/** Largest output row / column a pinned pixel may name: a 1024 px image, padded by 32, stride 1. */
export const PIXEL_MAX = 2047;

/** A named preset, or custom weights: `values` is [size, size], row-major. */
export type KernelSpec =
	{ kind: 'preset'; name: ConvPreset } | { kind: 'values'; size: number; values: number[] };

/** TensorFlow's 'valid' / 'same', or symmetric zero padding of p pixels. */
export type PaddingValue = 'valid' | 'same' | number;

const DEFAULT_KERNEL: KernelSpec = Object.freeze({ kind: 'preset', name: 'sobel-x' });
// 121 numbers of at most 64 characters each, plus commas.
const MAX_KERNEL_TEXT = KERNEL_SIZE_MAX ** 2 * 65;

/** Significant digits a custom kernel weight keeps in a link (a weight's effect is ±0.5 % at most). */
export const KERNEL_URL_DIGITS = 3;

/**
 * Custom kernel weights as URL text: comma-separated, row-major, each rounded to
 * KERNEL_URL_DIGITS significant digits with trailing zeros and the leading zero of a fraction
 * dropped, and -0 written as 0, e.g. [0.0625, -0, -1/3] → '.0625,0,-.333'. An 11×11 kernel is
 * 121 numbers: every character saved shrinks the QR code a room scans off the projector. Parsing
 * the text gives the rounded values back exactly, and writing them again gives the same text.
 * Throws a RangeError on NaN or ±Infinity, which no valid kernel holds.
 */
export function formatKernelValues(values: ArrayLike<number>): string {
	const parts: string[] = [];
	for (let i = 0; i < values.length; i++) {
		const value = values[i];
		if (!Number.isFinite(value)) throw new RangeError(`kernel value ${value} is not finite`);
		// String() writes -0 as '0' and drops the trailing zeros toPrecision leaves.
		const text = String(Number(value.toPrecision(KERNEL_URL_DIGITS)));
		parts.push(text.replace(/^(-?)0\./, '$1.'));
	}
	return parts.join(',');
}

function kernelField(): Field<KernelSpec> {
	return {
		default: DEFAULT_KERNEL,
		parse(raw) {
			const preset = CONV_PRESETS.find((name) => name === raw);
			if (preset) return { kind: 'preset', name: preset };
			if (raw.length > MAX_KERNEL_TEXT) return undefined;
			const parts = raw.split(',');
			const size = Math.round(Math.sqrt(parts.length));
			if (size > KERNEL_SIZE_MAX || size * size !== parts.length) return undefined;
			const values: number[] = [];
			for (const part of parts) {
				const value = parseDecimal(part);
				if (value === undefined || Math.abs(value) > KERNEL_VALUE_MAX) return undefined;
				values.push(value);
			}
			return { kind: 'values', size, values };
		},
		serialize: (kernel) =>
			kernel.kind === 'preset' ? kernel.name : formatKernelValues(kernel.values),
		expected:
			`a preset (${CONV_PRESETS.join(', ')}) or n×n comma-separated numbers in row-major ` +
			`order, n from 1 to ${KERNEL_SIZE_MAX}, each from -${KERNEL_VALUE_MAX} to ${KERNEL_VALUE_MAX}`
	};
}

function paddingField(): Field<PaddingValue> {
	return {
		default: 'same',
		parse(raw) {
			if (raw === 'valid' || raw === 'same') return raw;
			const pixels = parseInteger(raw);
			return pixels !== undefined && pixels >= 0 && pixels <= PAD_MAX ? pixels : undefined;
		},
		serialize: (pad) => String(pad),
		expected: `valid, same or an integer from 0 to ${PAD_MAX}`
	};
}

const PIXEL_TEXT = /^(0|[1-9]\d{0,3}),(0|[1-9]\d{0,3})$/;

/**
 * The pinned output pixel as `row,col` (e.g. `px=150,225`), or none (the map's centre is shown).
 * A pixel beyond a smaller map is clamped onto it by the page, not refused here: the map's
 * size depends on the image, which the URL does not fix.
 */
function pixelField(): Field<Pixel | null> {
	return {
		default: null,
		parse(raw) {
			const match = PIXEL_TEXT.exec(raw);
			if (!match) return undefined;
			const [y, x] = [Number(match[1]), Number(match[2])];
			return y <= PIXEL_MAX && x <= PIXEL_MAX ? { y, x } : undefined;
		},
		serialize: (pixel) => (pixel ? `${pixel.y},${pixel.x}` : ''),
		expected: `row,col: two integers from 0 to ${PIXEL_MAX}`
	};
}

/** The lab's schema; a fresh object each call, so no caller can mutate another's fields. */
export function convolutionSchema(): ConvolutionSchema {
	return {
		kernel: kernelField(),
		k: intField(1, KERNEL_SIZE_MAX, 3),
		stride: intField(1, 4, 1),
		pad: paddingField(),
		dil: intField(1, 4, 1),
		mode: enumField(['gray', 'rgb'], 'gray'),
		clip: boolField(true),
		view: enumField(['single', 'gradient'], 'single'),
		log: boolField(false),
		px: pixelField()
	};
}

// A type alias, not an interface: only aliases are assignable to Schema's index signature.
export type ConvolutionSchema = {
	kernel: Field<KernelSpec>;
	k: Field<number>;
	stride: Field<number>;
	pad: Field<PaddingValue>;
	dil: Field<number>;
	mode: Field<'gray' | 'rgb'>;
	/** colour range clipped to the 0.5–99.5 % quantiles, so a few extreme pixels do not wash out the map */
	clip: Field<boolean>;
	/** single: the kernel's map; gradient: the kernel and its transpose side by side, and √(gx² + gy²) */
	view: Field<'single' | 'gradient'>;
	/** the histogram's counts on a log scale */
	log: Field<boolean>;
	/** the pinned output pixel, whose dot product is shown */
	px: Field<Pixel | null>;
};
export type ConvolutionState = StateOf<ConvolutionSchema>;

/**
 * Cross-field rule: custom kernel values fix the size. If the kernel holds n² values and
 * k ≠ n, returns a copy with k = n and appends a notice to `notices`; otherwise returns
 * `state` itself.
 */
export function reconcileConvolutionState(
	state: ConvolutionState,
	notices: string[]
): ConvolutionState {
	const { kernel } = state;
	if (kernel.kind !== 'values' || kernel.size === state.k) return state;
	notices.push(
		`Changed k=${state.k} to k=${kernel.size} to match the ${kernel.size}×${kernel.size} kernel values.`
	);
	return { ...state, k: kernel.size };
}
