/** The Invariance lab's declaration: the conv bank in front, the shift, their rules, what it measures. */
import { defineLab } from '$lib/runtime/labDefinition';
import { convBankFields } from '$lib/state/convBankState';
import { invarianceSchema, reconcileInvariance } from '$lib/state/invarianceState';
import { poolingCode } from '$lib/codegen/labCode';
import { leastChangePrediction, SHIFT_ONE_OBSERVABLES } from './prediction';

export const lab = defineLab('/invariance/', {
	schema: () => ({ ...convBankFields(), ...invarianceSchema() }),
	reconcile: reconcileInvariance,
	observables: {
		imageHeight: 'height of the image, in pixels',
		imageWidth: 'width of the image, in pixels',
		shift: 'the shift in pixels (the larger of |dx| and |dy|)',
		interiorMax: 'largest |maps shifted back − maps of the original| away from the border',
		borderMax: 'largest |maps shifted back − maps of the original| anywhere (the border strips)',
		...SHIFT_ONE_OBSERVABLES
	},
	predictions: [leastChangePrediction],
	// The conv bank and the curve's 2×2/2 max-pool (its other representations branch off the same maps).
	code: (s, o) =>
		typeof o.imageHeight === 'number' && typeof o.imageWidth === 'number'
			? poolingCode({
					height: o.imageHeight,
					width: o.imageWidth,
					channels: s.input === 'rgb' ? 3 : 1,
					kernels: s.bank.length,
					kernelSize: s.bk,
					relu: s.relu,
					pool: 'max',
					size: 2,
					stride: 2
				})
			: null
});
