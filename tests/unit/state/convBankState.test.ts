import { describe, expect, it } from 'vitest';
import {
	bankKernels,
	bankLabels,
	clampShownMap,
	convBankFields,
	mapAfterRemoval,
	reconcileShownMap,
	DEFAULT_BANK,
	reconcileConvBank,
	resizeBank,
	type BankKernel,
	type ConvBankState
} from '$lib/state/convBankState';
import { presetKernel } from '$lib/engine/kernelPresets';
import { defaultState, parseState, serializeState } from '$lib/state/urlSchema';
import { expectCleanNotice, HOSTILE_QUERY_VALUES } from './hostileQuery';

const schema = convBankFields();
const DEFAULTS: ConvBankState = {
	bank: [
		{ kind: 'preset', name: 'sobel-x' },
		{ kind: 'preset', name: 'sobel-y' },
		{ kind: 'preset', name: 'laplacian' },
		{ kind: 'preset', name: 'box' }
	],
	bk: 3,
	relu: true,
	input: 'gray'
};
const one = (key: string, raw: string) => new URLSearchParams([[key, raw]]);
const preset = (name: string) => ({ kind: 'preset', name }) as BankKernel;

describe('conv bank fields', () => {
	it('default to Sobel x, Sobel y, Laplacian and box, 3×3, ReLU on, luma', () => {
		expect(defaultState(schema)).toEqual(DEFAULTS);
		expect(Object.keys(schema)).toEqual(['bank', 'bk', 'relu', 'input']);
		expect(serializeState(schema, DEFAULTS).toString()).toBe('');
	});

	it('read presets and custom kernels', () => {
		const { state, notices } = parseState(
			schema,
			new URLSearchParams(
				'bank=gaussian,0_1_0_1_-4_1_0_1_.5,sobel-y,random,emboss&bk=3&relu=false&input=rgb'
			)
		);
		expect(notices).toEqual([]);
		expect(state).toEqual({
			bank: [
				preset('gaussian'),
				{ kind: 'values', size: 3, values: [0, 1, 0, 1, -4, 1, 0, 1, 0.5] },
				preset('sobel-y'),
				preset('random'),
				preset('emboss')
			],
			bk: 3,
			relu: false,
			input: 'rgb'
		});
	});

	it.each<[string, ConvBankState]>([
		['defaults', DEFAULTS],
		[
			'eight entries, custom ones rounded',
			{
				...DEFAULTS,
				bank: [
					...DEFAULTS.bank,
					{ kind: 'values', size: 2, values: [1 / 3, -0, 2.5e-7, -1000] },
					preset('outline'),
					preset('log'),
					{ kind: 'values', size: 2, values: [1, 2, 3, 4] }
				],
				bk: 2,
				relu: false,
				input: 'rgb'
			}
		]
	])('round-trip: %s', (_, state) => {
		const text = serializeState(schema, state);
		const back = parseState(schema, new URLSearchParams(text.toString())).state;
		expect(serializeState(schema, back).toString()).toBe(text.toString());
		if (state.bank.length === 8) {
			expect(text.get('bank')).toBe(
				'sobel-x,sobel-y,laplacian,box,.333_0_2.5e-7_-1000,outline,log,1_2_3_4'
			);
			expect(back.bank[4]).toEqual({ kind: 'values', size: 2, values: [0.333, 0, 2.5e-7, -1000] });
		}
	});

	const HOSTILE = [
		...HOSTILE_QUERY_VALUES,
		'sobel-x,sobel-y,box', // 3 entries
		'box,box,box,box,box,box,box,box,box', // 9 entries
		'sobel-x,sobel-y,laplacian,blur', // unknown preset
		'sobel-x,,laplacian,box',
		'sobel-x,sobel-y,laplacian,box,',
		'Sobel-x,sobel-y,laplacian,box',
		'box,box,box,1_0_0_0_1_0_0_0', // 8 values: not square
		'box,box,box,1_2_3_4_5_6_7_8_9,1_2_3_4', // custom sizes disagree
		'box,box,box,1_0_0_1001', // value out of range
		'box,box,box,1_0x1_0_1',
		'box,box,box,1__0_1',
		'box,box,box,1;0;0;1',
		'box,box,box,constructor',
		'box,box,box,' + Array(144).fill('1').join('_') // 12×12
	];
	const KEYS = ['bank', 'bk', 'relu', 'input'] as const;
	const cases = KEYS.flatMap((key) => HOSTILE.map((raw) => [key, raw] as const));
	it.each(cases)('%s=%j is ignored with a clean, short notice', (key, raw) => {
		const result = parseState(schema, one(key, raw));
		expect(result.state).toEqual(DEFAULTS);
		expect(result.notices).toHaveLength(1);
		expectCleanNotice(result.notices[0], key, raw, schema[key].expected);
	});

	it.each(['0', '12', '3.0', ' 3'])('bk=%j is outside 1–11', (raw) => {
		expect(parseState(schema, one('bk', raw)).state.bk).toBe(3);
	});
});

