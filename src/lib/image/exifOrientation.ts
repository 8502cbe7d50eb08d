import { hasAscii, u16, u32, u8 } from './byteReader';
import { jpegSegments } from './jpegSegments';

const ORIENTATION_TAG = 0x0112;
const EXIF_HEADER = 'Exif\0\0';
/** No real IFD0 has more entries; a larger count means garbage. */
const MAX_IFD_ENTRIES = 1000;

/**
 * The EXIF orientation tag (1–8) of a photo: from a JPEG's APP1 "Exif" segment, a PNG's eXIf
 * chunk or a WebP's EXIF chunk, in either byte order. Never throws: every read is
 * bounds-checked, and anything missing, unreadable or out of range gives 1 (upright).
 *
 * @param bytes the whole file
 * @returns 1 = as stored, 2 = mirrored, 3 = 180°, 4 = flipped vertically, 5 = transposed,
 *   6 = needs 90° clockwise, 7 = transversed, 8 = needs 90° counter-clockwise
 */
export function readExifOrientation(bytes: Uint8Array): number {
	const tiff = findTiffBlock(bytes);
	return tiff ? orientationFromTiff(bytes, tiff.start, tiff.end) : 1;
}

/** Where the TIFF structure holding the EXIF tags lies, per container format. */
function findTiffBlock(bytes: Uint8Array): { start: number; end: number } | null {
	if (u8(bytes, 0) === 0xff && u8(bytes, 1) === 0xd8) {
		for (const { marker, dataStart, dataEnd } of jpegSegments(bytes)) {
			if (marker === 0xe1 && hasAscii(bytes, dataStart, EXIF_HEADER)) {
				return { start: dataStart + EXIF_HEADER.length, end: dataEnd };
			}
		}
		return null;
	}
	if (hasAscii(bytes, 1, 'PNG')) return findPngExif(bytes);
	if (hasAscii(bytes, 0, 'RIFF') && hasAscii(bytes, 8, 'WEBP')) return findWebpExif(bytes);
	return null;
}

function findPngExif(bytes: Uint8Array): { start: number; end: number } | null {
	// Chunks: length (4), type (4), data, CRC (4). Orientation only counts before image data.
	for (let at = 8; at + 8 <= bytes.length;) {
		const length = u32(bytes, at);
		const start = at + 8;
		if (length < 0 || start + length > bytes.length) return null;
		if (hasAscii(bytes, at + 4, 'eXIf')) return { start, end: start + length };
		if (hasAscii(bytes, at + 4, 'IDAT') || hasAscii(bytes, at + 4, 'IEND')) return null;
		at = start + length + 4;
	}
	return null;
}

function findWebpExif(bytes: Uint8Array): { start: number; end: number } | null {
	// RIFF chunks: fourcc (4), little-endian size (4), data padded to an even length.
	for (let at = 12; at + 8 <= bytes.length;) {
		const size = u32(bytes, at + 4, true);
		const start = at + 8;
		if (size < 0 || start + size > bytes.length) return null;
		if (hasAscii(bytes, at, 'EXIF')) {
			// Some writers keep JPEG's "Exif\0\0" prefix inside the chunk.
			const skip = hasAscii(bytes, start, EXIF_HEADER) ? EXIF_HEADER.length : 0;
			return { start: start + skip, end: start + size };
		}
		at = start + size + (size & 1);
	}
	return null;
}

function orientationFromTiff(bytes: Uint8Array, start: number, end: number): number {
	const view = bytes.subarray(0, end);
	let le: boolean;
	if (hasAscii(view, start, 'II')) le = true;
	else if (hasAscii(view, start, 'MM')) le = false;
	else return 1;
	if (u16(view, start + 2, le) !== 42) return 1;
	const ifd = start + u32(view, start + 4, le);
	const count = u16(view, ifd, le);
	if (count < 0 || count > MAX_IFD_ENTRIES) return 1;
	for (let i = 0; i < count; i++) {
		// Entry: tag (2), type (2), count (4), value or offset (4).
		const entry = ifd + 2 + 12 * i;
		if (u16(view, entry, le) !== ORIENTATION_TAG) continue;
		const type = u16(view, entry + 2, le);
		// SHORT per the standard; a few writers use LONG.
		const value =
			type === 3 ? u16(view, entry + 8, le) : type === 4 ? u32(view, entry + 8, le) : -1;
		return value >= 1 && value <= 8 ? value : 1;
	}
	return 1;
}

/**
 * Rotates/flips RGBA pixels so that a photo with EXIF `orientation` appears upright.
 * Orientations 5–8 swap width and height. Anything outside 1–8 is treated as 1.
 *
 * @param rgba pixels [height, width, 4], row-major (not modified)
 * @param width stored width
 * @param height stored height
 * @param orientation EXIF orientation 1–8
 * @returns upright pixels [height', width', 4]; for orientation 1, `rgba` itself
 */
export function orientPixels(
	rgba: Uint8ClampedArray,
	width: number,
	height: number,
	orientation: number
): { data: Uint8ClampedArray; width: number; height: number } {
	const whole = Number.isInteger(width) && Number.isInteger(height) && width >= 0 && height >= 0;
	if (!whole || rgba.length !== width * height * 4) {
		throw new RangeError(`orientPixels: ${rgba.length} values do not fit ${width}×${height}×4`);
	}
	if (!Number.isInteger(orientation) || orientation < 2 || orientation > 8) {
		return { data: rgba, width, height };
	}
	const swap = orientation >= 5;
	const outW = swap ? height : width;
	const outH = swap ? width : height;
	// For each output pixel (x, y), the stored pixel it shows.
	const source: (x: number, y: number) => number = {
		2: (x: number, y: number) => y * width + (width - 1 - x),
		3: (x: number, y: number) => (height - 1 - y) * width + (width - 1 - x),
		4: (x: number, y: number) => (height - 1 - y) * width + x,
		5: (x: number, y: number) => x * width + y,
		6: (x: number, y: number) => (height - 1 - x) * width + y,
		7: (x: number, y: number) => (height - 1 - x) * width + (width - 1 - y),
		8: (x: number, y: number) => x * width + (width - 1 - y)
	}[orientation as 2 | 3 | 4 | 5 | 6 | 7 | 8];
	const data = new Uint8ClampedArray(rgba.length);
	for (let y = 0; y < outH; y++) {
		for (let x = 0; x < outW; x++) {
			const from = source(x, y) * 4;
			const to = (y * outW + x) * 4;
			data[to] = rgba[from];
			data[to + 1] = rgba[from + 1];
			data[to + 2] = rgba[from + 2];
			data[to + 3] = rgba[from + 3];
		}
	}
	return { data, width: outW, height: outH };
}
