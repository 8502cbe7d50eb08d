import { readExifOrientation } from './exifOrientation';
import { ImageError } from './imageError';
import { looksTruncated, readImageHeader } from './imageHeader';
import {
	ACCEPTED_KINDS_TEXT,
	KIND_NAMES,
	sniffImageType,
	sniffUnsupportedType,
	type ImageKind
} from './sniffImageType';

/**
 * What the browser is asked to decode at most. A decoded image costs 4 bytes per pixel (plus
 * copies while resizing), so 40 megapixels ≈ 160 MB is the largest a phone-class tab survives.
 */
export const LIMITS = {
	maxFileBytes: 50 * 1024 * 1024,
	/** ≈ 6300 × 6300 */
	maxPixels: 40_000_000,
	/** Canvas side limit in common browsers. */
	maxSide: 16384
} as const;

/** What validateImageBytes learned from the bytes alone. */
export interface ImageFileInfo {
	kind: ImageKind;
	/** Stored (coded) size in px, before EXIF orientation; 0 × 0 for an SVG with no declared size. */
	width: number;
	height: number;
	/** EXIF orientation 1–8 (1 when absent). */
	orientation: number;
}

/**
 * The checks that need only the file's size: run before reading the file, so that a huge file
 * is refused without ever being loaded into memory.
 *
 * @param size file size in bytes (File.size)
 * @throws ImageError 'empty' for 0 bytes, 'too-large-file' above LIMITS.maxFileBytes
 */
export function checkFileSize(size: number): void {
	if (!(size > 0)) {
		throw new ImageError(
			'empty',
			'This file is empty (0 bytes), so there is no picture in it. Choose another file, or save the image again and retry.'
		);
	}
	if (size > LIMITS.maxFileBytes) {
		throw new ImageError(
			'too-large-file',
			`This file is ${megabytes(size)} MB; ConvLab opens files up to ${megabytes(LIMITS.maxFileBytes)} MB. ` +
				'Save a smaller copy (for example a JPEG at a lower resolution) and try again.'
		);
	}
}

/**
 * Everything that can be checked from the bytes before decoding: size, format (by magic
 * number), header, pixel count and completeness. Run it before handing a file to the browser's
 * decoder, so that nothing the decoder would choke on (or run out of memory on) gets there.
 *
 * @param bytes the whole file
 * @returns the format, stored size and EXIF orientation
 * @throws ImageError 'empty' | 'too-large-file' | 'not-an-image' | 'unsupported' | 'corrupt' |
 *   'too-many-pixels', each with a message for the user
 */
export function validateImageBytes(bytes: Uint8Array): ImageFileInfo {
	checkFileSize(bytes.length);
	const kind = sniffImageType(bytes);
	if (kind === null) throw unknownFormat(bytes);
	const name = KIND_NAMES[kind];
	const size = readImageHeader(bytes, kind);
	// An SVG need not declare a size (it is drawn at the working size); every raster must.
	if (size === null && kind !== 'svg') {
		throw new ImageError(
			'corrupt',
			`This ${name} file is damaged: its header does not say how big the picture is. ` +
				'Open it in an image editor and save it again, or choose another file.'
		);
	}
	const width = size?.width ?? 0;
	const height = size?.height ?? 0;
	// An SVG is rasterised at the working size, never at its declared size, so that cannot overflow
	// (the pictures it embeds are checked by svgContent.ts before it is drawn).
	if (kind !== 'svg' && tooManyPixels(width, height)) {
		throw new ImageError(
			'too-many-pixels',
			`This image is ${width} × ${height} pixels (${megapixels(width * height)} megapixels); ` +
				`ConvLab opens images up to ${LIMITS.maxPixels / 1e6} megapixels and ${LIMITS.maxSide} pixels on a side. ` +
				'Resize it (for example to 4000 pixels on the longer side) and try again.'
		);
	}
	if (looksTruncated(bytes, kind)) {
		throw new ImageError(
			'corrupt',
			`This ${name} file ends early, so part of the picture is missing — it was probably cut off while downloading or copying. ` +
				'Download or copy it again, then retry.'
		);
	}
	return { kind, width, height, orientation: readExifOrientation(bytes) };
}

function tooManyPixels(width: number, height: number): boolean {
	return width > LIMITS.maxSide || height > LIMITS.maxSide || width * height > LIMITS.maxPixels;
}

function unknownFormat(bytes: Uint8Array): ImageError {
	const known = sniffUnsupportedType(bytes);
	if (known !== null) {
		const hint = known.startsWith('HEIC')
			? ' (iPhones save HEIC by default; choose "Most Compatible" in the camera settings, or export the photo as JPEG)'
			: '';
		return new ImageError(
			'unsupported',
			`This looks like a ${known} file, which browsers cannot open${hint}. ` +
				`Convert it to ${ACCEPTED_KINDS_TEXT} — most image apps can "Export" or "Save as" JPEG or PNG — and try again.`
		);
	}
	return new ImageError(
		'not-an-image',
		"This file is not an image ConvLab can read: its contents don't match any picture format, whatever its name says. " +
			`Choose a ${ACCEPTED_KINDS_TEXT} file.`
	);
}

function megabytes(bytes: number): string {
	const mb = bytes / (1024 * 1024);
	return mb >= 10 ? mb.toFixed(0) : mb.toFixed(1);
}

function megapixels(pixels: number): string {
	const mp = pixels / 1e6;
	return mp >= 10 ? mp.toFixed(0) : mp.toFixed(1);
}
