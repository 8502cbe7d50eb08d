import { describe, it, expect, expectTypeOf } from 'vitest';
import {
	capNotices,
	NOTICES_SHOWN_MAX,
	defaultState,
	NOTICE_VALUE_MAX,
	parseState,
	serializeState,
	type Field,
	type StateOf
} from '$lib/state/urlSchema';

// Hand-made fields, so these tests exercise only the schema machinery.
const digit = (def: number): Field<number> => ({
	default: def,
	parse: (raw) => (/^[0-9]$/.test(raw) ? Number(raw) : undefined),
	serialize: (value) => String(value),
	expected: 'a digit'
});
const colour: Field<'red' | 'blue'> = {
	default: 'red',
	parse: (raw) => (raw === 'red' || raw === 'blue' ? raw : undefined),
	serialize: (value) => value,
	expected: 'red or blue'
};
// Object-valued, so "is it the default?" cannot be answered with ===.
const point: Field<{ x: number; y: number }> = {
	default: { x: 0, y: 0 },
	parse(raw) {
		const match = /^(\d)_(\d)$/.exec(raw);
		return match ? { x: Number(match[1]), y: Number(match[2]) } : undefined;
	},
	serialize: (value) => `${value.x}_${value.y}`,
	expected: 'x_y'
};

const schema = { a: digit(1), b: digit(2), colour, point };

const query = (text: string) => new URLSearchParams(text);

describe('defaultState', () => {
	it('holds every default', () => {
		expect(defaultState(schema)).toEqual({ a: 1, b: 2, colour: 'red', point: { x: 0, y: 0 } });
	});

	it('is typed from the schema', () => {
		expectTypeOf(defaultState(schema)).toEqualTypeOf<{
			a: number;
			b: number;
			colour: 'red' | 'blue';
			point: { x: number; y: number };
		}>();
		expectTypeOf(parseState(schema, query('')).state.colour).toEqualTypeOf<'red' | 'blue'>();
	});
});

describe('parseState', () => {
	it.each([
		['', { a: 1, b: 2, colour: 'red', point: { x: 0, y: 0 } }],
		['a=7', { a: 7, b: 2, colour: 'red', point: { x: 0, y: 0 } }],
		['b=0&colour=blue', { a: 1, b: 0, colour: 'blue', point: { x: 0, y: 0 } }],
		['point=3_4&a=9', { a: 9, b: 2, colour: 'red', point: { x: 3, y: 4 } }],
		['?a=5', { a: 5, b: 2, colour: 'red', point: { x: 0, y: 0 } }]
	])('reads %j with no notices', (text, expected) => {
		expect(parseState(schema, query(text))).toEqual({ state: expected, notices: [] });
	});

	it.each([
		['a=x', { a: 1 }, ['Ignored a="x": expected a digit.']],
		[
			'a=10&b=',
			{ a: 1, b: 2 },
			['Ignored a="10": expected a digit.', 'Ignored b="": expected a digit.']
		],
		['colour=green', { colour: 'red' }, ['Ignored colour="green": expected red or blue.']],
		['point=3_', { point: { x: 0, y: 0 } }, ['Ignored point="3_": expected x_y.']],
		['a=1+2', { a: 1 }, ['Ignored a="1 2": expected a digit.']],
		['a=%E0%A4%A', { a: 1 }, ['Ignored a="\uFFFD%A": expected a digit.']]
	])('falls back to the default for %j, with a notice', (text, partial, notices) => {
		const result = parseState(schema, query(text));
		expect(result.state).toEqual({ ...defaultState(schema), ...partial });
		expect(result.notices).toEqual(notices);
	});

	it.each([
		['a=3&a=5', 5, ['Setting "a" was given 2 times; only the last one is used.']],
		[
			'a=5&a=x',
			1,
			[
				'Setting "a" was given 2 times; only the last one is used.',
				'Ignored a="x": expected a digit.'
			]
		],
		['a=x&a=y&a=4', 4, ['Setting "a" was given 3 times; only the last one is used.']]
	])('lets the last of repeated keys win in %j', (text, a, notices) => {
		const result = parseState(schema, query(text));
		expect(result.state.a).toBe(a);
		expect(result.notices).toEqual(notices);
	});

	it.each([
		['foo=1', ['Ignored unknown setting "foo".']],
		['A=3', ['Ignored unknown setting "A".']],
		['foo=1&foo=2', ['Ignored unknown setting "foo".']],
		['constructor=1', ['Ignored unknown setting "constructor".']],
		['__proto__=1', ['Ignored unknown setting "__proto__".']],
		[
			'toString=x&hasOwnProperty=y',
			['Ignored unknown setting "toString".', 'Ignored unknown setting "hasOwnProperty".']
		],
		['=5', ['Ignored unknown setting "".']]
	])('reports unknown keys in %j', (text, notices) => {
		const result = parseState(schema, query(text));
		expect(result.notices).toEqual(notices);
		expect(result.state).toEqual(defaultState(schema));
	});

	it('never lets a key touch the prototype', () => {
		const { state } = parseState(schema, query('__proto__=x&constructor=y&polluted=1'));
		expect(Object.getPrototypeOf(state)).toBe(Object.prototype);
		expect(Object.keys(state)).toEqual(['a', 'b', 'colour', 'point']);
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
	});

	it('accepts keys listed in allowUnknown without a notice', () => {
		const result = parseState(schema, query('backend=wasm&size=256&a=4&other=1'), [
			'backend',
			'size'
		]);
		expect(result.state.a).toBe(4);
		expect(result.notices).toEqual(['Ignored unknown setting "other".']);
	});

	it('summarises a flood of unknown keys after five', () => {
		const text = Array.from({ length: 9 }, (_, i) => `junk${i}=1`).join('&');
		expect(parseState(schema, query(text)).notices).toEqual([
			'Ignored unknown setting "junk0".',
			'Ignored unknown setting "junk1".',
			'Ignored unknown setting "junk2".',
			'Ignored unknown setting "junk3".',
			'Ignored unknown setting "junk4".',
			'Ignored 4 more unknown settings.'
		]);
	});

	it('does not consult a field for a missing key', () => {
		let calls = 0;
		const counting: Field<number> = { ...digit(1), parse: () => (calls++, 1) };
		parseState({ counting }, query('other=1'), ['other']);
		expect(calls).toBe(0);
	});
});

