// The copy a chart keeps of what it drew, and the comparison that spares a redraw: equal figures
// in new arrays are the same; NaN is NaN; anything changed, reshaped, retyped or opaque is not.
import { describe, expect, it } from 'vitest';
import { copyDrawn, sameAsDrawn } from '$lib/viz/drawnData';

class Model {
	weights = [1, 2];
}
const format = (v: number) => v.toFixed(1);

describe('drawnData', () => {
	it.each([
		['numbers with NaN', [1, NaN, -0.5], [1, NaN, -0.5]],
		[
			'series objects',
			[{ name: 'bn', x: [0, 1], y: new Float32Array([2, 3]) }],
			[{ name: 'bn', x: [0, 1], y: new Float32Array([2, 3]) }]
		],
		[
			'options with a function kept by identity',
			{ width: 300, tick: format },
			{ width: 300, tick: format }
		],
		['null and strings', { title: null, label: 'a' }, { title: null, label: 'a' }]
	])('%s: the same', (_, before, after) => {
		expect(sameAsDrawn(after, copyDrawn(before))).toBe(true);
	});

	it.each([
		['a value', [1, 2, 3], [1, 2, 4]],
		['a length', [1, 2], [1, 2, 3]],
		['a key', { a: 1 }, { a: 1, b: undefined }],
		['a typed array type', new Float32Array([1]), new Float64Array([1])],
		['an array for a typed array', new Float32Array([1]), [1]],
		['a new function', { tick: format }, { tick: (v: number) => v.toFixed(1) }],
		['a class instance, even the same one', { m: new Model() }, null]
	])('%s changed: not the same', (_, before, after) => {
		const copy = copyDrawn(before);
		expect(sameAsDrawn(after ?? before, copy)).toBe(false);
	});

	it('keeps a copy: a change in place after the draw is seen', () => {
		const y = new Float32Array([1, 2]);
		const series = [{ x: [0, 1], y }];
		const copy = copyDrawn(series);
		y[1] = 5;
		series[0].x.push(2);
		expect(sameAsDrawn(series, copy)).toBe(false);
	});
});
