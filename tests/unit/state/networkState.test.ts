import { describe, expect, it } from 'vitest';
import { networkSchema, type NetworkState } from '$lib/state/networkState';
import { defaultState, parseState, serializeState } from '$lib/state/urlSchema';
import { expectHostileValuesIgnored } from './hostileQuery';

const schema = networkSchema();
const DEFAULTS: NetworkState = {
	model: 'fashion',
	src: 'image',
	test: 0,
	range: 'layer',
	unit: null,
	sal: 'gradcam',
	cls: 'pred',
	lvl: 4,
	cell: null,
	lr: 0.002,
	batch: 32
};

describe('network schema', () => {
	it('defaults to the classifier on the shared image, layer colour ranges, Grad-CAM', () => {
		expect(defaultState(schema)).toEqual(DEFAULTS);
	});

	it('round-trips every setting', () => {
		const state: NetworkState = {
			model: 'selfie',
			src: 'test',
			test: 9999,
			range: 'global',
			unit: { layer: 3, channel: 12, y: 0, x: 27 },
			sal: 'grad',
			lvl: 2,
			cls: 7,
			cell: { truth: 6, predicted: 0 },
			lr: 0.0005,
			batch: 64
		};
		const query = serializeState(schema, state);
		expect(query.get('unit')).toBe('3,12,0,27');
		expect(query.get('cell')).toBe('6,0');
		const parsed = parseState(schema, query);
		expect(parsed.state).toEqual(state);
		expect(parsed.notices).toEqual([]);
	});

	it.each([
		['unit', '1,2,3'],
		['unit', '1,2,3,-4'],
		['unit', '100,0,0,0'],
		['cell', '10,0'],
		['cls', '10'],
		['cls', 'predicted'],
		['test', '10000'],
		['batch', '33'],
		['lr', '2'],
		['model', 'mobilenet']
	])('ignores %s=%s with a notice', (key, raw) => {
		const parsed = parseState(schema, new URLSearchParams([[key, raw]]));
		expect(parsed.state).toEqual(DEFAULTS);
		expect(parsed.notices.length).toBe(1);
	});

	it('survives hostile values', () => expectHostileValuesIgnored(schema, DEFAULTS));
});
