import { describe, it, expect, expectTypeOf } from 'vitest';
import {
	CONV_PRESETS,
	convolutionSchema,
	formatKernelValues,
	reconcileConvolutionState,
	type ConvolutionState,
	type KernelSpec,
	type PaddingValue
} from '$lib/state/convolutionState';
import { defaultState, parseState, serializeState } from '$lib/state/urlSchema';
import { seededRandom as seeded } from '$lib/engine/seededRandom';
import { qrCode } from '$lib/share/qrCode';
import { expectCleanNotice, HOSTILE_QUERY_VALUES } from './hostileQuery';

const schema = convolutionSchema();

const DEFAULTS: ConvolutionState = {
	kernel: { kind: 'preset', name: 'sobel-x' },
	k: 3,
	stride: 1,
	pad: 'same',
	dil: 1,
	mode: 'gray',
	clip: true,
	view: 'single',
	log: false,
	px: null
};

const one = (key: string, raw: string) => new URLSearchParams([[key, raw]]);
const values = (size: number, list: number[]): KernelSpec => ({
	kind: 'values',
	size,
	values: list
});

describe('convolution schema', () => {
	it('lists the presets of the lab', () => {
		expect(CONV_PRESETS).toEqual([
			'identity',
			'box',
			'gaussian',
			'sharpen',
			'sobel-x',
			'sobel-y',
			'prewitt-x',
			'prewitt-y',
			'laplacian',
			'log',
			'emboss',
			'outline',
			'random'
		]);
	});

	it('defaults to sobel-x, 3×3, stride 1, same padding, no dilation, grayscale', () => {
		expect(defaultState(schema)).toEqual(DEFAULTS);
		expect(Object.keys(schema)).toEqual([
			'kernel',
			'k',
			'stride',
			'pad',
			'dil',
			'mode',
			'clip',
			'view',
			'log',
			'px'
		]);
	});

	it('types every key', () => {
		const { state } = parseState(schema, new URLSearchParams());
		expectTypeOf(state.k).toEqualTypeOf<number>();
		expectTypeOf(state.kernel).toEqualTypeOf<KernelSpec>();
		expectTypeOf(state.pad).toEqualTypeOf<PaddingValue>();
		expectTypeOf(state.mode).toEqualTypeOf<'gray' | 'rgb'>();
	});

	it('builds fresh fields on each call', () => {
		const other = convolutionSchema();
		expect(other).not.toBe(schema);
		expect(other.kernel).not.toBe(schema.kernel);
		expect(defaultState(other)).toEqual(DEFAULTS);
	});

	it.each([
		['k', '1', 1],
		['k', '11', 11],
		['stride', '4', 4],
		['dil', '2', 2],
		['pad', 'valid', 'valid'],
		['pad', 'same', 'same'],
		['pad', '0', 0],
		['pad', '32', 32],
		['mode', 'rgb', 'rgb'],
		['view', 'gradient', 'gradient'],
		['log', 'true', true],
		['px', '0,0', { y: 0, x: 0 }],
		['px', '150,225', { y: 150, x: 225 }],
		['px', '2047,2047', { y: 2047, x: 2047 }]
	])('reads %s=%j', (key, raw, expected) => {
		const result = parseState(schema, one(key, raw));
		expect(result.notices).toEqual([]);
		expect(result.state).toEqual({ ...DEFAULTS, [key]: expected });
	});

	it.each([
		['k', '0'],
		['k', '12'],
		['stride', '0'],
		['stride', '5'],
		['dil', '5'],
		['pad', '33'],
		['pad', '-1'],
		['pad', 'SAME'],
		['pad', 'full'],
		['pad', '2.5'],
		['mode', 'rgba'],
		['mode', 'grey'],
		['view', 'Gradient'],
		['view', 'magnitude'],
		['log', '1'],
		['log', 'yes'],
		['px', '2048,0'],
		['px', '0,2048'],
		['px', '-1,3'],
		['px', '1,2,3'],
		['px', '1'],
		['px', '01,2'],
		['px', '1, 2'],
		['px', '1.5,2'],
		['px', '1e2,2'],
		['px', ','],
		['px', '1;2']
	])('ignores out-of-range %s=%j', (key, raw) => {
		const result = parseState(schema, one(key, raw));
		expect(result.state).toEqual(DEFAULTS);
		expect(result.notices).toEqual([
			`Ignored ${key}="${raw}": expected ${schema[key as keyof typeof schema].expected}.`
		]);
	});

	it('says what each knob accepts', () => {
		expect(schema.k.expected).toBe('an integer from 1 to 11');
		expect(schema.stride.expected).toBe('an integer from 1 to 4');
		expect(schema.dil.expected).toBe('an integer from 1 to 4');
		expect(schema.pad.expected).toBe('valid, same or an integer from 0 to 32');
		expect(schema.mode.expected).toBe('one of gray, rgb');
		expect(schema.kernel.expected).toContain('n from 1 to 11');
	});
});

