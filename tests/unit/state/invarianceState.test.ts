import { describe, expect, it } from 'vitest';
import {
	invarianceSchema,
	reconcileInvariance,
	type InvarianceState
} from '$lib/state/invarianceState';
import { convBankFields } from '$lib/state/convBankState';
import { readLabState } from '$lib/state/labUrlState';
import { defaultState, parseState, serializeState } from '$lib/state/urlSchema';
import { expectCleanNotice, HOSTILE_QUERY_VALUES } from './hostileQuery';

const schema = invarianceSchema();
const DEFAULTS: InvarianceState = { dx: 3, dy: 0, fill: 'zero', map: 1 };
const one = (key: string, raw: string) => new URLSearchParams([[key, raw]]);

describe('invariance schema', () => {
	it('defaults to a 3 px shift right with zero fill, and owns dx, dy, fill', () => {
		expect(defaultState(schema)).toEqual(DEFAULTS);
		expect(Object.keys(schema)).toEqual(['dx', 'dy', 'fill', 'map']);
		expect(serializeState(schema, DEFAULTS).toString()).toBe('');
	});

	it.each<[string, Partial<InvarianceState>]>([
		['dx=-64', { dx: -64 }],
		['dx=64&dy=-64', { dx: 64, dy: -64 }],
		['dy=7&fill=wrap', { dy: 7, fill: 'wrap' }],
		['dx=0&dy=0', { dx: 0, dy: 0 }],
		['map=8', { map: 8 }]
	])('reads %j and writes it back', (text, expected) => {
		const state = { ...DEFAULTS, ...expected };
		expect(parseState(schema, new URLSearchParams(text))).toEqual({ state, notices: [] });
		const again = parseState(schema, serializeState(schema, state));
		expect(again.state).toEqual(state);
	});

	const HOSTILE = [
		...HOSTILE_QUERY_VALUES,
		'65',
		'-65',
		'3.5',
		'+3',
		'Wrap',
		'zero ',
		'\u202ewrap'
	];
	const cases = (['dx', 'dy', 'fill', 'map'] as const).flatMap((key) =>
		HOSTILE.map((raw) => [key, raw] as const)
	);
	it.each(['9', '-1', '1.0'])('map=%j is not a map number it accepts', (raw) => {
		expect(parseState(schema, one('map', raw)).state.map).toBe(1);
	});

	it('map counts from 1 as on /pooling: map=0 and a map past the bank are moved, with a notice', () => {
		const bank = convBankFields().bank.default;
		const notices: string[] = [];
		const zero = parseState(schema, one('map', '0')).state;
		expect(
			reconcileInvariance({ ...zero, bank, bk: 3, relu: true, input: 'gray' }, notices).map
		).toBe(1);
		const past = reconcileInvariance(
			{ ...DEFAULTS, map: 7, bank, bk: 3, relu: true, input: 'gray' },
			notices
		);
		expect(past.map).toBe(4);
		expect(notices).toEqual([
			'Changed map=0 to map=1: maps are counted from 1, as they are labelled.',
			'Changed map=7 to map=4: the conv layer has only 4 maps (1 to 4).'
		]);
	});

	it.each(cases)('%s=%j is ignored with a clean notice', (key, raw) => {
		const result = parseState(schema, one(key, raw));
		expect(result.state).toEqual(DEFAULTS);
		expect(result.notices).toHaveLength(1);
		expectCleanNotice(result.notices[0], key, raw, schema[key].expected);
	});
});

describe("map names one of the bank's maps", () => {
	const lab = () => ({ ...convBankFields(), ...invarianceSchema() });

	it('map beyond the bank becomes its last map, with a notice', () => {
		const { state, notices } = readLabState(
			lab(),
			new URLSearchParams('map=7&bank=sobel-x,sobel-y,laplacian,box'),
			reconcileInvariance
		);
		expect(state.map).toBe(4);
		expect(notices).toEqual(['Changed map=7 to map=4: the conv layer has only 4 maps (1 to 4).']);
	});

	it('a map the bank has is kept, silently', () => {
		const { state, notices } = readLabState(
			lab(),
			new URLSearchParams('map=6&bank=box,box,box,box,box,box'),
			reconcileInvariance
		);
		expect(state.map).toBe(6);
		expect(notices).toEqual([]);
	});
});
