import { describe, expect, it } from 'vitest';
import { intField } from '$lib/state/fields';
import { readLabState } from '$lib/state/labUrlState';

const schema = () => ({ a: intField(1, 4, 1), b: intField(1, 4, 2) });

describe('readLabState', () => {
	it("reads the lab's keys, allows the shell's and flags the rest", () => {
		const { state, notices } = readLabState(
			schema(),
			new URLSearchParams('a=3&img=cat&size=256&backend=wasm&bogus=1&b=9')
		);
		expect(state).toEqual({ a: 3, b: 2 });
		expect(notices).toEqual([
			'Ignored b="9": expected an integer from 1 to 4.',
			'Ignored unknown setting "bogus".'
		]);
	});

	it('applies the cross-field rule after parsing, keeping its notices after the parse notices', () => {
		const { state, notices } = readLabState(schema(), new URLSearchParams('a=4&b=x'), (s, list) => {
			if (s.a <= s.b) return s;
			list.push(`b raised to ${s.a}.`);
			return { ...s, b: s.a };
		});
		expect(state).toEqual({ a: 4, b: 4 });
		expect(notices).toEqual(['Ignored b="x": expected an integer from 1 to 4.', 'b raised to 4.']);
	});
});

describe('strays', () => {
	it("lists the keys that are neither the lab's nor the shell's, once each, for the address bar to lose", () => {
		const { strays } = readLabState(
			schema(),
			new URLSearchParams('a=3&img=cat&utm_source=x&b=9&bogus=1&bogus=2&present=1&A=1')
		);
		expect(strays).toEqual(['utm_source', 'bogus', 'A']);
		expect(readLabState(schema(), new URLSearchParams('a=3&img=cat')).strays).toEqual([]);
	});
});
