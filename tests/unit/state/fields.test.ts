import { describe, it, expect } from 'vitest';
import {
	boolField,
	enumField,
	intChoiceField,
	intField,
	numberField,
	parseDecimal,
	parseInteger,
	sampleField
} from '$lib/state/fields';

const MAX = Number.MAX_SAFE_INTEGER;

describe('parseInteger', () => {
	it.each([
		['0', 0],
		['7', 7],
		['-7', -7],
		['42', 42],
		['9007199254740991', MAX],
		['-9007199254740991', -MAX]
	])('reads %j as %d', (raw, expected) => {
		expect(parseInteger(raw)).toBe(expected);
	});

	it.each([
		'',
		' ',
		' 3',
		'3 ',
		'+3',
		'-0',
		'007',
		'3.0',
		'3.5',
		'1e3',
		'0x10',
		'0b1',
		'0o7',
		'1_000',
		'NaN',
		'Infinity',
		'9007199254740992',
		'99999999999999999999',
		'３',
		'٣',
		'3\u0000'
	])('rejects %j', (raw) => {
		expect(parseInteger(raw)).toBeUndefined();
	});
});

describe('parseDecimal', () => {
	it.each([
		['0', 0],
		['1', 1],
		['-0.25', -0.25],
		['.5', 0.5],
		['-.5', -0.5],
		['1.', 1],
		['1e-7', 0.0000001],
		['2.5E+3', 2500],
		['1e+21', 1e21],
		['5e-324', 5e-324]
	])('reads %j as %d', (raw, expected) => {
		expect(parseDecimal(raw)).toBe(expected);
	});

	it('reads -0 as +0', () => {
		expect(Object.is(parseDecimal('-0'), 0)).toBe(true);
	});

	it.each([
		'',
		' ',
		' 1',
		'1 ',
		'+1',
		'.',
		'-',
		'1e',
		'e5',
		'1..2',
		'1.2.3',
		'0x10',
		'NaN',
		'Infinity',
		'-Infinity',
		'1e309',
		'-1e999',
		'1,5',
		'1'.repeat(65)
	])('rejects %j', (raw) => {
		expect(parseDecimal(raw)).toBeUndefined();
	});
});

describe('intField', () => {
	const k = intField(1, 11, 3);

	it('describes its range and default', () => {
		expect(k.default).toBe(3);
		expect(k.expected).toBe('an integer from 1 to 11');
	});

	it.each([
		['1', 1],
		['3', 3],
		['11', 11],
		['0', undefined],
		['12', undefined],
		['-1', undefined],
		['3.5', undefined],
		['', undefined]
	])('parses %j as %s', (raw, expected) => {
		expect(k.parse(raw)).toBe(expected);
	});

	it.each([1, 2, 5, 11])('writes %d as its decimal text', (value) => {
		expect(k.serialize(value)).toBe(`${value}`);
	});

	it('accepts negative ranges', () => {
		const offset = intField(-5, 5, 0);
		expect(offset.parse('-5')).toBe(-5);
		expect(offset.parse('-6')).toBeUndefined();
	});

	it.each([
		[5, 1, 3],
		[1, 5, 9],
		[1, 5, 0],
		[1.5, 5, 2],
		[1, 5, 2.5],
		[Number.NaN, 5, 2],
		[1, Number.POSITIVE_INFINITY, 2]
	])('throws a RangeError for intField(%d, %d, %d)', (min, max, def) => {
		expect(() => intField(min, max, def)).toThrow(RangeError);
	});
});

