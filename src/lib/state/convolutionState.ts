/**
 * URL state of the convolution lab: which kernel, and the output-size knobs (k, stride, pad, dil)
 * that the lab's arithmetic explains. The image is the shell's (`img` in sharedState).
 */
import { boolField, enumField, intField, parseDecimal, parseInteger } from './fields';
import type { Field, StateOf } from './urlSchema';
import { KERNEL_PRESETS, type KernelPreset } from '$lib/engine/kernelPresets';

/** The kernel presets are the engine's; the URL accepts exactly those names. */
export const CONV_PRESETS = KERNEL_PRESETS;
export type ConvPreset = KernelPreset;

/** Largest custom kernel side, and largest |value| in one; beyond these nothing is learnt. */
export const KERNEL_SIZE_MAX = 11;
export const KERNEL_VALUE_MAX = 1000;
export const PAD_MAX = 32;

/** A named preset, or custom weights: `values` is [size, size], row-major. */
export type KernelSpec =
	{ kind: 'preset'; name: ConvPreset } | { kind: 'values'; size: number; values: number[] };

/** TensorFlow's 'valid' / 'same', or symmetric zero padding of p pixels. */
export type PaddingValue = 'valid' | 'same' | number;

const DEFAULT_KERNEL: KernelSpec = Object.freeze({ kind: 'preset', name: 'sobel-x' });
// 121 numbers of at most 64 characters each, plus commas.
const MAX_KERNEL_TEXT = KERNEL_SIZE_MAX ** 2 * 65;

/**
 * Custom kernel weights as URL text: comma-separated, row-major, each rounded to 4 significant
 * digits with trailing zeros dropped and -0 written as 0, e.g. [0.0625, -0, 1/3] → '0.0625,0,0.3333'.
 * The rounding keeps links short; parsing the text gives the rounded values back exactly.
 * Throws a RangeError on NaN or ±Infinity, which no valid kernel holds.
 */
export function formatKernelValues(values: ArrayLike<number>): string {
	const parts: string[] = [];
	for (let i = 0; i < values.length; i++) {
		const value = values[i];
		if (!Number.isFinite(value)) throw new RangeError(`kernel value ${value} is not finite`);
		// String() writes -0 as '0' and drops the trailing zeros toPrecision leaves.
		parts.push(String(Number(value.toPrecision(4))));
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

/** The lab's schema; a fresh object each call, so no caller can mutate another's fields. */
export function convolutionSchema(): ConvolutionSchema {
	return {
		kernel: kernelField(),
		k: intField(1, KERNEL_SIZE_MAX, 3),
		stride: intField(1, 4, 1),
		pad: paddingField(),
		dil: intField(1, 4, 1),
		mode: enumField(['gray', 'rgb'], 'gray'),
		clip: boolField(true)
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
