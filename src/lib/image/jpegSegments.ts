import { u16 } from './byteReader';

/** One marker segment of a JPEG file's header. */
export interface JpegSegment {
	/** Marker code after 0xFF, e.g. 0xE1 for APP1, 0xC0 for SOF0, 0xDA for SOS. */
	marker: number;
	/** Offset of the segment's payload (just after its 2-byte length). */
	dataStart: number;
	/** Offset just past the payload. */
	dataEnd: number;
}

const SOI = 0xd8;
const EOI = 0xd9;
/** Start of scan: the last header segment before compressed data. */
export const JPEG_SOS = 0xda;

/** Markers that carry no length field (TEM, RST0–7). */
function isStandalone(marker: number): boolean {
	return marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7);
}

/**
 * Walks a JPEG's marker segments from SOI up to and including the first SOS (start of scan),
 * where compressed data begins. Stops quietly at the first thing that is not a well-formed,
 * complete segment, so callers see only segments that lie fully inside `bytes`.
 *
 * @param bytes the whole JPEG file
 */
export function* jpegSegments(bytes: Uint8Array): Generator<JpegSegment> {
	if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== SOI) return;
	let at = 2;
	while (at < bytes.length) {
		if (bytes[at] !== 0xff) return;
		// Any number of 0xFF fill bytes may precede a marker.
		while (at < bytes.length && bytes[at] === 0xff) at++;
		if (at >= bytes.length) return;
		const marker = bytes[at++];
		if (isStandalone(marker)) {
			yield { marker, dataStart: at, dataEnd: at };
			continue;
		}
		if (marker === EOI || marker === SOI || marker === 0x00) return;
		const length = u16(bytes, at);
		if (length < 2 || at + length > bytes.length) return;
		yield { marker, dataStart: at + 2, dataEnd: at + length };
		if (marker === JPEG_SOS) return;
		at += length;
	}
}

/** True for the start-of-frame markers SOF0–SOF15, which hold the image size. */
export function isStartOfFrame(marker: number): boolean {
	return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}
