import { describe, expect, it } from 'vitest';
import {
	receptiveFieldSchema,
	reconcileReceptiveFieldState,
	type ReceptiveFieldState
} from '$lib/state/receptiveFieldState';
import { defaultState, parseState, serializeState } from '$lib/state/urlSchema';
import {
	formatLayerCode,
	parseLayerCode,
	parseLayerToken
} from '$lib/engine/architectures/layerCode';
import { layer } from '$lib/engine/architectures/architecture';
import { expectCleanNotice, HOSTILE_QUERY_VALUES } from './hostileQuery';

const schema = receptiveFieldSchema();
const parse = (query: string) => parseState(schema, new URLSearchParams(query));

describe('layer code', () => {
	it.each([
		['c3', layer('conv', 3, { channels: 64 })],
		['c7s2', layer('conv', 7, { stride: 2, channels: 64 })],
		['c3d2', layer('conv', 3, { dilation: 2, channels: 64 })],
		['c11s4pvx96', layer('conv', 11, { stride: 4, padding: 'valid', channels: 96 })],
		['c7s2p3', layer('conv', 7, { stride: 2, padding: 3, channels: 64 })],
		['dw3s2', layer('dwconv', 3, { stride: 2 })],
		['p3s2', layer('maxpool', 3, { stride: 2 })],
		['p2', layer('maxpool', 2, { stride: 2 })],
		['a3s1ps', layer('avgpool', 3, { stride: 1, padding: 'same' })]
	])('%s reads as the layer and writes back the same', (text, op) => {
		expect(parseLayerToken(text)).toEqual(op);
		expect(formatLayerCode([op])).toBe(text);
	});

	it.each([
		'',
		'c',
		'c0',
		'c3s0',
		'c3s9',
		'c32',
		'c3d33',
		'c3p33',
		'p3d2',
		'p2x8',
		'dw3x8',
		'c3x0',
		'c03',
		'C3',
		'c3s2d1x',
		'c3,',
		',c3',
		'c3 ',
		'x3',
		'c3s2s2',
		'c3xs2'
	])('rejects %j', (text) => {
		expect(parseLayerCode(text)).toBeUndefined();
	});

	it('accepts up to 64 layers', () => {
		expect(parseLayerCode(new Array(64).fill('c3').join(','))).toHaveLength(64);
		expect(parseLayerCode(new Array(65).fill('c3').join(','))).toBeUndefined();
	});
});

describe('receptive-field schema', () => {
	it('defaults: three 3×3 vs one 7×7, last layer, centre unit, random linear ERF with 2 channels', () => {
		const state = defaultState(schema);
		expect(state.arch).toBe('conv3x3');
		expect(state.archb).toBe('conv7');
		expect(formatLayerCode(state.layers)).toBe('c3,c3,c3');
		expect([state.side, state.layer, state.unit, state.weights, state.act, state.erfc]).toEqual([
			'a',
			'last',
			'centre',
			'random',
			'linear',
			2
		]);
		expect(serializeState(schema, state).toString()).toBe('');
	});

	it('round-trips a custom architecture and every setting', () => {
		const query =
			'arch=custom&layers=c7s2,p3s2,c3,c3d2&archb=vgg16&side=b&layer=12&unit=3,4&weights=ones&act=relu&erfc=8';
		const { state, notices } = parse(query);
		expect(notices).toEqual([]);
		expect(state.layers.map((l) => l.kind)).toEqual(['conv', 'maxpool', 'conv', 'conv']);
		expect(state.unit).toEqual({ y: 3, x: 4 });
		expect(serializeState(schema, state).toString().replaceAll('%2C', ',')).toBe(query);
	});

	it.each([
		['arch', 'vgg'],
		['layers', 'c3,q3'],
		['archb', 'VGG16'],
		['layersb', 'c99'],
		['side', 'c'],
		['layer', '-1'],
		['layer', '1000'],
		['unit', '3'],
		['unit', '3,4,5'],
		['unit', '-1,2'],
		['unit', '4096,0'],
		['unit', '1.5,2'],
		['weights', 'zeros'],
		['act', 'tanh'],
		['erfc', '3']
	])('ignores %s=%j with a notice', (key, raw) => {
		const { state, notices } = parse(`${key}=${encodeURIComponent(raw)}`);
		expect(state).toEqual(defaultState(schema));
		expect(notices).toHaveLength(1);
		expectCleanNotice(notices[0], key, raw, schema[key as keyof typeof schema].expected);
	});

	it('ignores hostile values on every key with a clean notice', () => {
		for (const key of Object.keys(schema)) {
			for (const raw of HOSTILE_QUERY_VALUES) {
				const { state, notices } = parseState(schema, new URLSearchParams([[key, raw]]));
				expect(state).toEqual(defaultState(schema));
				expect(notices).toHaveLength(1);
				expectCleanNotice(notices[0], key, raw, schema[key as keyof typeof schema].expected);
			}
		}
	});

	it('trained weights: none ships, so the notice says so and random weights are used', () => {
		const params = new URLSearchParams('weights=trained');
		const { state } = parseState(schema, params);
		const notices: string[] = [];
		const next: ReceptiveFieldState = reconcileReceptiveFieldState(state, params, notices);
		expect(next.weights).toBe('random');
		expect(notices[0]).toMatch(/No trained model/);
	});

	it('layers without arch=custom are reported, not silently applied', () => {
		const params = new URLSearchParams('layers=c5');
		const notices: string[] = [];
		reconcileReceptiveFieldState(parseState(schema, params).state, params, notices);
		expect(notices).toEqual(['Ignored layers=…: it applies only with arch=custom.']);
	});
});