describe('raw text in notices', () => {
	const quoted = (notice: string) => /^Ignored a="(.*)": expected a digit\.$/su.exec(notice)?.[1];
	const long = 'x'.repeat(10_000);

	it.each([
		['<script>alert(1)</script>', '<script>alert(1)</script>'],
		['"><img src=x onerror=alert(1)>', '"><img src=x onerror=alert(1)>'],
		['\u0000\u0001\u001f3', '\uFFFD3'],
		['a\nb\rc\td', 'a\uFFFDb\uFFFDc\uFFFDd'],
		['\u202eevil\u202c', '\uFFFDevil\uFFFD'],
		['zero\u200bwidth', 'zero\uFFFDwidth'],
		['line\u2028sep', 'line\uFFFDsep'],
		['\u007f\u009f', '\uFFFD'],
		['日本語', '日本語'],
		['😀😀', '😀😀'],
		['x'.repeat(40), 'x'.repeat(40)],
		['x'.repeat(41), 'x'.repeat(39) + '…'],
		['😀'.repeat(41), '😀'.repeat(39) + '…'],
		[long, 'x'.repeat(39) + '…'],
		['\u0000'.repeat(5000) + 'tail', '\uFFFD…']
	])('quotes %j as %j', (raw, expected) => {
		const { notices } = parseState(schema, new URLSearchParams([['a', raw]]));
		expect(notices).toHaveLength(1);
		expect(quoted(notices[0])).toBe(expected);
	});

	it.each([
		['long key', 'k'.repeat(10_000)],
		['control characters in a key', 'evil\u0000\u001b[31m']
	])('cleans unknown keys too (%s)', (_, key) => {
		const { notices } = parseState(schema, new URLSearchParams([[key, '1']]));
		expect(notices).toHaveLength(1);
		const name = /^Ignored unknown setting "(.*)"\.$/su.exec(notices[0])?.[1] ?? '';
		expect(Array.from(name).length).toBeLessThanOrEqual(NOTICE_VALUE_MAX);
		expect(name).not.toMatch(/\p{Cc}/u);
	});
});

describe('serializeState', () => {
	const base = defaultState(schema);

	it.each<[Partial<StateOf<typeof schema>>, string]>([
		[{}, ''],
		[{ a: 7 }, 'a=7'],
		[{ colour: 'blue', a: 0 }, 'a=0&colour=blue'],
		[{ point: { x: 1, y: 0 }, b: 9 }, 'b=9&point=1_0'],
		[{ point: { x: 0, y: 0 } }, ''],
		[{ a: 1, b: 2, colour: 'red' }, '']
	])('writes %j as %j (defaults omitted, schema key order)', (changes, expected) => {
		expect(serializeState(schema, { ...base, ...changes }).toString()).toBe(expected);
	});

	it('round-trips every combination through the query string', () => {
		for (const a of [0, 1, 9])
			for (const colour of ['red', 'blue'] as const)
				for (const point of [
					{ x: 0, y: 0 },
					{ x: 2, y: 8 }
				]) {
					const state = { a, b: 2, colour, point };
					const text = serializeState(schema, state).toString();
					expect(parseState(schema, query(text))).toEqual({ state, notices: [] });
				}
	});
});

describe('capNotices', () => {
	const list = (n: number) => Array.from({ length: n }, (_, i) => `Notice ${i + 1}.`);

	it('shows up to five as they are', () => {
		expect(NOTICES_SHOWN_MAX).toBe(5);
		expect(capNotices([])).toEqual([]);
		expect(capNotices(list(5))).toEqual(list(5));
	});

	it('shows the first five and counts the rest in one line', () => {
		expect(capNotices(list(6))).toEqual([...list(5), '…and 1 more.']);
		expect(capNotices(list(40))).toEqual([...list(5), '…and 35 more.']);
		expect(capNotices(list(3), 2)).toEqual(['Notice 1.', 'Notice 2.', '…and 1 more.']);
	});
});
