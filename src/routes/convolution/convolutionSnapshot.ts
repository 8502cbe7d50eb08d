/**
 * Everything the Convolution lab shows below the controls comes from one snapshot: the feature
 * maps and the exact image, kernel and geometry they were computed from. Deriving the hover
 * arithmetic, the window centre and the row profile from the snapshot (not from the live
 * controls) keeps them consistent while a new result is still being computed.
 */
import { axisPadding, type ConvGeometry } from '$lib/engine/convArithmetic';
import type { ConvMode, FeatureMaps } from '$lib/engine/convolution';
import { dotProductAt, type KernelTap } from '$lib/engine/dotProduct';
import type { SourceImage } from '$lib/image/decodeImage';
import type { Pixel } from '$lib/types/mapData';

export interface ConvolutionSnapshot {
	maps: FeatureMaps;
	image: SourceImage;
	/** [height, width] luma of `image` */
	luma: Float32Array;
	kernel: Float32Array;
	geometry: ConvGeometry;
	mode: ConvMode;
	/** single: the kernel's maps; gradient: gx, gy (kernel transposed) and √(gx² + gy²) */
	view: 'single' | 'gradient';
}

export type { Pixel };

/** The channel a conv layer would output: the R+G+B sum in RGB mode, luma in gray mode. */
export function mainChannel(snapshot: ConvolutionSnapshot): number {
	return snapshot.maps.channels - 1;
}

/**
 * The channel that holds `kernel`'s own response, i.e. the dot product at a pixel: the main
 * channel, except in the gradient view, where it is gx (the magnitude is no dot product).
 */
export function kernelChannel(snapshot: ConvolutionSnapshot): number {
	return snapshot.view === 'gradient' ? 0 : mainChannel(snapshot);
}

/** Clamp a requested output pixel into the map; null when the map is empty. */
export function clampPixel(snapshot: ConvolutionSnapshot, pick: Pixel | null): Pixel | null {
	const { height, width } = snapshot.maps;
	if (height === 0 || width === 0) return null;
	const p = pick ?? { y: Math.floor(height / 2), x: Math.floor(width / 2) };
	return {
		y: Math.max(0, Math.min(p.y, height - 1)),
		x: Math.max(0, Math.min(p.x, width - 1))
	};
}

/** Per input channel: every tap's weight × value and their sum, for output pixel `pixel`. */
export function productsAt(
	snapshot: ConvolutionSnapshot,
	pixel: Pixel
): { name: string; taps: KernelTap[]; sum: number }[] {
	const { image, luma, kernel, geometry, mode } = snapshot;
	const at = (plane: Float32Array) =>
		dotProductAt(plane, image.height, image.width, kernel, geometry, pixel.y, pixel.x);
	if (mode === 'gray') return [{ name: 'luma', ...at(luma) }];
	return ['R', 'G', 'B'].map((name, c) => {
		const plane = new Float32Array(image.width * image.height);
		for (let i = 0; i < plane.length; i++) plane[i] = image.rgb[i * 3 + c];
		return { name, ...at(plane) };
	});
}

/** Input coordinate (possibly fractional for even reach) under the centre of output x along one axis. */
function centreAlong(out: number, n: number, geometry: ConvGeometry): number {
	const reach = (geometry.kernelSize - 1) * geometry.dilation;
	return out * geometry.stride - axisPadding(n, geometry).before + reach / 2;
}

/** The input pixel at the centre of the window behind `pixel`, clamped into the image. */
export function windowCentre(snapshot: ConvolutionSnapshot, pixel: Pixel): Pixel {
	const { image, geometry } = snapshot;
	const clamp = (v: number, n: number) => Math.max(0, Math.min(n - 1, Math.round(v)));
	return {
		y: clamp(centreAlong(pixel.y, image.height, geometry), image.height),
		x: clamp(centreAlong(pixel.x, image.width, geometry), image.width)
	};
}

/**
 * The input luma along the row through the window centre, and the output row above it,
 * both against input columns so edges line up with their responses.
 */
export function rowProfile(snapshot: ConvolutionSnapshot, pixel: Pixel) {
	const { image, luma, maps, geometry } = snapshot;
	const centre = windowCentre(snapshot, pixel);
	const channel = mainChannel(snapshot);
	return [
		{
			name: `input luma, row ${centre.y}`,
			x: Array.from({ length: image.width }, (_, x) => x),
			y: Array.from({ length: image.width }, (_, x) => luma[centre.y * image.width + x]),
			color: '#888',
			dashed: true
		},
		{
			name: `output, row ${pixel.y}`,
			x: Array.from({ length: maps.width }, (_, x) => centreAlong(x, image.width, geometry)),
			y: Array.from(
				{ length: maps.width },
				(_, x) => maps.data[(pixel.y * maps.width + x) * maps.channels + channel]
			),
			color: '#e6550d'
		}
	];
}
