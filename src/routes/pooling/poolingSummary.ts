import type { PoolingResult } from './poolingJob';

const MODE_NAMES: Record<string, string> = {
	max: 'max',
	avg: 'average',
	gmax: 'global max',
	gavg: 'global average'
};

/** What a setting change did, in one sentence for a screen reader, from the result on screen. */
export function poolingSummary(
	result: Pick<PoolingResult, 'before' | 'pooled' | 'settings'>
): string {
	const { before, pooled, settings } = result;
	const mode = MODE_NAMES[settings.mode] ?? settings.mode;
	const window = settings.mode.startsWith('g')
		? `${mode} pooling`
		: `${settings.size}×${settings.size} ${mode} pooling, stride ${settings.stride}`;
	return `${window}: ${before.width}×${before.height} maps pooled to ${pooled.width}×${pooled.height}.`;
}
