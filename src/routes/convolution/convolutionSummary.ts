import type { ConvolutionSnapshot } from './convolutionSnapshot';

/**
 * What a setting change did, in one sentence for a screen reader, from the result on screen
 * (never from settings that may not have been computed yet).
 */
export function convolutionSummary(
	snapshot: Pick<ConvolutionSnapshot, 'maps' | 'image' | 'geometry' | 'view'>
): string {
	const { maps, image, geometry } = snapshot;
	const { kernelSize: k, stride, dilation, padding } = geometry;
	const pad = typeof padding === 'number' ? `padding ${padding}` : `'${padding}' padding`;
	const what = snapshot.view === 'gradient' ? 'Edge-strength map' : 'Feature map';
	return (
		`${what} ${maps.width}×${maps.height} from the ${image.width}×${image.height} image: ` +
		`${k}×${k} kernel, stride ${stride}, dilation ${dilation}, ${pad}.`
	);
}
