// The segmentation lab's URL state: defaults, round trip, hostile values ignored with a notice.
import { describe, expect, it } from 'vitest';
import { readLabState } from '../../../src/lib/state/labUrlState';
import { serializeState } from '../../../src/lib/state/urlSchema';
import {
	reconcileSegmentation,
	segmentationSchema
} from '../../../src/lib/state/segmentationState';

const read = (query: string) =>
	readLabState(segmentationSchema(), new URLSearchParams(query), reconcileSegmentation);

describe('segmentation URL state', () => {
	it('defaults', () => {
		const { state, notices } = read('');
		expect(state).toMatchObject({
			mode: 'scribble',
			src: 'scene',
			depth: 3,
			skips: true,
			up: 'transposed',
			upk: 3,
			classes: 2
		});
		expect(notices).toEqual([]);
	});

	it('round-trips every setting', () => {
		const q =
			'mode=pretrained&src=image&seed=42&res=96&depth=4&base=16&skips=false&up=resize&upk=4&bn=true&classes=4&brush=9&opacity=20&level=3';
		const { state, notices } = read(q);
		expect(notices).toEqual([]);
		const again = read(serializeState(segmentationSchema(), state).toString());
		expect(again.state).toEqual(state);
	});

	it.each([
		'depth=5',
		'depth=1',
		'classes=5',
		'res=100',
		'mode=<script>',
		'upk=1e0',
		'skips=yes',
		'opacity=-1'
	])('%s is ignored with a notice', (q) => {
		const { state, notices } = read(q);
		expect(notices.length).toBeGreaterThan(0);
		expect(state).toEqual(read('').state);
	});

	it('a level beyond the bottleneck falls back to it, with a notice', () => {
		const { state, notices } = read('depth=2&level=3');
		expect(state.level).toBe(1);
		expect(notices.join(' ')).toMatch(/level=3 to level=1/);
	});
});