describe('kernel field', () => {
	it.each(CONV_PRESETS.map((name) => [name]))('reads preset %s', (name) => {
		expect(schema.kernel.parse(name)).toEqual({ kind: 'preset', name });
		expect(schema.kernel.serialize({ kind: 'preset', name })).toBe(name);
	});

	it.each<[string, KernelSpec]>([
		['5', values(1, [5])],
		['1,2,3,4', values(2, [1, 2, 3, 4])],
		['-1,0,1,-2,0,2,-1,0,1', values(3, [-1, 0, 1, -2, 0, 2, -1, 0, 1])],
		['.5,-.5,1e-3,2E2', values(2, [0.5, -0.5, 0.001, 200])],
		['1000,-1000,0,0', values(2, [1000, -1000, 0, 0])],
		[Array(121).fill('1').join(','), values(11, Array(121).fill(1))]
	])('reads custom values %j', (raw, expected) => {
		expect(schema.kernel.parse(raw)).toEqual(expected);
	});

	it('reads -0 as a 1×1 kernel holding +0', () => {
		const kernel = schema.kernel.parse('-0');
		expect(kernel).toEqual(values(1, [0]));
		expect(kernel?.kind === 'values' && Object.is(kernel.values[0], 0)).toBe(true);
	});

	it.each([
		['8 values (not a square)', '1,2,3,4,5,6,7,8'],
		['2 values', '1,2'],
		['144 values (12² > 11²)', Array(144).fill('0').join(',')],
		['122 values', Array(122).fill('0').join(',')],
		['NaN', '1,2,3,NaN'],
		['Infinity', '1,2,3,Infinity'],
		['1e999', '1,2,3,1e999'],
		['|v| > 1000', '1001,0,0,0'],
		['|v| > 1000 by a fraction', '-1000.5,0,0,0'],
		['leading space', ' 1,2,3,4'],
		['trailing space', '1,2,3,4 '],
		['space after a comma', '1, 2,3,4'],
		['empty entry', '1,,3,4'],
		['trailing comma', '1,2,3,4,'],
		['leading comma', ',1,2,3'],
		['semicolons', '1;2;3;4'],
		['fullwidth commas', '1，2，3，4'],
		['brackets', '[1,2,3,4]'],
		['hex', '0x1,0,0,0'],
		['explicit plus', '+1,0,0,0'],
		['preset in the wrong case', 'Sobel-x'],
		['preset misspelt', 'sobel_x'],
		['empty', ''],
		['10 000 characters', '1,'.repeat(5000)]
	])('rejects %s', (_, raw) => {
		expect(schema.kernel.parse(raw)).toBeUndefined();
	});

	it('treats + in a query string as a space, so kernel=+1,... is rejected', () => {
		const result = parseState(schema, new URLSearchParams('kernel=+1,0,0,0'));
		expect(result.state.kernel).toEqual(DEFAULTS.kernel);
		expect(result.notices).toHaveLength(1);
		expect(result.notices[0]).toMatch(/^Ignored kernel=" 1,0,0,0": expected a preset /);
	});
});

