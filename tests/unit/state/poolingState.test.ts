import { describe, expect, it } from 'vitest';
import { poolingSchema, reconcilePooling, type PoolingState } from '$lib/state/poolingState';
import { DEFAULT_BANK } from '$lib/state/convBankState';
import { defaultState, parseState, serializeState } from '$lib/state/urlSchema';
import { expectCleanNotice, HOSTILE_QUERY_VALUES } from './hostileQuery';

const schema = poolingSchema();
const DEFAULTS: PoolingState = {
	bank: [...DEFAULT_BANK],
	bk: 3,
	relu: true,
	input: 'gray',
	pool: 'max',
	psize: 2,
	pstride: 2,
	cout: 64,
	map: 1,
	winners: true,
	permap: false
};
const one = (key: string, raw: string) => new URLSearchParams([[key, raw]]);

describe('pooling schema', () => {
	it('defaults to 2×2 max-pooling with stride 2 after the default bank', () => {
		expect(defaultState(schema)).toEqual(DEFAULTS);
		expect(Object.keys(schema)).toEqual([
			'bank',
			'bk',
			'relu',
			'input',
			'pool',
			'psize',
			'pstride',
			'cout',
			'map',
			'winners',
			'permap'
		]);
	});

	it('round-trips every control', () => {
		const state: PoolingState = {
			bank: [
				{ kind: 'preset', name: 'gaussian' },
				{ kind: 'values', size: 3, values: [0, 1, 0, 1, -4, 1, 0, 1, 0] },
				{ kind: 'preset', name: 'emboss' },
				{ kind: 'preset', name: 'random' },
				{ kind: 'preset', name: 'outline' }
			],
			bk: 3,
			relu: false,
			input: 'rgb',
			pool: 'gavg',
			psize: 4,
			pstride: 1,
			cout: 1024,
			map: 4,
			winners: false,
			permap: true
		};
		const text = serializeState(schema, state).toString();
		expect(text).toBe(
			'bank=gaussian%2C0_1_0_1_-4_1_0_1_0%2Cemboss%2Crandom%2Coutline&relu=false&input=rgb&pool=gavg&psize=4&pstride=1&cout=1024&map=4&winners=false&permap=true'
		);
		const back = parseState(schema, new URLSearchParams(text));
		expect(back.notices).toEqual([]);
		expect(back.state).toEqual(state);
	});

	const HOSTILE = [...HOSTILE_QUERY_VALUES, 'MAX', 'min', 'max ', '1', '5', '0', '-1', '1025', '8'];
	const KEYS = ['pool', 'psize', 'pstride', 'cout', 'map', 'winners', 'permap'] as const;
	// '1' is a valid cout and pstride, '8' a valid cout; everything else is invalid for every key.
	const valid: Record<string, string[]> = {
		pstride: ['1'],
		cout: ['1', '5', '8'],
		map: ['1', '5', '0', '8'],
		psize: []
	};
	const cases = KEYS.flatMap((key) =>
		HOSTILE.filter((raw) => !(valid[key] ?? []).includes(raw)).map((raw) => [key, raw] as const)
	);
	it.each(cases)('%s=%j is ignored with a clean, short notice', (key, raw) => {
		const result = parseState(schema, one(key, raw));
		expect(result.state).toEqual(DEFAULTS);
		expect(result.notices).toHaveLength(1);
		expectCleanNotice(result.notices[0], key, raw, schema[key].expected);
	});
});

describe('reconcilePooling', () => {
	it('counts maps from 1, like their labels: a map beyond the bank becomes the last, with a notice', () => {
		const notices: string[] = [];
		const fixed = reconcilePooling({ ...DEFAULTS, map: 6 }, notices);
		expect(fixed.map).toBe(4);
		expect(notices).toEqual(['Changed map=6 to map=4: the conv layer has only 4 maps (1 to 4).']);
	});

	it('reads map=0 from an old link (when /pooling counted from 0) as the first map, with a notice', () => {
		const notices: string[] = [];
		const parsed = parseState(schema, new URLSearchParams('map=0'));
		const fixed = reconcilePooling(parsed.state, notices);
		expect(fixed.map).toBe(1);
		expect(notices).toEqual([
			'Changed map=0 to map=1: maps are counted from 1, as they are labelled.'
		]);
	});

	it('keeps a map inside the bank as it is (1 to the bank length)', () => {
		for (const map of [1, 2, 3, 4]) {
			const notices: string[] = [];
			expect(reconcilePooling({ ...DEFAULTS, map }, notices).map).toBe(map);
			expect(notices).toEqual([]);
		}
	});

	it("applies the bank's own rule too", () => {
		const notices: string[] = [];
		const fixed = reconcilePooling(
			{
				...DEFAULTS,
				bank: [...DEFAULTS.bank.slice(0, 3), { kind: 'values', size: 1, values: [2] }]
			},
			notices
		);
		expect(fixed.bk).toBe(1);
		expect(notices).toHaveLength(1);
	});

	it('keeps a consistent state as it is', () => {
		const notices: string[] = [];
		expect(reconcilePooling(DEFAULTS, notices)).toBe(DEFAULTS);
		expect(notices).toEqual([]);
	});
});
