import { expect } from 'vitest';
import { NOTICE_VALUE_MAX, parseState, type Schema, type StateOf } from '$lib/state/urlSchema';

/**
 * Query values no field of any lab may accept: markup, number edge cases, control and
 * bidi characters, huge strings, prototype names. Each lab's test adds its own near-misses.
 */
export const HOSTILE_QUERY_VALUES: readonly string[] = [
	'<script>alert(1)</script>',
	'"><img src=x onerror=alert(1)>',
	'javascript:alert(1)',
	'1e309',
	'NaN',
	'Infinity',
	'-Infinity',
	'99999999999999999999',
	'',
	' ',
	'\u0000',
	'x'.repeat(10_000),
	'9'.repeat(10_000),
	'日本語',
	'😀',
	'constructor',
	'__proto__'
];

/**
 * A notice for an ignored value must name the key, say what is accepted, and quote the raw
 * value only short (≤ NOTICE_VALUE_MAX characters, '…' when cut) and free of control or format
 * characters — whatever a hostile URL held. Shared by every lab's state tests.
 */
export function expectCleanNotice(notice: string, key: string, raw: string, expected: string) {
	const match = /^Ignored (\w+)="(.*)": expected (.*)\.$/su.exec(notice);
	expect(match?.[1]).toBe(key);
	expect(match?.[3]).toBe(expected);
	const quoted = match?.[2] ?? '';
	expect(Array.from(quoted).length).toBeLessThanOrEqual(NOTICE_VALUE_MAX);
	expect(quoted).not.toMatch(/[\p{Cc}\p{Cf}]/u);
	if (Array.from(raw).length > NOTICE_VALUE_MAX) {
		expect(quoted.endsWith('…')).toBe(true);
		expect(raw.startsWith(quoted.slice(0, -1))).toBe(true);
	}
}

/**
 * Every key of `schema`, given each hostile value alone, keeps `defaults` and gives exactly one
 * clean notice.
 */
export function expectHostileValuesIgnored<S extends Schema>(schema: S, defaults: StateOf<S>) {
	for (const key of Object.keys(schema)) {
		for (const raw of HOSTILE_QUERY_VALUES) {
			const parsed = parseState(schema, new URLSearchParams([[key, raw]]));
			expect(parsed.state).toEqual(defaults);
			expect(parsed.notices).toHaveLength(1);
			expectCleanNotice(parsed.notices[0], key, raw, schema[key].expected);
		}
	}
}
