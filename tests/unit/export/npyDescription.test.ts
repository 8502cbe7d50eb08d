import { describe, expect, it } from 'vitest';
import { npyDescription } from '$lib/export/npyDescription';

describe('npyDescription', () => {
	it.each<[number, readonly string[] | undefined, string]>([
		[4, ['R', 'G', 'B', 'sum'], 'float32 array, shape [3, 5, 4]; channels in order R, G, B, sum'],
		// /pooling: four kernels' maps, not colours
		[
			4,
			['Sobel x', 'Sobel y', 'Laplacian', 'Box'],
			'float32 array, shape [3, 5, 4]; channels in order Sobel x, Sobel y, Laplacian, Box'
		],
		// /network: a Grad-CAM map is no luma
		[
			1,
			['Grad-CAM for Sneaker'],
			'float32 array, shape [3, 5, 1]; one channel: Grad-CAM for Sneaker'
		],
		[1, undefined, 'float32 array, shape [3, 5, 1]; one channel'],
		[4, undefined, 'float32 array, shape [3, 5, 4]; 4 channels'],
		// names that do not match the channels are not used
		[4, ['R', 'G', 'B'], 'float32 array, shape [3, 5, 4]; 4 channels']
	])('%i channels named %j', (channels, names, expected) => {
		expect(npyDescription(3, 5, channels, names)).toBe(expected);
	});
});