describe('formatKernelValues', () => {
	it.each<[ArrayLike<number>, string]>([
		[[1, 0, -1], '1,0,-1'],
		[[-0], '0'],
		[[-1e-20 * 0], '0'],
		[[0.5, 0.25, 0.125, 0.0625], '.5,.25,.125,.0625'],
		[[1 / 3, 2 / 3, -1 / 9], '.333,.667,-.111'],
		[[1.5, 10, 100.0], '1.5,10,100'],
		[[1000, -1000], '1000,-1000'],
		[[123456], '123000'],
		[[99999], '100000'],
		[[0.0029153], '.00292'],
		[[1.23456e-7], '1.23e-7'],
		[[-0.00001], '-.00001'],
		[[-2.5], '-2.5'],
		[Float32Array.of(0.1, -0.2), '.1,-.2'],
		[[], '']
	])('writes %j as %j', (input, expected) => {
		expect(formatKernelValues(input)).toBe(expected);
	});

	it.each([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])(
		'throws a RangeError on %d',
		(bad) => {
			expect(() => formatKernelValues([1, bad])).toThrow(RangeError);
		}
	);

	it('rounds custom kernels in the URL, and the rounded values read back exactly', () => {
		const state = { ...DEFAULTS, kernel: values(2, [1 / 3, 0.1, -2 / 7, 5]), k: 2 };
		const params = serializeState(schema, state);
		expect(params.get('kernel')).toBe('.333,.1,-.286,5');
		expect(parseState(schema, params).state.kernel).toEqual(values(2, [0.333, 0.1, -0.286, 5]));
	});

	it('is stable: writing what was read back gives the same text, for 500 random kernels', () => {
		const random = seeded(7);
		for (let trial = 0; trial < 500; trial++) {
			const scale = 10 ** Math.floor(random() * 10 - 6);
			const weights = Array.from({ length: 9 }, () => (random() * 2 - 1) * scale);
			const text = formatKernelValues(weights);
			const read = parseState(schema, new URLSearchParams({ kernel: text })).state.kernel;
			expect(read.kind, text).toBe('values');
			if (read.kind !== 'values') continue;
			expect(formatKernelValues(read.values)).toBe(text);
			// each weight within half a unit of its third significant digit
			read.values.forEach((value, i) => {
				const unit = 10 ** (Math.floor(Math.log10(Math.abs(weights[i]))) - 2);
				expect(Math.abs(value - weights[i])).toBeLessThanOrEqual(unit / 2 + 1e-15 * scale);
			});
		}
	});

	it("keeps an 11×11 kernel's link small enough for a smaller QR code", () => {
		// a Gaussian, σ = 2: the smooth weights a resized preset gives
		const weights = Array.from({ length: 121 }, (_, i) => {
			const [y, x] = [Math.floor(i / 11) - 5, (i % 11) - 5];
			return Math.exp(-(x * x + y * y) / 8) / (8 * Math.PI);
		});
		const link = (text: string) => `http://192.168.1.23:4173/convolution/?kernel=${text}&k=11`;
		const fourDigits = weights.map((w) => String(Number(w.toPrecision(4)))).join(',');
		const before = qrCode(link(fourDigits)).size;
		const after = qrCode(link(formatKernelValues(weights))).size;
		expect(before).toBe(125);
		expect(after).toBeLessThanOrEqual(113);
	});
});

describe('serializing convolution state', () => {
	it.each<[Partial<ConvolutionState>, string]>([
		[{}, ''],
		[{ k: 5, mode: 'rgb' }, 'k=5&mode=rgb'],
		[{ mode: 'rgb', stride: 2 }, 'stride=2&mode=rgb'],
		[{ clip: false }, 'clip=false'],
		[{ pad: 'valid' }, 'pad=valid'],
		[{ view: 'gradient', log: true }, 'view=gradient&log=true'],
		[{ px: { y: 150, x: 225 } }, 'px=150%2C225'],
		[{ px: null }, ''],
		[{ pad: 0 }, 'pad=0'],
		[{ pad: 'same', dil: 1 }, ''],
		[{ stride: 3, dil: 3 }, 'stride=3&dil=3'],
		[{ kernel: { kind: 'preset', name: 'log' } }, 'kernel=log'],
		[{ kernel: { kind: 'preset', name: 'sobel-x' } }, ''],
		[{ kernel: values(2, [1, -0, 0.5, 1 / 3]), k: 2 }, 'kernel=1%2C0%2C.5%2C.333&k=2']
	])('writes %j as %j', (changes, expected) => {
		expect(serializeState(schema, { ...DEFAULTS, ...changes }).toString()).toBe(expected);
	});

	it('round-trips 300 random valid states through the URL text', () => {
		const random = seeded(20240601);
		const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
		const pick = <T>(list: readonly T[]): T => list[int(0, list.length - 1)];
		// Values with at most 3 significant digits, the precision the URL keeps.
		const weight = () =>
			pick([
				() => int(-1000, 1000),
				() => Number(((random() - 0.5) * 20).toPrecision(int(1, 3))),
				() => Number(((random() - 0.5) * 1e-6).toPrecision(int(1, 3))),
				() => 0
			])();
		for (let i = 0; i < 300; i++) {
			const size = int(1, 11);
			const state: ConvolutionState = {
				kernel:
					random() < 0.5
						? { kind: 'preset', name: pick(CONV_PRESETS) }
						: values(size, Array.from({ length: size * size }, weight)),
				k: int(1, 11),
				stride: int(1, 4),
				pad: pick<() => PaddingValue>([() => 'valid', () => 'same', () => int(0, 32)])(),
				dil: int(1, 4),
				mode: pick(['gray', 'rgb'] as const),
				clip: random() < 0.5,
				view: pick(['single', 'gradient'] as const),
				log: random() < 0.5,
				px: random() < 0.3 ? null : { y: int(0, 2047), x: int(0, 2047) }
			};
			const text = serializeState(schema, state).toString();
			expect(parseState(schema, new URLSearchParams(text))).toEqual({ state, notices: [] });
		}
	});
});

