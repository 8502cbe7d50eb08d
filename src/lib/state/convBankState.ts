/**
 * URL fields of a conv bank, shared by every lab that puts a small conv layer in front of its
 * experiment: `bank` (4–8 kernels), `bk` (their size), `relu` and `input` (luma or RGB summed).
 * A lab spreads `convBankFields()` into its own schema and calls `reconcileConvBank` after parsing.
 *
 *   ?bank=sobel-x,sobel-y,laplacian,box&bk=5&relu=false&input=rgb
 *
 * Entries are preset names or a custom kernel written as its n² values joined by '_'
 * (row-major): `bank=sobel-x,0_1_0_1_-4_1_0_1_0,box,gaussian`. '_' is one of the few characters
 * a query string carries unescaped, so custom entries stay readable in a copied link.
 */
import {
	presetKernel,
	PRESET_LABELS,
	KERNEL_PRESETS,
	type KernelPreset
} from '$lib/engine/kernelPresets';
import { resizeKernel } from '$lib/engine/resizeKernel';
import { boolField, enumField, intField, parseDecimal } from './fields';
import type { Field, StateOf } from './urlSchema';
import { formatKernelValues, KERNEL_SIZE_MAX, KERNEL_VALUE_MAX } from './convolutionState';

export const BANK_MIN = 4;
export const BANK_MAX = 8;

/** One slot of the bank: a preset at the bank's size, or custom weights [size, size] row-major. */
export type BankKernel =
	{ kind: 'preset'; name: KernelPreset } | { kind: 'values'; size: number; values: number[] };

export const DEFAULT_BANK: readonly BankKernel[] = Object.freeze(
	(['sobel-x', 'sobel-y', 'laplacian', 'box'] as const).map((name) =>
		Object.freeze({ kind: 'preset' as const, name })
	)
);

// 8 entries of 121 numbers of at most 64 characters each, plus separators.
const MAX_BANK_TEXT = BANK_MAX * KERNEL_SIZE_MAX ** 2 * 65;

function parseEntry(raw: string): BankKernel | undefined {
	const preset = KERNEL_PRESETS.find((name) => name === raw);
	if (preset) return { kind: 'preset', name: preset };
	const parts = raw.split('_');
	const size = Math.round(Math.sqrt(parts.length));
	if (size > KERNEL_SIZE_MAX || size * size !== parts.length) return undefined;
	const values: number[] = [];
	for (const part of parts) {
		const value = parseDecimal(part);
		if (value === undefined || Math.abs(value) > KERNEL_VALUE_MAX) return undefined;
		values.push(value);
	}
	return { kind: 'values', size, values };
}

function bankField(): Field<BankKernel[]> {
	return {
		default: DEFAULT_BANK as BankKernel[],
		parse(raw) {
			if (raw.length > MAX_BANK_TEXT) return undefined;
			const entries = raw.split(',');
			if (entries.length < BANK_MIN || entries.length > BANK_MAX) return undefined;
			const bank: BankKernel[] = [];
			for (const text of entries) {
				const entry = parseEntry(text);
				if (!entry) return undefined;
				bank.push(entry);
			}
			// One conv layer has one kernel size: custom entries must agree with each other.
			const sizes = new Set(bank.flatMap((e) => (e.kind === 'values' ? [e.size] : [])));
			return sizes.size <= 1 ? bank : undefined;
		},
		serialize: (bank) =>
			bank
				.map((e) =>
					e.kind === 'preset' ? e.name : formatKernelValues(e.values).replaceAll(',', '_')
				)
				.join(','),
		expected:
			`${BANK_MIN} to ${BANK_MAX} comma-separated kernels, each a preset (${KERNEL_PRESETS.join(', ')}) ` +
			`or n×n numbers joined by _ (all custom kernels the same n, 1 to ${KERNEL_SIZE_MAX}, ` +
			`each from -${KERNEL_VALUE_MAX} to ${KERNEL_VALUE_MAX})`
	};
}

