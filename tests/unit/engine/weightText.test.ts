import { describe, expect, it } from 'vitest';
import { compactWeight, exactWeight, parseWeight } from '$lib/engine/weightText';

describe('compactWeight: at most 4 characters plus a sign', () => {
	it.each<[number, string]>([
		[0, '0'],
		[-0, '0'],
		[1, '1'],
		[-4, '-4'],
		[1000, '1000'],
		[-1000, '-1000'],
		[0.375, '.375'],
		[-0.375, '-.375'],
		[0.0625, '.063'],
		[1 / 3, '.333'],
		[-8 / 24, '-.333'],
		[1.25, '1.25'],
		[12.5, '12.5'],
		[123.456, '123'],
		[999.9, '1000'],
		[0.01, '.01'],
		[1 / 121, '8e-3'],
		[-3.1e-5, '-3e-5'],
		[0.0096, '1e-2'],
		[7.7e-5, '8e-5']
	])('%s → %s', (value, expected) => {
		expect(compactWeight(value)).toBe(expected);
	});

	it('never writes more than 5 characters for any weight in ±1000', () => {
		for (let e = -8; e <= 3; e += 0.01) {
			for (const v of [10 ** e, -(10 ** e)]) {
				if (Math.abs(v) <= 1000) expect(compactWeight(v).length, String(v)).toBeLessThanOrEqual(5);
			}
		}
	});
});

describe('exactWeight', () => {
	it.each<[number, string]>([
		[0.375, '0.375'],
		[Math.fround(1 / 3), '0.333333'],
		[Math.fround(3.1e-5), '0.000031'],
		[-2, '-2']
	])('%s → %s', (value, expected) => {
		expect(exactWeight(value)).toBe(expected);
	});
});

describe('parseWeight', () => {
	it.each<[string, number]>([
		['0.5', 0.5],
		[' -2 ', -2],
		['0,25', 0.25],
		['\u22123', -3],
		['1e-3', 0.001],
		['.5', 0.5],
		['1/4', 0.25],
		['-1/8', -0.125],
		['1000', 1000],
		['-1000', -1000],
		['-0', 0]
	])('%j → %s', (raw, expected) => {
		expect(parseWeight(raw, 1000)).toEqual({ ok: true, value: expected });
	});

	it.each<[string, RegExp]>([
		['abc', /“abc” is not a number\. Type a weight from −1000 to 1000/],
		['', /Type a number from −1000 to 1000/],
		['   ', /Type a number from −1000 to 1000/],
		['0x10', /not a number/],
		['Infinity', /not a number/],
		['1/0', /not a number/],
		['1..2', /not a number/],
		['1e9', /1e9 is out of range: a weight must be from −1000 to 1000/],
		['-1000.5', /out of range/]
	])('%j is refused: %s', (raw, message) => {
		const result = parseWeight(raw, 1000);
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.message).toMatch(message);
	});

	it('shortens very long input in the message', () => {
		const result = parseWeight('x'.repeat(100), 1000);
		expect(!result.ok && result.message).toContain(`“${'x'.repeat(24)}…”`);
	});
});
