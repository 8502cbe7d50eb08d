import { describe, expect, it } from 'vitest';
import { LABS } from '$lib/labs';
import { hiddenKeys, isHideFlag, labQuery } from '$lib/runtime/labDefinition';
import { readLabState } from '$lib/state/labUrlState';
import { parseState } from '$lib/state/urlSchema';
import { lab as pooling } from '../../../src/routes/pooling/lab';

describe('hide flags', () => {
	const schema = pooling.schema();

	it('hides a control of the schema and an area, with 1/true/yes/empty', () => {
		const params = new URLSearchParams(
			'psize_hide=1&pstride_hide=true&cout_hide=&explain_hide=yes&relu_hide=0'
		);
		expect([...hiddenKeys(schema, params)].sort()).toEqual(['cout', 'explain', 'psize', 'pstride']);
	});

	it('is not a hide flag for a key the lab does not have', () => {
		expect(isHideFlag(schema, 'psize_hide')).toBe(true);
		expect(isHideFlag(schema, 'explain_hide')).toBe(true);
		expect(isHideFlag(schema, 'kernel_hide')).toBe(false);
		expect(isHideFlag(schema, 'psize')).toBe(false);
		expect(hiddenKeys(schema, new URLSearchParams('kernel_hide=1')).size).toBe(0);
	});

	it('the last flag given wins, as for any setting', () => {
		expect(hiddenKeys(schema, new URLSearchParams('psize_hide=1&psize_hide=0')).has('psize')).toBe(
			false
		);
	});

	it('raises no notice and is no stray; an unknown _hide key is both', () => {
		const ok = readLabState(schema, new URLSearchParams('psize_hide=1&psize=3'), pooling.reconcile);
		expect(ok.notices).toEqual([]);
		expect(ok.strays).toEqual([]);
		expect(ok.state.psize).toBe(3);
		const bad = readLabState(schema, new URLSearchParams('zoom_hide=1'), pooling.reconcile);
		expect(bad.notices).toEqual(['Ignored unknown setting "zoom_hide".']);
		expect(bad.strays).toEqual(['zoom_hide']);
	});
});

describe('labQuery: a link that puts a lab into a state', () => {
	it('writes only what differs from the defaults, then the hide flags, and reads back the same state', () => {
		const text = labQuery(pooling, { psize: 3, pstride: 3, pool: 'avg' }, ['psize', 'explain']);
		expect(text).toBe('pool=avg&psize=3&pstride=3&psize_hide=1&explain_hide=1');
		const params = new URLSearchParams(text);
		const back = parseState(pooling.schema(), params, ['psize_hide', 'explain_hide']);
		expect(back.notices).toEqual([]);
		expect(back.state).toMatchObject({ pool: 'avg', psize: 3, pstride: 3 });
		expect([...hiddenKeys(pooling.schema(), params)].sort()).toEqual(['explain', 'psize']);
	});

	it('refuses to hide a control the lab does not have', () => {
		expect(() => labQuery(pooling, {}, ['kernel'])).toThrow(RangeError);
	});
});

describe('the registry', () => {
	it('declares each lab once, and every definition loads and names its own path', async () => {
		expect(new Set(LABS.map((lab) => lab.path)).size).toBe(LABS.length);
		for (const lab of LABS) {
			const definition = await lab.definition();
			expect(definition.meta.path).toBe(lab.path);
			const schema = definition.schema();
			// Every default written to a URL reads back to itself (an empty one stays out of the URL).
			for (const [key, field] of Object.entries(schema)) {
				if (field.serialize(field.default) === '') continue;
				expect(field.parse(field.serialize(field.default)), `${lab.path} ${key}`).toEqual(
					field.default
				);
			}
		}
	});
});
