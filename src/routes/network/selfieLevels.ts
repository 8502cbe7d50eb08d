/**
 * The selfie network's levels as the Network lab shows them: the stem conv itself (3×3,
 * stride 2, bias and hard-swish: node `mul_1`), then the shared SELFIE_LEVELS, whose first
 * level (`re_lu`) is the 1×1 conv + ReLU that follows the stem. Showing the stem's own output
 * lets the inspector give a stem unit's real kernels and dot product on the RGB input.
 */
import { SELFIE_LEVELS, type SelfieLevel } from '$lib/engine/selfieLevels';

export const NETWORK_SELFIE_LEVELS: readonly SelfieLevel[] = [
	{
		node: 'mul_1',
		label: 'Stem conv 3×3, stride 2, hard-swish',
		part: 'encoder',
		shape: [128, 128, 16]
	},
	{ ...SELFIE_LEVELS[0], label: '1×1 conv, ReLU' },
	...SELFIE_LEVELS.slice(1)
];
