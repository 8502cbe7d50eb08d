/** The Receptive-field lab's declaration: its URL schema and rules, and what it measures. */
import { defineLab } from '$lib/runtime/labDefinition';
import { receptiveFieldSchema, reconcileReceptiveFieldState } from '$lib/state/receptiveFieldState';
import { receptiveFieldCode } from '$lib/codegen/labCode';
import { largerFieldPrediction } from './prediction';
import { buildArch } from './selection';

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
	},
	// Sizes in input pixels; "h / w" where the two axes differ (a non-square image with 'same').
	observables: {
		imageHeight: 'height of the image the stacks read, in pixels',
		imageWidth: 'width of the image the stacks read, in pixels',
		rf: 'theoretical receptive field of the selected unit (px)',
		jump: 'jump (effective stride) of the selected unit’s layer (px)',
		start: 'centre of the first unit of the selected layer (px)',
		outputSize: 'output size of the selected layer, H×W',
		rfA: 'theoretical receptive field of stack A’s last layer (px)',
		rfB: 'theoretical receptive field of stack B’s last layer (px)',
		paramsA: 'weights of stack A',
		paramsB: 'weights of stack B',
		macsA: 'multiply-adds of stack A for this image',
		macsB: 'multiply-adds of stack B for this image',
		erfRadius: 'half-width around the selected unit holding 95 % of its ERF (px)',
		erfSigma: 'σ of the selected unit’s ERF (px)'
	},
	predictions: [largerFieldPrediction],
	code: (s, o) =>
		typeof o.imageHeight === 'number' && typeof o.imageWidth === 'number'
			? receptiveFieldCode(
					buildArch(s.arch, s.layers, 'Custom stack A'),
					buildArch(s.archb, s.layersb, 'Custom stack B'),
					{ channels: 3, height: o.imageHeight, width: o.imageWidth }
				)
			: null
});