describe('hostile query values', () => {
	// '-0' is left out: it is a valid 1×1 kernel.
	const HOSTILE = [...HOSTILE_QUERY_VALUES, '\u202egray'];
	const KEYS = [
		'kernel',
		'k',
		'stride',
		'pad',
		'dil',
		'mode',
		'clip',
		'view',
		'log',
		'px'
	] as const;
	const cases = KEYS.flatMap((key) => HOSTILE.map((raw) => [key, raw] as const));

	it.each(cases)('%s=%j is ignored with a clean, short notice', (key, raw) => {
		const result = parseState(schema, one(key, raw));
		expect(result.state).toEqual(DEFAULTS);
		expect(result.notices).toHaveLength(1);
		expectCleanNotice(result.notices[0], key, raw, schema[key].expected);
	});

	it.each(['-0', '+3', ' 3', '3.0', '0x3', '1e0', '03'])(
		'k=%j is not an integer it accepts',
		(raw) => {
			expect(parseState(schema, one('k', raw)).state.k).toBe(3);
		}
	);

	it('survives percent-encoded garbage', () => {
		const text = 'k=%E0%A4%A&stride=%00%01%1F3&mode=%C3%28&pad=%&kernel=%2C%2C';
		const result = parseState(schema, new URLSearchParams(text));
		expect(result.state).toEqual(DEFAULTS);
		const keys = result.notices.map((notice) => /^Ignored (\w+)=/.exec(notice)?.[1]);
		expect(keys).toEqual(['kernel', 'k', 'stride', 'pad', 'mode']);
		for (const notice of result.notices) expect(notice).not.toMatch(/\p{Cc}/u);
		expect(result.notices).toContain('Ignored stride="\uFFFD3": expected an integer from 1 to 4.');
	});
});

describe('reconcileConvolutionState', () => {
	it.each<[string, KernelSpec, number, number, string[]]>([
		[
			'4×4 values with k=3',
			values(4, Array(16).fill(1)),
			3,
			4,
			['Changed k=3 to k=4 to match the 4×4 kernel values.']
		],
		[
			'1×1 values with k=11',
			values(1, [2]),
			11,
			1,
			['Changed k=11 to k=1 to match the 1×1 kernel values.']
		],
		['3×3 values with k=3', values(3, Array(9).fill(0)), 3, 3, []],
		['a preset with k=7', { kind: 'preset', name: 'box' }, 7, 7, []]
	])('%s', (_, kernel, k, expectedK, expectedNotices) => {
		const state = { ...DEFAULTS, kernel, k };
		const notices: string[] = ['earlier'];
		const result = reconcileConvolutionState(state, notices);
		expect(result).toEqual({ ...state, k: expectedK });
		expect(notices).toEqual(['earlier', ...expectedNotices]);
		expect(state.k).toBe(k);
	});

	it('follows a parsed URL: kernel=1,2,3,4&k=3 becomes k=2', () => {
		const { state, notices } = parseState(schema, new URLSearchParams('kernel=1,2,3,4&k=3'));
		const reconciled = reconcileConvolutionState(state, notices);
		expect(reconciled.k).toBe(2);
		expect(notices).toEqual(['Changed k=3 to k=2 to match the 2×2 kernel values.']);
	});
});
