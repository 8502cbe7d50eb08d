import { hasAscii, hasBytes, u16, u24le, u32, u8 } from './byteReader';
import { isStartOfFrame, JPEG_SOS, jpegSegments } from './jpegSegments';
import type { ImageKind } from './sniffImageType';
import { readSvgSize } from './svgSize';

/** Width and height in pixels, as stored in the file (before any EXIF orientation). */
export interface PixelSize {
	width: number;
	height: number;
}

/** How far into an AVIF file to look for its `ispe` (image spatial extents) property. */
const AVIF_SCAN_LIMIT = 1 << 20;

/**
 * Pixel dimensions read from the file header without decoding: PNG IHDR, JPEG SOFn (found by
 * walking the marker segments), GIF logical screen, WebP VP8/VP8L/VP8X, BMP DIB header, AVIF
 * `ispe`, and SVG root width/height (only when the SVG declares an absolute size).
 *
 * For JPEG the size is the coded one: EXIF orientations 5–8 swap it on display.
 *
 * @param bytes the whole file (or at least its header)
 * @param kind the format, from sniffImageType
 * @returns the size, or null when the header is missing, short or garbled
 */
export function readImageHeader(bytes: Uint8Array, kind: ImageKind): PixelSize | null {
	const size = readers[kind](bytes);
	if (size === null) return null;
	const { width, height } = size;
	return Number.isInteger(width) && Number.isInteger(height) && width > 0 && height > 0
		? { width, height }
		: null;
}

const readers: Record<ImageKind, (bytes: Uint8Array) => PixelSize | null> = {
	png(bytes) {
		// The signature (8 bytes) is followed by the IHDR chunk: length, "IHDR", width, height.
		if (!hasAscii(bytes, 12, 'IHDR')) return null;
		return sized(u32(bytes, 16), u32(bytes, 20));
	},
	jpeg(bytes) {
		for (const { marker, dataStart, dataEnd } of jpegSegments(bytes)) {
			if (isStartOfFrame(marker) && dataEnd - dataStart >= 5) {
				// Payload: precision (1 byte), height (2), width (2).
				return sized(u16(bytes, dataStart + 3), u16(bytes, dataStart + 1));
			}
			if (marker === JPEG_SOS) return null;
		}
		return null;
	},
	gif(bytes) {
		return sized(u16(bytes, 6, true), u16(bytes, 8, true));
	},
	webp(bytes) {
		if (hasAscii(bytes, 12, 'VP8 ')) {
			// Lossy: 3-byte frame tag, start code 9D 01 2A, then 14-bit width and height.
			if (!hasBytes(bytes, 23, [0x9d, 0x01, 0x2a])) return null;
			const w = u16(bytes, 26, true);
			const h = u16(bytes, 28, true);
			return w < 0 || h < 0 ? null : sized(w & 0x3fff, h & 0x3fff);
		}
		if (hasAscii(bytes, 12, 'VP8L')) {
			// Lossless: signature 0x2F, then width−1 and height−1 as 14-bit little-endian fields.
			const bits = u32(bytes, 21, true);
			if (u8(bytes, 20) !== 0x2f || bits < 0) return null;
			return sized((bits & 0x3fff) + 1, ((bits >>> 14) & 0x3fff) + 1);
		}
		if (hasAscii(bytes, 12, 'VP8X')) {
			// Extended: 4 bytes of flags, then canvas width−1 and height−1 as 24-bit fields.
			const w = u24le(bytes, 24);
			const h = u24le(bytes, 27);
			return w < 0 || h < 0 ? null : sized(w + 1, h + 1);
		}
		return null;
	},
	bmp(bytes) {
		const dibSize = u32(bytes, 14, true);
		if (dibSize === 12) return sized(u16(bytes, 18, true), u16(bytes, 20, true));
		if (dibSize < 40) return null;
		const w = u32(bytes, 18, true);
		const h = u32(bytes, 22, true);
		if (w < 0 || h < 0) return null;
		// Both are signed; a negative height means rows are stored top-down.
		return sized(w | 0, Math.abs(h | 0));
	},
	avif: readAvifSize,
	svg(bytes) {
		const svg = readSvgSize(bytes);
		return svg?.intrinsic
			? { width: Math.max(1, Math.round(svg.width)), height: Math.max(1, Math.round(svg.height)) }
			: null;
	}
};

function sized(width: number, height: number): PixelSize | null {
	return width > 0 && height > 0 ? { width, height } : null;
}

/**
 * Largest `ispe` box found: a grid image lists one per tile and one for the whole picture,
 * and the whole picture is what gets decoded.
 */
function readAvifSize(bytes: Uint8Array): PixelSize | null {
	const end = Math.min(bytes.length, AVIF_SCAN_LIMIT);
	let best: PixelSize | null = null;
	for (let at = 4; at + 16 <= end; at++) {
		// Box layout: size (4) "ispe" version+flags (4) width (4) height (4).
		if (bytes[at] !== 0x69 || !hasAscii(bytes, at, 'ispe') || u32(bytes, at - 4) !== 20) continue;
		const size = sized(u32(bytes, at + 8), u32(bytes, at + 12));
		if (size && (!best || size.width * size.height > best.width * best.height)) best = size;
	}
	return best;
}

/**
 * True when the file visibly ends early: a JPEG with no EOI marker (FF D9) after its scan
 * data, or a PNG with no IEND chunk. Trailing bytes after the end marker (some phones append
 * data) do not count as truncation. Other formats always give false.
 *
 * @param bytes the whole file
 * @param kind the format, from sniffImageType
 */
export function looksTruncated(bytes: Uint8Array, kind: ImageKind): boolean {
	if (kind === 'png') return lastIndexOf(bytes, [0x49, 0x45, 0x4e, 0x44], 8) === -1;
	if (kind !== 'jpeg') return false;
	let scanStart = -1;
	for (const { marker, dataEnd } of jpegSegments(bytes)) {
		if (marker === JPEG_SOS) scanStart = dataEnd;
	}
	// No complete header up to the scan: the compressed data cannot be there either.
	if (scanStart === -1) return true;
	// Inside scan data 0xFF is always followed by 0x00 or a restart marker, so FF D9 after the
	// first SOS can only be the real end of image.
	return lastIndexOf(bytes, [0xff, 0xd9], scanStart) === -1;
}

/** Last index ≥ `from` where `pattern` occurs in `bytes`, searching from the end; -1 if none. */
function lastIndexOf(bytes: Uint8Array, pattern: readonly number[], from: number): number {
	const first = pattern[0];
	for (let at = bytes.length - pattern.length; at >= from; at--) {
		if (bytes[at] === first && hasBytes(bytes, at, pattern)) return at;
	}
	return -1;
}
