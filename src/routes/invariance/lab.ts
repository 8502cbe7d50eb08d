/** The Invariance lab's declaration: the conv bank in front, the shift, their rules, what it measures. */
import { defineLab } from '$lib/runtime/labDefinition';
import { convBankFields } from '$lib/state/convBankState';
import { invarianceSchema, reconcileInvariance } from '$lib/state/invarianceState';
import { leastChangePrediction, SHIFT_ONE_OBSERVABLES } from './prediction';

export const lab = defineLab('/invariance/', {
	schema: () => ({ ...convBankFields(), ...invarianceSchema() }),
	reconcile: reconcileInvariance,
	observables: {
		shift: 'the shift in pixels (the larger of |dx| and |dy|)',
		interiorMax: 'largest |maps shifted back − maps of the original| away from the border',
		borderMax: 'largest |maps shifted back − maps of the original| anywhere (the border strips)',
		...SHIFT_ONE_OBSERVABLES
	},
	predictions: [leastChangePrediction]
});
