/**
 * What the kernel controls do to the lab's state: pick a preset (or keep the current weights as
 * a custom kernel), change k (a custom kernel is resized, centred), roll a new random kernel.
 */
import { presetKernel, type KernelPreset } from '$lib/engine/kernelPresets';
import { resizeKernel } from '$lib/engine/resizeKernel';
import type { ConvolutionState } from '$lib/state/convolutionState';

/** The k×k weights the state names. */
export function kernelOf(state: Pick<ConvolutionState, 'kernel' | 'k'>): Float32Array {
	return state.kernel.kind === 'preset'
		? presetKernel(state.kernel.name as KernelPreset, state.k)
		: Float32Array.from(state.kernel.values);
}

/** 'custom' turns the kernel on screen into editable weights. */
export function choosePreset(state: ConvolutionState, name: string, shown: Float32Array): void {
	state.kernel =
		name === 'custom'
			? { kind: 'values', size: state.k, values: Array.from(shown) }
			: { kind: 'preset', name: name as KernelPreset };
}

export function chooseSize(state: ConvolutionState, k: number): void {
	if (state.kernel.kind === 'values')
		state.kernel = {
			kind: 'values',
			size: k,
			values: resizeKernel(state.kernel.values, state.k, k)
		};
	state.k = k;
}

export function rollRandomKernel(state: ConvolutionState, seed: number): void {
	state.kernel = {
		kind: 'values',
		size: state.k,
		values: Array.from(presetKernel('random', state.k, seed))
	};
}
