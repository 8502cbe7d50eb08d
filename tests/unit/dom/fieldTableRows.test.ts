/**
 * The Receptive-field lab's per-layer table draws a long stack's rows a few at a time: laid out at
 * once, a 64-layer table's ~1,300 cells took one frame ~35 ms of CPU. The first rows come at once,
 * the rest after paints, and in the end every layer has its row with its own numbers.
 */
import { render } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { chain, layer } from '$lib/engine/architectures/architecture';
import { receptiveField } from '$lib/engine/receptiveField';
import FieldTable from '../../../src/routes/receptive-field/FieldTable.svelte';
import { useFakeFrames } from './fakeFrames';

let frame: () => void;
beforeEach(() => ({ frame } = useFakeFrames()));
afterEach(() => {
	vi.useRealTimers();
	vi.unstubAllGlobals();
});

describe('FieldTable', () => {
	it('draws a 64-layer table 16 rows a task, ending with every layer and its field', () => {
		const arch = chain(
			'deep',
			'64 × c3',
			Array.from({ length: 64 }, (_, i) => ({ name: `c${i + 1}`, op: layer('conv', 3) }))
		);
		const { getByTestId } = render(FieldTable, {
			title: 'A',
			table: receptiveField(arch, 256, 256),
			selected: null,
			onselect: () => {},
			fileParts: ['rf'],
			testid: 'rf-table-a'
		});
		const rows = () => getByTestId('rf-table-a').querySelectorAll('tbody tr[data-index]');
		expect(rows()).toHaveLength(16);
		frame();
		expect(rows()).toHaveLength(32);
		for (let i = 0; i < 4; i++) frame();
		expect(rows()).toHaveLength(64);
		// a stack of 3×3 convs, stride 1: layer l sees 2l + 1 pixels
		const last = rows()[63].querySelector('td.rf');
		expect(last?.textContent).toBe('129');
	});
});
