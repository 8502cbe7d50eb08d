/** The Invariance lab's declaration: the conv bank in front, the shift, and their rules. */
import { defineLab } from '$lib/runtime/labDefinition';
import { convBankFields } from '$lib/state/convBankState';
import { invarianceSchema, reconcileInvariance } from '$lib/state/invarianceState';

export const lab = defineLab('/invariance/', {
	schema: () => ({ ...convBankFields(), ...invarianceSchema() }),
	reconcile: reconcileInvariance
});
