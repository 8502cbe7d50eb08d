import { displayName } from './displayName';

/** What the pipeline did to an image, for describeImage. */
export interface ImageJourney {
	name: string;
	/** Upright size before resizing (after EXIF orientation), in px. */
	sourceWidth: number;
	sourceHeight: number;
	/** Size the labs work on, in px. */
	width: number;
	height: number;
	/** EXIF orientation 1–8 that was applied (1 = none). */
	orientation?: number;
	/** True when some pixels were (partly) transparent and got composited over white. */
	transparent?: boolean;
	/** Extra facts, appended as they are (e.g. 'SVG drawn as pixels'). */
	notes?: readonly string[];
}

const ORIENTATION_TEXT: Record<number, string> = {
	2: 'EXIF mirrored',
	3: 'EXIF rotated 180°',
	4: 'EXIF flipped vertically',
	5: 'EXIF rotated 90° and mirrored',
	6: 'EXIF rotated 90°',
	7: 'EXIF rotated 270° and mirrored',
	8: 'EXIF rotated 270°'
};

/**
 * One line saying what happened to the image on its way in, e.g.
 * `cat.jpg · 4032×3024 → 512×384 · EXIF rotated 90°`. The size shows an arrow only when the
 * image was downscaled. The name is shown as displayName makes it: no bidi controls to spoof
 * the line, a long one shortened.
 */
export function describeImage(journey: ImageJourney): string {
	const { name, sourceWidth, sourceHeight, width, height } = journey;
	const resized = sourceWidth !== width || sourceHeight !== height;
	const parts = [
		displayName(name),
		resized ? `${sourceWidth}×${sourceHeight} → ${width}×${height}` : `${width}×${height}`
	];
	const turned = ORIENTATION_TEXT[journey.orientation ?? 1];
	if (turned) parts.push(turned);
	if (journey.transparent) parts.push('transparency on white');
	parts.push(...(journey.notes ?? []));
	return parts.join(' · ');
}
