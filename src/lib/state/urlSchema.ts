/**
 * Typed URL state: one schema per lab drives parse, validate and serialize, so a copied URL
 * reproduces the screen and a hand-edited one can never break it.
 */

/** One query parameter: its default, how to read it from text, how to write it back. */
export interface Field<T> {
	default: T;
	/** raw query value → value, or undefined if invalid (never throws) */
	parse(raw: string): T | undefined;
	/** text that `parse` reads back to an equal value */
	serialize(value: T): string;
	/** human text of what is accepted, for notices: 'an integer from 1 to 11' */
	expected: string;
}

/** The numbers a numeric field reads: [min, max], whole numbers only where `integer`. */
export interface NumberRange {
	min: number;
	max: number;
	integer: boolean;
}

/** A numeric field that says its range (intField, numberField): what a number box clamps to. */
export interface RangedField extends Field<number> {
	range: NumberRange;
}

// Method syntax in Field keeps `serialize` bivariant, so a Field<number> is a Field<unknown>.
export type Schema = Record<string, Field<unknown>>;

export type StateOf<S> = { [K in keyof S]: S[K] extends Field<infer T> ? T : never };

export interface ParseResult<S> {
	state: StateOf<S>;
	/** plain text for the user, one sentence each; render as text, never as HTML */
	notices: string[];
}

/** Raw text in notices is cut to this many characters, ellipsis included. */
export const NOTICE_VALUE_MAX = 40;
/** A URL stuffed with junk keys gets this many individual notices, then one summary. */
export const UNKNOWN_NOTICE_MAX = 5;

/**
 * Read every schema key from `params`. Never throws.
 * - missing key → default, silently;
 * - invalid value → default and `Ignored stride="abc": expected an integer from 1 to 4.`;
 * - repeated key → the last occurrence wins (a value appended by hand to a copied URL is the
 *   one the person meant), with a notice that earlier ones were dropped;
 * - unknown key → `Ignored unknown setting "foo".`, unless listed in `allowUnknown` (the keys
 *   of other schemas sharing the URL, such as the shell's).
 * Raw text quoted in notices has control and format characters replaced by U+FFFD and is cut to
 * NOTICE_VALUE_MAX characters ending in '…'.
 */
export function parseState<S extends Schema>(
	schema: S,
	params: URLSearchParams,
	allowUnknown: readonly string[] = []
): ParseResult<S> {
	const state: Record<string, unknown> = {};
	const notices: string[] = [];
	for (const key of Object.keys(schema)) {
		const field = schema[key];
		const raws = params.getAll(key);
		state[key] = field.default;
		if (raws.length === 0) continue;
		if (raws.length > 1) {
			notices.push(`Setting "${key}" was given ${raws.length} times; only the last one is used.`);
		}
		const raw = raws[raws.length - 1];
		const value = field.parse(raw);
		if (value === undefined) {
			notices.push(`Ignored ${key}="${forNotice(raw)}": expected ${field.expected}.`);
		} else {
			state[key] = value;
		}
	}
	const unknown = [...new Set(params.keys())].filter(
		(key) => !Object.hasOwn(schema, key) && !allowUnknown.includes(key)
	);
	for (const key of unknown.slice(0, UNKNOWN_NOTICE_MAX)) {
		notices.push(`Ignored unknown setting "${forNotice(key)}".`);
	}
	if (unknown.length > UNKNOWN_NOTICE_MAX) {
		notices.push(`Ignored ${unknown.length - UNKNOWN_NOTICE_MAX} more unknown settings.`);
	}
	return { state: state as StateOf<S>, notices };
}

/** At most this many notices show at once; the rest are counted in one last line. */
export const NOTICES_SHOWN_MAX = 5;

/** `notices` as shown: the first `max`, then "…and N more." when there are more. */
export function capNotices(notices: readonly string[], max = NOTICES_SHOWN_MAX): string[] {
	if (notices.length <= max) return [...notices];
	const more = notices.length - max;
	return [...notices.slice(0, max), `…and ${more} more.`];
}

/**
 * Only values that differ from their default, in schema key order, so URLs stay short and
 * the same state always gives the same URL. Values are compared by their serialized text,
 * which also works for object-valued fields.
 */
export function serializeState<S extends Schema>(schema: S, state: StateOf<S>): URLSearchParams {
	const params = new URLSearchParams();
	const values = state as Record<string, unknown>;
	for (const key of Object.keys(schema)) {
		const field = schema[key];
		const text = field.serialize(values[key]);
		if (text !== field.serialize(field.default)) params.set(key, text);
	}
	return params;
}

/** Every field at its default: the screen an empty query string gives. */
export function defaultState<S extends Schema>(schema: S): StateOf<S> {
	const state: Record<string, unknown> = {};
	for (const key of Object.keys(schema)) state[key] = schema[key].default;
	return state as StateOf<S>;
}

// Control, format (bidi overrides, zero-width) and separator characters could hide or reorder
// the text around them, and lone surrogates are not text at all. Each run of them shows as one
// U+FFFD rather than vanishing, so 'stride=%003' is not reported as the valid-looking "3".
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]+/gu;

/** Raw query text made safe to quote in a sentence: visible characters only, at most 40. */
function forNotice(raw: string): string {
	// Cap before the regex so a megabyte of junk costs nothing.
	const cap = NOTICE_VALUE_MAX * 64;
	const chars = Array.from(raw.slice(0, cap).replace(INVISIBLE, '\uFFFD'));
	if (chars.length <= NOTICE_VALUE_MAX && raw.length <= cap) return chars.join('');
	return chars.slice(0, NOTICE_VALUE_MAX - 1).join('') + '…';
}
