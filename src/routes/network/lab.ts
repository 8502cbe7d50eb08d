/** The Network lab's declaration: its URL schema, and what it measures. */
import { defineLab } from '$lib/runtime/labDefinition';
import { networkSchema } from '$lib/state/networkState';

export const lab = defineLab('/network/', { schema: networkSchema });
