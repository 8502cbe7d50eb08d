/**
 * Field builders for URL schemas. Parsing is strict: only the text a field itself would write
 * (plus harmless variants such as '.5') is accepted, so a URL cannot smuggle in values that
 * mean something else in another parser ('0x10', '1e3' as an integer, ' 3', '+3').
 * Builders throw on a bad definition — that is a programmer error, caught by tests — while
 * `parse` never throws.
 */
import type { Field, RangedField } from './urlSchema';

const INTEGER = /^(?:0|-?[1-9]\d*)$/;
const DECIMAL = /^-?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$/;
// Longer text is never a value a person meant; refusing it early keeps parsing cheap.
const MAX_NUMBER_TEXT = 64;

/**
 * Strict decimal integer text → safe integer, else undefined. Accepts '0', '42', '-7';
 * rejects '-0', '007', '+3', '3.0', '1e3', ' 3', '0x10' and anything beyond ±2^53 − 1.
 */
export function parseInteger(raw: string): number | undefined {
	if (!INTEGER.test(raw)) return undefined;
	const value = Number(raw);
	return Number.isSafeInteger(value) ? value : undefined;
}

/**
 * Decimal number text → finite number, else undefined. Accepts '1', '-0.25', '.5', '1e-7',
 * '2.5E+3' (everything `String(number)` writes for finite numbers); rejects '', ' 1', '+1',
 * '0x10', 'NaN', 'Infinity', '1e309' (overflows) and text over 64 characters. '-0' reads as 0.
 */
export function parseDecimal(raw: string): number | undefined {
	if (raw.length > MAX_NUMBER_TEXT || !DECIMAL.test(raw)) return undefined;
	const value = Number(raw);
	if (!Number.isFinite(value)) return undefined;
	return value === 0 ? 0 : value;
}

/** An integer in [min, max]: `intField(1, 11, 3)` for a kernel size. */
export function intField(min: number, max: number, def: number): RangedField {
	if (!Number.isSafeInteger(min) || !Number.isSafeInteger(max) || min > max) {
		throw new RangeError(`intField: bad range [${min}, ${max}]`);
	}
	if (!Number.isSafeInteger(def) || def < min || def > max) {
		throw new RangeError(`intField: default ${def} is not an integer in [${min}, ${max}]`);
	}
	return {
		default: def,
		parse(raw) {
			const value = parseInteger(raw);
			return value !== undefined && value >= min && value <= max ? value : undefined;
		},
		serialize: (value) => String(value),
		expected: `an integer from ${min} to ${max}`,
		range: { min, max, integer: true }
	};
}

/** A finite number in [min, max], written in JavaScript's shortest round-trip form. */
export function numberField(min: number, max: number, def: number): RangedField {
	if (!Number.isFinite(min) || !Number.isFinite(max) || min > max) {
		throw new RangeError(`numberField: bad range [${min}, ${max}]`);
	}
	if (!Number.isFinite(def) || def < min || def > max) {
		throw new RangeError(`numberField: default ${def} is not in [${min}, ${max}]`);
	}
	return {
		default: def,
		parse(raw) {
			const value = parseDecimal(raw);
			return value !== undefined && value >= min && value <= max ? value : undefined;
		},
		serialize: (value) => String(value),
		expected: `a number from ${min} to ${max}`,
		range: { min, max, integer: false }
	};
}

/** An integer from a fixed set, e.g. working sizes `[128, 256, 512]`. */
export function intChoiceField<const T extends number>(values: readonly T[], def: T): Field<T> {
	if (values.length === 0 || !values.every((value) => Number.isSafeInteger(value))) {
		throw new RangeError(`intChoiceField: values must be integers, got [${values.join(', ')}]`);
	}
	if (!values.includes(def)) {
		throw new RangeError(`intChoiceField: default ${def} is not one of [${values.join(', ')}]`);
	}
	return {
		default: def,
		parse(raw) {
			const value = parseInteger(raw);
			return values.find((choice) => choice === value);
		},
		serialize: (value) => String(value),
		expected: `one of ${values.join(', ')}`
	};
}

/** One of a fixed list of names, matched exactly (case-sensitive): `enumField(['gray', 'rgb'], 'gray')`. */
export function enumField<const T extends string>(values: readonly T[], def: T): Field<T> {
	return choiceField(values, def, `one of ${values.join(', ')}`, 'enumField');
}

/**
 * A sample image id from the catalogue. Ids are passed in rather than imported so schemas stay
 * pure data; only listed ids pass, so the value is safe to build an asset path from.
 */
export function sampleField(ids: readonly string[], def: string): Field<string> {
	return choiceField(ids, def, `a sample id (${ids.join(', ')})`, 'sampleField');
}

/** An on/off switch written as 'true' or 'false'. */
export function boolField(def: boolean): Field<boolean> {
	return {
		default: def,
		parse: (raw) => (raw === 'true' ? true : raw === 'false' ? false : undefined),
		serialize: (value) => String(value),
		expected: 'true or false'
	};
}

function choiceField<T extends string>(
	values: readonly T[],
	def: T,
	expected: string,
	builder: string
): Field<T> {
	if (values.length === 0) throw new RangeError(`${builder}: no values`);
	if (!values.includes(def)) {
		throw new RangeError(`${builder}: default "${def}" is not one of [${values.join(', ')}]`);
	}
	return {
		default: def,
		// find, not an object lookup: 'constructor' or '__proto__' must not match anything.
		parse: (raw) => values.find((value) => value === raw),
		serialize: (value) => value,
		expected
	};
}
