import { describe, expect, it } from 'vitest';
import { defaultState, parseState, serializeState } from '$lib/state/urlSchema';
import { imbalanceSchema, type ImbalanceState } from '../../../src/routes/imbalance/lab';
import { expectHostileValuesIgnored } from './hostileQuery';

// /imbalance's address: every setting round-trips; a value out of range, of the wrong kind or
// hostile is ignored with a clean notice and leaves the default.
const schema = imbalanceSchema();
const DEFAULTS: ImbalanceState = {
	class: 6,
	ratio: 10,
	recipe: 'adam',
	weights: true,
	oversample: true,
	undersample: true,
	adjust: true,
	show: 'baseline',
	threshold: 0.5,
	steps: 860
};

describe('imbalance schema', () => {
	it('defaults to Shirt at ρ = 10, the Adam recipe, every remedy, 860 steps', () => {
		expect(defaultState(schema)).toEqual(DEFAULTS);
	});

	it('round-trips every setting', () => {
		const state: ImbalanceState = {
			class: 0,
			ratio: 100,
			recipe: 'sgd',
			weights: false,
			oversample: true,
			undersample: false,
			adjust: false,
			show: 'oversampling',
			threshold: 0.125,
			steps: 5000
		};
		const query = serializeState(schema, state);
		expect(query.get('recipe')).toBe('sgd');
		const parsed = parseState(schema, query);
		expect(parsed.state).toEqual(state);
		expect(parsed.notices).toEqual([]);
	});

	it.each([
		['class', '10'],
		['class', '-1'],
		['ratio', '0'],
		['ratio', '101'],
		['ratio', '2.5'],
		['recipe', 'rmsprop'],
		['recipe', 'SGD'],
		['show', 'smote'],
		['threshold', '1.5'],
		['steps', '0'],
		['steps', '5001'],
		['weights', 'yes']
	])('ignores %s=%s with a notice', (key, raw) => {
		const parsed = parseState(schema, new URLSearchParams([[key, raw]]));
		expect(parsed.state).toEqual(DEFAULTS);
		expect(parsed.notices.length).toBe(1);
	});

	it('survives hostile values', () => expectHostileValuesIgnored(schema, DEFAULTS));
});
