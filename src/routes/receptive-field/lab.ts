/** The Receptive-field lab's declaration: its URL schema and rules, and what it measures. */
import { defineLab } from '$lib/runtime/labDefinition';
import { receptiveFieldSchema, reconcileReceptiveFieldState } from '$lib/state/receptiveFieldState';

export const lab = defineLab('/receptive-field/', {
	schema: receptiveFieldSchema,
	reconcile: (state, notices, params) => reconcileReceptiveFieldState(state, params, notices),
	// A custom stack travels only with arch=custom; a preset needs no layer list.
	toUrl: (state) => {
		const schema = receptiveFieldSchema();
		return {
			...state,
			layers: state.arch === 'custom' ? state.layers : schema.layers.default,
			layersb: state.archb === 'custom' ? state.layersb : schema.layersb.default
		};
	}
});
