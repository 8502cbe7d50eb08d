/**
 * What a chart last drew, kept so that the same figures handed over again (a page's derived
 * series, rebuilt as new arrays on every training message) do not redraw it. A copy, not the
 * object itself: a page may change an array in place and hand it over again.
 */

/** Arrays, typed arrays, plain objects and primitives; functions by identity. */
export type Drawn = unknown;

/** Marks data holding something whose changes cannot be seen from outside (a class instance). */
const OPAQUE: unique symbol = Symbol('opaque');

function isPlainObject(value: object): boolean {
	const proto = Object.getPrototypeOf(value);
	return proto === Object.prototype || proto === null;
}

function isTypedArray(value: object): value is ArrayLike<number> & { slice(): ArrayLike<number> } {
	return ArrayBuffer.isView(value) && !(value instanceof DataView);
}

/** A deep copy of `value`, or a marker that says it cannot be compared later. */
export function copyDrawn(value: unknown): Drawn {
	if (value === null || typeof value !== 'object') return value;
	if (isTypedArray(value)) return value.slice();
	if (Array.isArray(value)) {
		const copy: unknown[] = new Array(value.length);
		for (let i = 0; i < value.length; i++) {
			copy[i] = copyDrawn(value[i]);
			if (copy[i] === OPAQUE) return OPAQUE;
		}
		return copy;
	}
	if (!isPlainObject(value)) return OPAQUE;
	const copy: Record<string, unknown> = {};
	for (const [key, v] of Object.entries(value)) {
		copy[key] = copyDrawn(v);
		if (copy[key] === OPAQUE) return OPAQUE;
	}
	return copy;
}

/** Whether `value` holds the same figures as `drawn` (a {@link copyDrawn}); NaN equals NaN. */
export function sameAsDrawn(value: unknown, drawn: Drawn): boolean {
	if (drawn === OPAQUE) return false;
	if (value === null || typeof value !== 'object') return Object.is(value, drawn);
	if (drawn === null || typeof drawn !== 'object') return false;
	if (isTypedArray(value)) {
		if (!isTypedArray(drawn) || value.constructor !== drawn.constructor) return false;
		if (value.length !== drawn.length) return false;
		for (let i = 0; i < value.length; i++) if (!Object.is(value[i], drawn[i])) return false;
		return true;
	}
	if (Array.isArray(value)) {
		if (!Array.isArray(drawn) || value.length !== drawn.length) return false;
		for (let i = 0; i < value.length; i++) if (!sameAsDrawn(value[i], drawn[i])) return false;
		return true;
	}
	if (!isPlainObject(value) || Array.isArray(drawn) || isTypedArray(drawn)) return false;
	const keys = Object.keys(value);
	if (keys.length !== Object.keys(drawn).length) return false;
	const record = value as Record<string, unknown>;
	const old = drawn as Record<string, unknown>;
	return keys.every((key) => key in old && sameAsDrawn(record[key], old[key]));
}
