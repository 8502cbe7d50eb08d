import { describe, expect, it } from 'vitest';
import { presetKernel } from '$lib/engine/kernelPresets';
import type { ConvolutionState } from '$lib/state/convolutionState';
import {
	choosePreset,
	chooseSize,
	kernelOf,
	rollRandomKernel
} from '../../../src/routes/convolution/kernelChoice';

function state(over: Partial<ConvolutionState> = {}): ConvolutionState {
	return {
		kernel: { kind: 'preset', name: 'sobel-x' },
		k: 3,
		stride: 1,
		pad: 'same',
		dil: 1,
		mode: 'gray',
		clip: true,
		view: 'single',
		log: false,
		px: null,
		...over
	} as ConvolutionState;
}

describe('the kernel controls', () => {
	it('a preset names its weights; custom weights are the kernel', () => {
		expect(Array.from(kernelOf(state()))).toEqual([-1, 0, 1, -2, 0, 2, -1, 0, 1]);
		const custom = state({ kernel: { kind: 'values', size: 2, values: [1, 2, 3, 4] }, k: 2 });
		expect(Array.from(kernelOf(custom))).toEqual([1, 2, 3, 4]);
	});

	it("'custom' keeps the weights on screen as editable values; a preset name replaces them", () => {
		const s = state();
		choosePreset(s, 'custom', Float32Array.from([0, 0, 0, 0, 7, 0, 0, 0, 0]));
		expect(s.kernel).toEqual({ kind: 'values', size: 3, values: [0, 0, 0, 0, 7, 0, 0, 0, 0] });
		choosePreset(s, 'box', new Float32Array(9));
		expect(s.kernel).toEqual({ kind: 'preset', name: 'box' });
	});

	it('a new k resizes custom weights around the centre and leaves a preset by name', () => {
		const s = state({ kernel: { kind: 'values', size: 3, values: [1, 2, 3, 4, 5, 6, 7, 8, 9] } });
		chooseSize(s, 5);
		expect(s.k).toBe(5);
		// hand-computed: the 3×3 block sits in the middle of a zero 5×5
		expect(s.kernel).toEqual({
			kind: 'values',
			size: 5,
			values: [0, 0, 0, 0, 0, 0, 1, 2, 3, 0, 0, 4, 5, 6, 0, 0, 7, 8, 9, 0, 0, 0, 0, 0, 0]
		});
		chooseSize(s, 1);
		expect(s.kernel).toEqual({ kind: 'values', size: 1, values: [5] });
		const p = state();
		chooseSize(p, 7);
		expect(p).toMatchObject({ k: 7, kernel: { kind: 'preset', name: 'sobel-x' } });
	});

	it('a new random kernel is the seeded random preset at the current k, as values', () => {
		const s = state({ k: 4 });
		rollRandomKernel(s, 3);
		expect(s.kernel.kind).toBe('values');
		if (s.kernel.kind !== 'values') return;
		expect(s.kernel.size).toBe(4);
		expect(s.kernel.values).toEqual(Array.from(presetKernel('random', 4, 3)));
		rollRandomKernel(s, 4);
		expect(s.kernel.values).not.toEqual(Array.from(presetKernel('random', 4, 3)));
	});
});
