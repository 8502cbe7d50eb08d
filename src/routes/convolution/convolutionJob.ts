/**
 * The Convolution lab's engine call: the prepared image and the settings of one request →
 * the snapshot the page shows (the maps, plus exactly what they were computed from).
 */
import { convolve } from '$lib/engine/convolution';
import { gradientMagnitude } from '$lib/engine/gradientMagnitude';
import type { PreparedImage } from '$lib/engine/preparedImage';
import type { ConvolutionSnapshot } from './convolutionSnapshot';

export type ConvolutionRequest = Omit<ConvolutionSnapshot, 'maps'> & { prepared: PreparedImage };

/** Resolves null when the image went away meanwhile (a request queued before it changed). */
export async function convolutionJob(
	request: ConvolutionRequest
): Promise<ConvolutionSnapshot | null> {
	const { prepared, ...settings } = request;
	if (prepared.isDisposed) return null;
	const { kernel, geometry, mode } = settings;
	const maps =
		settings.view === 'gradient'
			? await gradientMagnitude(prepared, kernel, geometry, mode)
			: await convolve(prepared, kernel, geometry, mode);
	return { maps, ...settings };
}