// A type alias, not an interface: only aliases are assignable to Schema's index signature.
export type ConvBankSchema = {
	bank: Field<BankKernel[]>;
	/** kernel size of every slot */
	bk: Field<number>;
	relu: Field<boolean>;
	/** 'gray': the kernels read the luma; 'rgb': each kernel on R, G and B, summed */
	input: Field<'gray' | 'rgb'>;
};
export type ConvBankState = StateOf<ConvBankSchema>;
export const CONV_BANK_KEYS = ['bank', 'bk', 'relu', 'input'] as const;

/** The bank's fields, fresh each call: spread them into a lab's schema. */
export function convBankFields(): ConvBankSchema {
	return {
		bank: bankField(),
		bk: intField(1, KERNEL_SIZE_MAX, 3),
		relu: boolField(true),
		input: enumField(['gray', 'rgb'], 'gray')
	};
}

/**
 * Cross-field rule: custom weights fix the kernel size. If the bank's custom entries are n×n and
 * bk ≠ n, returns a copy with bk = n and appends a notice; otherwise returns `state` itself.
 */
export function reconcileConvBank<T extends ConvBankState>(state: T, notices: string[]): T {
	const custom = state.bank.find((e) => e.kind === 'values');
	if (!custom || custom.size === state.bk) return state;
	notices.push(
		`Changed bk=${state.bk} to bk=${custom.size} to match the ${custom.size}×${custom.size} kernel values in bank.`
	);
	return { ...state, bk: custom.size };
}

/**
 * The bank's kernels as the engine takes them: presets at size bk (a 'random' slot is seeded by
 * its position, so two random slots differ and a reload gives the same ones), custom values as given.
 */
export function bankKernels(bank: readonly BankKernel[], bk: number): Float32Array[] {
	return bank.map((e, slot) =>
		e.kind === 'preset' ? presetKernel(e.name, bk, slot + 1) : Float32Array.from(e.values)
	);
}

/** Human names per slot, numbered where two would read the same: 'Sobel x', 'Custom 2'. */
export function bankLabels(bank: readonly BankKernel[]): string[] {
	return bank.map((e, slot) =>
		e.kind === 'preset'
			? e.name === 'random'
				? `Random ${slot + 1}`
				: PRESET_LABELS[e.name]
			: `Custom ${slot + 1}`
	);
}

/** The bank at a new size: presets follow; custom weights keep their centre (see resizeKernel). */
export function resizeBank(bank: readonly BankKernel[], from: number, to: number): BankKernel[] {
	return bank.map((e) =>
		e.kind === 'values' ? { kind: 'values', size: to, values: resizeKernel(e.values, from, to) } : e
	);
}

/**
 * The `map` key of the labs with a bank: which map is shown large, counted from 1 like the maps'
 * labels ("Show map 1", "Kernel 1"). `map=0`, from a /pooling link made when that lab counted
 * from 0, is read too and moved to 1 by `reconcileShownMap`, with a notice.
 */
export function shownMapField(): Field<number> {
	const field = intField(0, BANK_MAX, 1);
	return { ...field, expected: `a map number from 1 to ${BANK_MAX}` };
}

/**
 * Cross-field rule for `map`: it must name one of the bank's maps (1 … bank length). 0 becomes
 * 1, and a map beyond the bank the last one, each with a notice; otherwise returns `state`.
 */
export function reconcileShownMap<T extends ConvBankState & { map: number }>(
	state: T,
	notices: string[]
): T {
	const count = state.bank.length;
	if (state.map >= 1 && state.map <= count) return state;
	const map = clampShownMap(state.map, count);
	notices.push(
		state.map === 0
			? `Changed map=0 to map=1: maps are counted from 1, as they are labelled.`
			: `Changed map=${state.map} to map=${map}: the conv layer has only ${count} maps (1 to ${count}).`
	);
	return { ...state, map };
}

/** `map` (1-based) onto a bank of `count` maps: 1 … count. */
export function clampShownMap(map: number, count: number): number {
	return Math.max(1, Math.min(count, map));
}

/**
 * The shown map after slot `removed` (1-based) left the bank, which now holds `remaining`:
 * the same kernel stays shown when it is still there (later maps move up one), and when the
 * shown one went, its successor (or the new last) takes its place.
 */
export function mapAfterRemoval(map: number, removed: number, remaining: number): number {
	return clampShownMap(removed < map ? map - 1 : map, remaining);
}
