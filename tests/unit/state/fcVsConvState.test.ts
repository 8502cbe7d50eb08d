import { describe, expect, it } from 'vitest';
import { fcVsConvSchema, type FcVsConvState } from '$lib/state/fcVsConvState';
import { defaultState, parseState, serializeState } from '$lib/state/urlSchema';
import { expectCleanNotice, HOSTILE_QUERY_VALUES } from './hostileQuery';

const schema = fcVsConvSchema();
const DEFAULTS: FcVsConvState = { units: 256, k: 3, ch: 3, pos: 6 };
const one = (key: string, raw: string) => new URLSearchParams([[key, raw]]);

describe('fc-vs-conv schema', () => {
	it('defaults to 256 units / kernels of 3×3 on an RGB input', () => {
		expect(defaultState(schema)).toEqual(DEFAULTS);
		expect(Object.keys(schema)).toEqual(['units', 'k', 'ch', 'pos']);
		expect(serializeState(schema, DEFAULTS).toString()).toBe('');
	});

	it.each<[string, Partial<FcVsConvState>]>([
		['units=1', { units: 1 }],
		['units=4096&k=11', { units: 4096, k: 11 }],
		['ch=1&k=1', { ch: 1, k: 1 }],
		['pos=16', { pos: 16 }]
	])('reads %j and writes it back', (text, expected) => {
		const state = { ...DEFAULTS, ...expected };
		expect(parseState(schema, new URLSearchParams(text))).toEqual({ state, notices: [] });
		expect(parseState(schema, serializeState(schema, state)).state).toEqual(state);
	});

	const NEAR_MISSES = {
		units: ['0', '4097', '-1', '3.0', '1e2'],
		k: ['0', '12', '-1', '3.0'],
		ch: ['0', '2', '4', '-1', '3.0'],
		pos: ['0', '17', '-1', '6.0']
	};
	const cases = (['units', 'k', 'ch', 'pos'] as const).flatMap((key) =>
		[...HOSTILE_QUERY_VALUES, ...NEAR_MISSES[key]].map((raw) => [key, raw] as const)
	);
	it.each(cases)('%s=%j is ignored with a clean notice', (key, raw) => {
		const result = parseState(schema, one(key, raw));
		expect(result.state).toEqual(DEFAULTS);
		expect(result.notices).toHaveLength(1);
		expectCleanNotice(result.notices[0], key, raw, schema[key].expected);
	});
});
