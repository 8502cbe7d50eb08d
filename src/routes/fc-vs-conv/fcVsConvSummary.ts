import { convolutionCost, fullyConnectedCost } from '$lib/engine/layerCost';

/** The layer sizes a summary is made from: the image's H × W × C, N units or kernels, k. */
export interface CostSettings {
	height: number;
	width: number;
	channels: number;
	units: number;
	k: number;
}

const count = (n: number) => n.toLocaleString('en-US');

/** What a setting change did, in one sentence for a screen reader: both layers' parameters. */
export function fcVsConvSummary({ height, width, channels, units, k }: CostSettings): string {
	const fc = fullyConnectedCost(height, width, channels, units);
	const conv = convolutionCost(height, width, channels, units, k);
	return (
		`${count(units)} ${units === 1 ? 'unit' : 'units'} on a ${width}×${height}×${channels} input: ` +
		`fully connected ${count(fc.parameters)} parameters, ` +
		`${k}×${k} conv ${count(conv.parameters)}.`
	);
}