describe('reconcileConvBank', () => {
	it('sets bk to the size of the custom kernels, with a notice', () => {
		const notices: string[] = [];
		const state = {
			...DEFAULTS,
			bank: [...DEFAULTS.bank.slice(0, 3), { kind: 'values', size: 2, values: [1, 0, 0, 1] }]
		} satisfies ConvBankState;
		const fixed = reconcileConvBank({ ...state, extra: 'kept' }, notices);
		expect(fixed.bk).toBe(2);
		expect(fixed.extra).toBe('kept');
		expect(notices).toEqual(['Changed bk=3 to bk=2 to match the 2×2 kernel values in bank.']);
	});

	it('leaves a consistent state alone', () => {
		const notices: string[] = [];
		expect(reconcileConvBank(DEFAULTS, notices)).toBe(DEFAULTS);
		expect(notices).toEqual([]);
	});
});

describe('bank helpers', () => {
	it('bankKernels: presets at bk, each random slot seeded by its position, custom values as given', () => {
		const bank: BankKernel[] = [
			preset('sobel-x'),
			preset('random'),
			preset('random'),
			{ kind: 'values', size: 5, values: Array.from({ length: 25 }, (_, i) => i) }
		];
		const kernels = bankKernels(bank, 5);
		expect(kernels[0]).toEqual(presetKernel('sobel-x', 5));
		expect(kernels[1]).toEqual(presetKernel('random', 5, 2));
		expect(kernels[2]).toEqual(presetKernel('random', 5, 3));
		expect(kernels[1]).not.toEqual(kernels[2]);
		expect(Array.from(kernels[3])).toEqual(Array.from({ length: 25 }, (_, i) => i));
	});

	it('bankLabels name every slot', () => {
		expect(
			bankLabels([preset('sobel-x'), preset('random'), { kind: 'values', size: 1, values: [1] }])
		).toEqual(['Sobel x', 'Random 2', 'Custom 3']);
	});

	it('resizeBank keeps presets and re-centres custom weights', () => {
		const resized = resizeBank([preset('box'), { kind: 'values', size: 1, values: [7] }], 1, 3);
		expect(resized).toEqual([
			preset('box'),
			{ kind: 'values', size: 3, values: [0, 0, 0, 0, 7, 0, 0, 0, 0] }
		]);
	});

	it('the default bank cannot be changed by accident', () => {
		expect(Object.isFrozen(DEFAULT_BANK)).toBe(true);
		expect(Object.isFrozen(DEFAULT_BANK[0])).toBe(true);
	});
});

describe('the shown map when the bank shrinks', () => {
	// [shown map, slot removed, maps left, shown map after], each worked out by hand.
	it.each([
		[5, 5, 4, 4, 'the shown (last) kernel went: the new last'],
		[5, 1, 4, 4, 'an earlier kernel went: the same kernel, one place up'],
		[2, 4, 4, 2, 'a later kernel went: the same place'],
		[2, 2, 4, 2, 'the shown kernel went: its successor, now in its place'],
		[8, 3, 7, 7, 'map 8 of 8, slot 3 removed: the same kernel, now 7th']
	])('map %i, slot %i removed, %i left → map %i (%s)', (map, removed, remaining, expected) => {
		expect(mapAfterRemoval(map, removed, remaining)).toBe(expected);
	});

	it('clampShownMap keeps any number inside 1 … count', () => {
		expect([0, 1, 4, 5, 9].map((m) => clampShownMap(m, 4))).toEqual([1, 1, 4, 4, 4]);
	});

	it('reconcileShownMap leaves a map inside the bank alone and moves one outside, with a notice', () => {
		const bank = convBankFields().bank.default;
		const base = { bank, bk: 3, relu: true, input: 'gray' as const };
		const notices: string[] = [];
		const same = { ...base, map: 3 };
		expect(reconcileShownMap(same, notices)).toBe(same);
		expect(reconcileShownMap({ ...base, map: 5 }, notices).map).toBe(4);
		expect(notices).toEqual(['Changed map=5 to map=4: the conv layer has only 4 maps (1 to 4).']);
	});
});