describe('numberField', () => {
	const rate = numberField(-1, 1, 0);

	it.each([
		['0.5', 0.5],
		['-1', -1],
		['1', 1],
		['1e-3', 0.001],
		['1.5', undefined],
		['-1.0001', undefined],
		['1e309', undefined],
		['NaN', undefined],
		['', undefined]
	])('parses %j as %s', (raw, expected) => {
		expect(rate.parse(raw)).toBe(expected);
	});

	it.each([0.1 + 0.2, -0.999, 1e-7, 5e-324, 1 / 3])('round-trips %d exactly', (value) => {
		expect(rate.parse(rate.serialize(value))).toBe(value);
	});

	it('writes -0 as 0', () => {
		expect(rate.serialize(-0)).toBe('0');
	});

	it.each([
		[1, -1, 0],
		[0, 1, 2],
		[0, 1, Number.NaN],
		[Number.NEGATIVE_INFINITY, 1, 0]
	])('throws a RangeError for numberField(%d, %d, %d)', (min, max, def) => {
		expect(() => numberField(min, max, def)).toThrow(RangeError);
	});
});

describe('intChoiceField', () => {
	const size = intChoiceField([128, 256, 512], 256);

	it.each([
		['128', 128],
		['512', 512],
		['500', undefined],
		['0512', undefined],
		['512.0', undefined],
		['1024', undefined],
		['', undefined]
	])('parses %j as %s', (raw, expected) => {
		expect(size.parse(raw)).toBe(expected);
	});

	it('lists the choices', () => {
		expect(size.expected).toBe('one of 128, 256, 512');
		expect(size.serialize(128)).toBe('128');
	});

	it('throws on a default outside the choices or non-integer choices', () => {
		expect(() => intChoiceField([1, 2], 3 as 1)).toThrow(RangeError);
		expect(() => intChoiceField([1, 2.5], 1)).toThrow(RangeError);
		expect(() => intChoiceField([] as number[], 1)).toThrow(RangeError);
	});
});

describe('enumField', () => {
	const mode = enumField(['gray', 'rgb'], 'gray');

	it.each([
		['gray', 'gray'],
		['rgb', 'rgb'],
		['RGB', undefined],
		['rgb ', undefined],
		['gráy', undefined],
		['ｇｒａｙ', undefined],
		['constructor', undefined],
		['__proto__', undefined],
		['', undefined]
	])('parses %j as %s', (raw, expected) => {
		expect(mode.parse(raw)).toBe(expected);
	});

	it('writes the name itself and lists the names', () => {
		expect(mode.serialize('rgb')).toBe('rgb');
		expect(mode.expected).toBe('one of gray, rgb');
	});

	it('throws on a default outside the list or an empty list', () => {
		expect(() => enumField(['a', 'b'], 'c' as 'a')).toThrow(RangeError);
		expect(() => enumField([] as string[], 'a')).toThrow(RangeError);
	});
});

describe('sampleField', () => {
	const img = sampleField(['cat', 'horse'], 'cat');

	it.each([
		['cat', 'cat'],
		['horse', 'horse'],
		['CAT', undefined],
		['cat\u200b', undefined],
		['../cat', undefined],
		['cat.png', undefined],
		['toString', undefined]
	])('parses %j as %s', (raw, expected) => {
		expect(img.parse(raw)).toBe(expected);
	});

	it('names the accepted ids', () => {
		expect(img.expected).toBe('a sample id (cat, horse)');
	});

	it('defaults to the id it is given', () => {
		expect(img.default).toBe('cat');
		expect(sampleField(['cat', 'horse'], 'horse').default).toBe('horse');
	});

	it('throws when the default is not a listed id', () => {
		expect(() => sampleField(['cat'], 'dog')).toThrow(RangeError);
	});
});

describe('boolField', () => {
	const skip = boolField(true);

	it.each([
		['true', true],
		['false', false],
		['TRUE', undefined],
		['1', undefined],
		['0', undefined],
		['yes', undefined],
		['', undefined]
	])('parses %j as %s', (raw, expected) => {
		expect(skip.parse(raw)).toBe(expected);
	});

	it('writes true and false', () => {
		expect(skip.serialize(true)).toBe('true');
		expect(skip.serialize(false)).toBe('false');
		expect(skip.default).toBe(true);
	});
});
