/** The FC-vs-conv lab's declaration: its URL schema, and what it measures. */
import { defineLab } from '$lib/runtime/labDefinition';
import { fcVsConvSchema } from '$lib/state/fcVsConvState';

export const lab = defineLab('/fc-vs-conv/', { schema: fcVsConvSchema });
